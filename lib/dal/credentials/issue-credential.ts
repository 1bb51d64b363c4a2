// Issues an electronic property credential (DESIGN.md §6): an RFC 9901 SD-JWT signed by the
// registry's `credential` key, whose digest the `credential.issued` ledger entry carries, in
// the caller's transaction (the approval that changed the property and the credential it
// yields commit together or not at all). The unit's previous credential, if any, is marked
// superseded and a `credential.superseded` entry says by which one; nothing is deleted.
//
// The credential cites its own issuing entry (`ledgerSeq`), so the seq must be known before
// signing: we take the ledger head lock first (appendEntries takes it again in the same
// transaction, which is a no-op), so no other append can slip in between.
import { currentTime } from "@/lib/clock";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable, Tx } from "@/lib/db";
import { credentials, ledgerEntries, properties } from "@/lib/db/schema";
import { property } from "@/contracts";
import type { RegistrationEvent } from "@/contracts/registration/registration";
import type { PropertyState } from "@/contracts/property/property";
import { readSecuredAmounts } from "@/lib/dal/registration/secured-amount";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { encryptPersonal } from "@/lib/crypto/personal-data";
import { sdJwtDigest } from "@/lib/credentials/verify-bundle";
import { issueSdJwt, type Disclosure } from "@/lib/credentials/sd-jwt";
import { appendEntries, lockHead } from "@/lib/ledger/append";
import { activeSigningKey } from "@/lib/ledger/keys";
import { forgetCredentials } from "./get-credential-answer";

export const CREDENTIAL_CONTRACT = "credential@1";

/** Status flags every verifier sees (DESIGN.md §6). */
export interface RightsFlags {
  registered: boolean;
  mortgaged: boolean;
  seized: boolean;
  inTransaction: boolean;
}

const holderSchema = z.object({
  /** Keyed-HMAC ref of the holder (personalRef("resident-id", id)). */
  ref: z.string().min(8).max(200),
  name: z.string().trim().min(1).max(100),
  residentId: z.string().trim().min(1).max(40),
});

const inputSchema = z.object({
  unitNumber: z.string().regex(/^[0-9]{12}[A-Z]{2}[0-9]{5}[FLQW][0-9]{8}$/, "a 28-character unit number (GB/T 37346)"),
  holders: z.array(holderSchema).min(1).max(20),
  /** What changed the property: the registration kind (`first_registration`, `seizure`, …) or `seed`. */
  reason: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/),
  /** The credential this one replaces; defaults to the unit's current valid credential. */
  supersedes: z.string().optional(),
  /** Status flags; by default folded from the unit's registration entries on the ledger. */
  status: z.object({ registered: z.boolean(), mortgaged: z.boolean(), seized: z.boolean(), inTransaction: z.boolean() }).optional(),
  /** Opaque reference of who caused the issue (the approving clerk's id); `system` by default. */
  actor: z.string().min(1).max(200).default("system"),
});
export type IssueCredentialInput = z.input<typeof inputSchema>;

export interface IssuedCredential {
  credentialId: string;
  ledgerSeq: number;
  /** `<JWS>~` as the public API serves it. */
  sdJwt: string;
  /** Holder disclosures by claim name (`holderNames`, `holderIdNumbers`, `securedAmounts` while mortgaged). */
  disclosures: Record<string, string>;
  /** The credential it superseded, if any. */
  superseded: string | null;
}

export class CredentialIssueError extends Error {
  constructor(
    readonly code: "UNKNOWN_UNIT" | "SUPERSEDES_MISMATCH",
    message: string,
  ) {
    super(message);
    this.name = "CredentialIssueError";
  }
}

/** A fresh credential id: `dc-` + 120 random bits (not guessable, so not enumerable). */
export function newCredentialId(): string {
  return `dc-${randomBytes(15).toString("base64url")}`;
}

