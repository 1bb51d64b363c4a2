// What follows an approval inside its transaction: the electronic property credential
// (DESIGN.md §6) is issued for the unit's holders as they now stand, so the approval and
// its credential commit together. Holder names and ID numbers come from the registry's own
// account records (decrypted here, encrypted again inside the credential module). That is a
// read of personal data, so it is decided by access-log@1 against the registry's live
// case_review grants and recorded per holder first; with no live grant the refusal is
// recorded and no credential is issued (the approval stands). A holder without a portal
// account has neither name nor ID on file: no credential either, until they sign up.
import { eq, inArray } from "drizzle-orm";
import { accessLog, property } from "@/contracts";
import type { ContractEvent } from "@/contracts";
import type { Actor as ContractActor } from "@/contracts";
import { loadGrants } from "@/lib/dal/access/grants-store";
import { nowInstant } from "./actors";
import { appendEvents } from "./ledger-io";
import type { Tx } from "@/lib/db";
import { properties, users } from "@/lib/db/schema";
import { openDisplayName } from "@/lib/dal/auth/user-identity";
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
  /** The approving clerk. */
  readonly actor: ContractActor;
}

export interface OnApprovedResult {
  readonly credentialId: string | null;
  readonly credentialSeq: number | null;
  /** Why no credential was issued, when none was. */
  readonly skipped: "unit_not_in_register" | "holder_without_account" | "no_holders" | "no_live_grant" | null;
  /** Seqs of the access entries (reads or refusals) the issue wrote. */
  readonly accessSeqs: readonly number[];
}

export async function onApproved(tx: Tx, approved: ApprovedContext): Promise<OnApprovedResult> {
  const skip = (skipped: OnApprovedResult["skipped"], accessSeqs: readonly number[] = []): OnApprovedResult => ({ credentialId: null, credentialSeq: null, skipped, accessSeqs });
  const holders = approved.rights.holders;
  if (holders.length === 0) return skip("no_holders");
  const [unit] = await tx.select({ id: properties.id }).from(properties).where(eq(properties.unitNumber, approved.unitNumber));
  if (!unit) return skip("unit_not_in_register");
  const accounts = await tx
    .select({ ref: users.residentIdHmac, nameCipher: users.displayNameCipher, idCipher: users.residentIdCipher })
    .from(users)
    .where(inArray(users.residentIdHmac, [...holders]));
  if (holders.some((ref) => !accounts.find((a) => a.ref === ref)?.idCipher)) return skip("holder_without_account");
  // The case was open until this very approval: the read is decided as of that moment.
  const grants = await loadGrants(tx, "registry");
  const at = nowInstant();
  const decisions = holders.map((ref) =>
    accessLog.decideRead(
      { department: "registry", check: "case_view", purpose: "case_review", subjectRef: ref, applicationId: approved.applicationId, applicationOpen: true },
      { kind: "grants", grants },
      { actor: approved.actor, at },
    ),
  );
  if (decisions.some((d) => !d.ok)) {
    const refused = await appendEvents(tx, decisions.filter((d) => !d.ok).flatMap((d) => d.events as readonly ContractEvent[]));
    return skip("no_live_grant", refused.map((r) => r.seq));
  }
  const reads = await appendEvents(tx, decisions.flatMap((d) => d.events as readonly ContractEvent[]));
  const resolved = [];
  for (const ref of holders) {
    const account = accounts.find((a) => a.ref === ref)!;
    resolved.push({ ref, name: await openDisplayName(tx, account.nameCipher), residentId: await decryptPersonal(tx, "registry", "resident_id", account.idCipher!) });
  }
  const issued = await issueCredential(tx, {
    unitNumber: approved.unitNumber,
    holders: resolved,
    reason: approved.kind,
    status: property.rightsStatus(approved.rights),
    actor: approved.actor.id,
  });
  return { credentialId: issued.credentialId, credentialSeq: issued.ledgerSeq, skipped: null, accessSeqs: reads.map((r) => r.seq) };
}
