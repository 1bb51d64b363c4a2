// The printable PDF of one of the holder's credentials (lib/credentials/pdf.ts), its QR code
// pointing to the public verify page. Anyone but a holder gets "not found".
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { LOUDI_DISTRICTS } from "@/lib/db/schema";
import { credentialPdf } from "@/lib/credentials/pdf";
import { ownCredential } from "./holder-access";

export type CredentialPdfResult = { ok: true; bytes: Uint8Array; filename: string } | { ok: false; status: 404; error: string };

/** `origin` (scheme://host of the request) makes the QR code's absolute URL. */
export async function getCredentialPdf(q: Queryable, actor: Actor, id: string, origin: string): Promise<CredentialPdfResult> {
  const row = await ownCredential(q, actor, id);
  if (!row) return { ok: false, status: 404, error: "You hold no credential with this id." };
  const payloadPart = row.sdJwt.split("~")[0]!.split(".")[1]!;
  const claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")) as {
    status: { registered: boolean; mortgaged: boolean; seized: boolean; inTransaction: boolean };
    area: number;
    use: string;
    district: string;
  };
  const bytes = await credentialPdf({
    credentialId: row.id,
    unitNumber: row.unitNumber,
    status: row.status,
    flags: claims.status,
    area: claims.area,
    use: claims.use,
    district: LOUDI_DISTRICTS.find((d) => d.code === claims.district)?.nameEn ?? claims.district,
    issuedAt: row.issuedAt,
    ledgerSeq: row.ledgerSeq,
    verifyUrl: new URL(`/verify/${encodeURIComponent(row.id)}`, origin).toString(),
  });
  return { ok: true, bytes, filename: `deedchain-credential-${row.id}.pdf` };
}
