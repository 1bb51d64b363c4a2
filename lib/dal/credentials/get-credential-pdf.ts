// The printable PDF of one of the holder's credentials (lib/credentials/pdf.ts), its QR code
// pointing to the public verify page. Anyone but a holder gets "not found" (recorded).
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { LOUDI_DISTRICTS } from "@/lib/db/schema";
import { credentialPdf, type CredentialPdfText } from "@/lib/credentials/pdf";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { loadMessages } from "@/lib/i18n/messages";
import { DISCLOSURES_FIELD } from "./issue-credential";
import { recordRefusedAccess } from "@/lib/dal/security/refused-access";
import { ownCredential } from "./holder-access";

export type CredentialPdfResult = { ok: true; bytes: Uint8Array; filename: string } | { ok: false; status: 404; error: string };

/** `origin` (scheme://host of the request) makes the QR code's absolute URL. */
export async function getCredentialPdf(q: Queryable, actor: Actor, id: string, origin: string): Promise<CredentialPdfResult> {
  const row = await ownCredential(q, actor, id);
  if (!row) {
    // The same answer whether the credential exists or not; the attempt is recorded.
    await recordRefusedAccess(q, actor, { resource: "credential", id });
    return { ok: false, status: 404, error: "You hold no credential with this id." };
  }
  const payloadPart = row.sdJwt.split("~")[0]!.split(".")[1]!;
  const claims = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")) as {
    status: { registered: boolean; mortgaged: boolean; seized: boolean; inTransaction: boolean };
    area: number;
    use: string;
    district: string;
  };
  // The holder's own names, from the disclosures kept for them (the paper shows its right holders).
  const disclosures = JSON.parse(await decryptPersonal(q, "registry", DISCLOSURES_FIELD, row.holderDisclosuresCipher)) as Record<string, string>;
  const names = disclosures.holderNames ? (JSON.parse(Buffer.from(disclosures.holderNames, "base64url").toString("utf8")) as [string, string, unknown])[2] : [];
  const district = LOUDI_DISTRICTS.find((d) => d.code === claims.district);
  const bytes = await credentialPdf({
    credentialId: row.id,
    unitNumber: row.unitNumber,
    status: row.status,
    flags: claims.status,
    area: claims.area,
    use: claims.use,
    district: { zh: district?.nameZh ?? claims.district, en: district?.nameEn ?? claims.district },
    holderNames: Array.isArray(names) ? names.map(String) : [],
    issuedAt: row.issuedAt,
    ledgerSeq: row.ledgerSeq,
    verifyUrl: new URL(`/verify/${encodeURIComponent(row.id)}`, origin).toString(),
    text: { zh: loadMessages("zh-CN").credentialPdf as unknown as CredentialPdfText, en: loadMessages("en").credentialPdf as unknown as CredentialPdfText },
  });
  return { ok: true, bytes, filename: `deedchain-credential-${row.id}.pdf` };
}
