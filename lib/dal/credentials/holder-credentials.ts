// The signed-in resident's own credentials: the list for their property page, the PDF, and
// the share link that discloses their name to whoever they send it to (in the URL fragment
// only, which browsers never send to a server). Only a holder of the credential gets any of
// it; anyone else gets "not found", so ids of others' credentials reveal nothing here.
import { eq, sql } from "drizzle-orm";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { credentials, LOUDI_DISTRICTS, users } from "@/lib/db/schema";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { credentialPdf } from "@/lib/credentials/pdf";
import { isCredentialId } from "./get-credential-answer";
import { DISCLOSURES_FIELD } from "./issue-credential";

async function holderRefOf(q: Queryable, actor: Actor): Promise<string | null> {
  if (!can(actor, "property.view_own")) return null;
  const [row] = await q.select({ ref: users.residentIdHmac }).from(users).where(eq(users.id, actor.userId));
  return row?.ref ?? null;
}

export interface HolderCredential {
  id: string;
  unitNumber: string;
  status: "valid" | "superseded" | "revoked";
  reason: string;
  supersededBy: string | null;
  issuedAt: Date;
  ledgerSeq: number;
}

/** Every credential (current and superseded) naming the actor as a holder, newest first. */
export async function listHolderCredentials(q: Queryable, actor: Actor): Promise<HolderCredential[]> {
  const ref = await holderRefOf(q, actor);
  if (!ref) return [];
  return q
    .select({
      id: credentials.id,
      unitNumber: credentials.unitNumber,
      status: credentials.status,
      reason: credentials.reason,
      supersededBy: credentials.supersededBy,
      issuedAt: credentials.issuedAt,
      ledgerSeq: credentials.ledgerSeq,
    })
    .from(credentials)
    .where(sql`${credentials.holderRefs} @> ${JSON.stringify([ref])}::jsonb`)
    .orderBy(sql`${credentials.issuedAt} desc`);
}

async function ownCredential(q: Queryable, actor: Actor, id: string) {
  if (!isCredentialId(id)) return null;
  const ref = await holderRefOf(q, actor);
  if (!ref) return null;
  const [row] = await q.select().from(credentials).where(eq(credentials.id, id));
  return row && row.holderRefs.includes(ref) ? row : null;
}

/**
 * The path of a share link: `/verify/{id}#d=<disclosures>`. `disclose` picks the claims
 * (by default the holder names only, never the ID numbers unless asked).
 */
export async function holderShareLink(
  q: Queryable,
  actor: Actor,
  id: string,
  disclose: readonly ("holderNames" | "holderIdNumbers")[] = ["holderNames"],
): Promise<string | null> {
  if (!can(actor, "credential.share")) return null;
  const row = await ownCredential(q, actor, id);
  if (!row) return null;
  const disclosures = JSON.parse(await decryptPersonal(q, "registry", DISCLOSURES_FIELD, row.holderDisclosuresCipher)) as Record<string, string>;
  const shared = disclose.map((name) => disclosures[name]).filter((d): d is string => typeof d === "string");
  return `/verify/${encodeURIComponent(row.id)}${shared.length ? `#d=${shared.join("~")}` : ""}`;
}

export type CredentialPdfResult = { ok: true; bytes: Uint8Array; filename: string } | { ok: false; status: 404; error: string };

/** The printable PDF of one of the actor's credentials; `origin` makes the QR's absolute URL. */
export async function holderCredentialPdf(q: Queryable, actor: Actor, id: string, origin: string): Promise<CredentialPdfResult> {
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