/** The unit folded from its registration entries (property@1). */
export async function foldUnit(q: Queryable, unitNumber: string): Promise<PropertyState> {
  const rows = await q
    .select({ entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(sql`${ledgerEntries.type} like 'registration.%'`, sql`(${ledgerEntries.entry}::jsonb -> 'payload' ->> 'unitNumber') = ${unitNumber}`))
    .orderBy(ledgerEntries.seq);
  const events = rows.map((r) => JSON.parse(r.entry) as RegistrationEvent);
  return property.fold(unitNumber, events);
}

/** The unit's rights folded from its registration entries (property@1). */
export async function foldRights(q: Queryable, unitNumber: string): Promise<RightsFlags> {
  return property.rightsStatus(await foldUnit(q, unitNumber));
}

/** Secured amounts (canonical yuan) of the unit's mortgages in force, oldest first; those
 * filed without an amount are left out. */
export async function securedAmountsInForce(q: Queryable, unit: PropertyState): Promise<string[]> {
  const amounts = await readSecuredAmounts(q, unit.mortgages);
  return unit.mortgages.flatMap((m) => amounts.get(m.mortgageId) ?? []);
}

/** Sealed-disclosure field name (binds the ciphertext to its column). */
export const DISCLOSURES_FIELD = "credential_disclosures";

export async function issueCredential(tx: Tx, rawInput: IssueCredentialInput): Promise<IssuedCredential> {
  const input = inputSchema.parse(rawInput);
  const head = await lockHead(tx);
  const [unit] = await tx.select().from(properties).where(eq(properties.unitNumber, input.unitNumber));
  if (!unit) throw new CredentialIssueError("UNKNOWN_UNIT", `no property with unit number ${input.unitNumber}`);
  const [previous] = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(and(eq(credentials.unitNumber, input.unitNumber), eq(credentials.status, "valid")))
    .for("update");
  if (input.supersedes !== undefined && input.supersedes !== previous?.id) {
    throw new CredentialIssueError(
      "SUPERSEDES_MISMATCH",
      `credential ${input.supersedes} is not the current valid credential of ${input.unitNumber} (that is ${previous?.id ?? "none"})`,
    );
  }
  const unitState = await foldUnit(tx, input.unitNumber);
  const status = input.status ?? property.rightsStatus(unitState);
  // A mortgage's amount is the holder's to show, like their name: disclosable only.
  const securedAmounts = await securedAmountsInForce(tx, unitState);
  const credentialId = newCredentialId();
  const ledgerSeq = head.size;
  const key = await activeSigningKey(tx, "registry", "credential");
  const issued = issueSdJwt({
    backend: nodeBackend,
    keyName: key.name,
    sign: key.sign,
    visibleClaims: {
      credentialId,
      unitNumber: input.unitNumber,
      status,
      area: Number(unit.area),
      use: unit.use,
      district: unit.district,
      iat: Math.floor(currentTime().getTime() / 1000),
      ledgerSeq,
    },
    disclosableClaims: {
      holderNames: input.holders.map((h) => h.name),
      holderIdNumbers: input.holders.map((h) => h.residentId),
      ...(securedAmounts.length > 0 ? { securedAmounts } : {}),
    },
  });
  const byName = Object.fromEntries(issued.disclosures.map((d: Disclosure) => [d.name, d.encoded]));

  if (previous) {
    // Before the insert: the unique index allows one valid credential per unit.
    await tx
      .update(credentials)
      .set({ status: "superseded", supersededBy: credentialId, supersededAt: currentTime() })
      .where(eq(credentials.id, previous.id));
  }
  const appended = await appendEntries(tx, [
    {
      type: "credential.issued",
      contract: CREDENTIAL_CONTRACT,
      department: "registry",
      actor: input.actor,
      subject: credentialId,
      payload: {
        credentialId,
        sdJwtSha256: sdJwtDigest(nodeBackend, issued.jws),
        unitNumber: input.unitNumber,
        reason: input.reason,
        ...(previous ? { supersedes: previous.id } : {}),
      },
    },
    ...(previous
      ? [
          {
            type: "credential.superseded",
            contract: CREDENTIAL_CONTRACT,
            department: "registry" as const,
            actor: input.actor,
            subject: previous.id,
            payload: { credentialId: previous.id, supersededBy: credentialId, unitNumber: input.unitNumber, reason: input.reason },
          },
        ]
      : []),
  ]);
  if (appended[0]!.seq !== ledgerSeq) throw new Error(`credential ${credentialId} was signed for seq ${ledgerSeq} but logged at ${appended[0]!.seq}`);
  await tx.insert(credentials).values({
    id: credentialId,
    unitNumber: input.unitNumber,
    status: "valid",
    supersedes: previous?.id ?? null,
    reason: input.reason,
    sdJwt: issued.sdJwt,
    holderRefs: input.holders.map((h) => h.ref),
    holderDisclosuresCipher: await encryptPersonal(tx, "registry", DISCLOSURES_FIELD, JSON.stringify(byName)),
    ledgerSeq,
    issuedAt: new Date(appended[0]!.entry.time),
  });
  if (previous) forgetCredentials([previous.id]);
  return { credentialId, ledgerSeq, sdJwt: issued.sdJwt, disclosures: byName, superseded: previous?.id ?? null };
}
