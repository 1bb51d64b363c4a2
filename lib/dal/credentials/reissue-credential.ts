// A correction of a property record that changes a claim the unit's credential shows (its
// `area` or `use`, DESIGN.md §6) reissues the credential, in the correction's transaction:
// the new one carries the corrected record, the old one is superseded (not deleted, still
// verifying as "superseded" on /verify), and the `credential.issued` / `credential.superseded`
// entries name each other, as for any change of the property.
//
// The holders do not change, so neither do their names, ID numbers or the rights flags: they
// are taken from the credential being replaced, after checking its signature and disclosures.
// The sealed disclosures are opened only to be sealed again into the successor inside this
// transaction; no person reads them, so this is not an access to personal data (no grant,
// no access entry), unlike the approval path that reads the holders' account records.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { credentials } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { verifySdJwt } from "@/lib/credentials/sd-jwt";
import { listLedgerKeys } from "@/lib/ledger/keys";
import { DISCLOSURES_FIELD, issueCredential, type IssuedCredential, type RightsFlags } from "./issue-credential";

/** Property fields that are credential claims: a revision of one of these reissues. */
export const CREDENTIAL_CLAIM_FIELDS = ["area", "use"] as const;

/** Reissues the unit's valid credential with its current record; null when it has none. */
export async function reissueCredential(tx: Tx, options: { unitNumber: string; reason: string; actor: string }): Promise<IssuedCredential | null> {
  const [current] = await tx
    .select()
    .from(credentials)
    .where(and(eq(credentials.unitNumber, options.unitNumber), eq(credentials.status, "valid")))
    .for("update");
  if (!current) return null;
  const jws = current.sdJwt.split("~")[0]!;
  const kid = (JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString("utf8")) as { kid?: string }).kid;
  const key = (await listLedgerKeys(tx)).find((k) => k.name === kid && k.role === "credential");
  if (!key) throw new Error(`credential ${current.id} names an unknown key ${kid}`);
  const sealed = JSON.parse(await decryptPersonal(tx, "registry", DISCLOSURES_FIELD, current.holderDisclosuresCipher)) as Record<string, string>;
  const verified = verifySdJwt(nodeBackend, `${jws}~${Object.values(sealed).map((d) => `${d}~`).join("")}`, key.publicKey);
  if (!verified.ok) throw new Error(`credential ${current.id} does not verify with its own disclosures (${verified.reason}): not reissued`);
  const names = verified.disclosed.holderNames;
  const ids = verified.disclosed.holderIdNumbers;
  const refs = current.holderRefs;
  if (!Array.isArray(names) || !Array.isArray(ids) || names.length !== refs.length || ids.length !== refs.length) {
    throw new Error(`credential ${current.id}: its holder disclosures do not match its ${refs.length} holder refs`);
  }
  return issueCredential(tx, {
    unitNumber: options.unitNumber,
    holders: refs.map((ref, i) => ({ ref, name: String(names[i]), residentId: String(ids[i]) })),
    reason: options.reason,
    supersedes: current.id,
    // A record correction changes no right: the flags stay as the replaced credential had them.
    status: verified.claims.status as RightsFlags,
    actor: options.actor,
  });
}
