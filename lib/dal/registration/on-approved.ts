// What follows an approval inside its transaction: the electronic property credential
// (DESIGN.md §6) is issued for the unit's holders as they now stand, so the approval and
// its credential commit together. Holder names and ID numbers come from the registry's own
// account records (decrypted here, encrypted again inside the credential module); a holder
// without a portal account has neither on file, and then no credential is issued (the
// approval stands; the credential can be issued when the holder signs up).
import { eq, inArray } from "drizzle-orm";
import { property } from "@/contracts";
import type { Tx } from "@/lib/db";
import { properties, users } from "@/lib/db/schema";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { issueCredential } from "@/lib/dal/credentials/issue-credential";
import type { PropertyState } from "./property-rights";

export interface ApprovedContext {
  readonly applicationId: string;
  readonly kind: string;
  readonly unitNumber: string;
  /** Seq of the `registration.approved` entry. */
  readonly approvalSeq: number;
  readonly rights: PropertyState;
  /** The approving clerk's opaque id. */
  readonly actorId: string;
}

export interface OnApprovedResult {
  readonly credentialId: string | null;
  readonly credentialSeq: number | null;
  /** Why no credential was issued, when none was. */
  readonly skipped: "unit_not_in_register" | "holder_without_account" | "no_holders" | null;
}

export async function onApproved(tx: Tx, approved: ApprovedContext): Promise<OnApprovedResult> {
  const holders = approved.rights.holders;
  if (holders.length === 0) return { credentialId: null, credentialSeq: null, skipped: "no_holders" };
  const [unit] = await tx.select({ id: properties.id }).from(properties).where(eq(properties.unitNumber, approved.unitNumber));
  if (!unit) return { credentialId: null, credentialSeq: null, skipped: "unit_not_in_register" };
  const accounts = await tx
    .select({ ref: users.residentIdHmac, name: users.displayName, idCipher: users.residentIdCipher })
    .from(users)
    .where(inArray(users.residentIdHmac, [...holders]));
  const resolved = [];
  for (const ref of holders) {
    const account = accounts.find((a) => a.ref === ref);
    if (!account?.idCipher) return { credentialId: null, credentialSeq: null, skipped: "holder_without_account" };
    resolved.push({ ref, name: account.name, residentId: await decryptPersonal(tx, "registry", "resident_id", account.idCipher) });
  }
  const issued = await issueCredential(tx, {
    unitNumber: approved.unitNumber,
    holders: resolved,
    reason: approved.kind,
    status: property.rightsStatus(approved.rights),
    actor: approved.actorId,
  });
  return { credentialId: issued.credentialId, credentialSeq: issued.ledgerSeq, skipped: null };
}
