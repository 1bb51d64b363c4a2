// An institution's credential lookup (issue 5 §4): with its API key and, optionally, the
// disclosures a holder shared with it (from the holder's share link), the answer carries the
// live status, the always-visible claims and the disclosed ones. Every such lookup writes an
// `access.read` entry per holder, whose subject is the holder's ref, so the holder sees in
// their access log which institution looked, when, and on what authority (their own
// disclosure, or none: status only).
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { credentials } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { verifySdJwt } from "@/lib/credentials/sd-jwt";
import { sharedGroupCommitter } from "@/lib/ledger/group-commit";
import { listLedgerKeys } from "@/lib/ledger/keys";
import { authenticateApiKey } from "./authenticate-api-key";
import { isCredentialId } from "./get-credential-answer";
import { CREDENTIAL_CONTRACT } from "./issue-credential";

export const lookupBodySchema = z.object({
  /** Disclosures (base64url, as in the holder's share link after `#d=`), at most a few. */
  disclosures: z.array(z.string().regex(/^[A-Za-z0-9_-]{8,4000}$/)).max(10).default([]),
  /** Why the institution looks (shown to the holder). */
  purpose: z.enum(["mortgage", "court_case", "school_enrolment", "other"]).default("other"),
});
export type LookupBody = z.input<typeof lookupBodySchema>;

export interface LookupAnswer {
  id: string;
  status: "valid" | "superseded" | "revoked";
  supersededBy: string | null;
  claims: Record<string, unknown>;
  disclosed: Record<string, unknown>;
  ledgerSeq: number;
}

export type LookupResult = { ok: true; answer: LookupAnswer } | { ok: false; status: 400 | 401 | 404; error: string };

export async function lookupWithKey(db: Db, input: { bearer: string; id: string; body: unknown }): Promise<LookupResult> {
  const holder = await authenticateApiKey(db, input.bearer);
  if (!holder) return { ok: false, status: 401, error: "The API key is unknown or revoked: ask the registration centre for a key." };
  const body = lookupBodySchema.safeParse(input.body ?? {});
  if (!body.success) {
    return { ok: false, status: 400, error: `Invalid lookup: ${body.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ")}` };
  }
  if (!isCredentialId(input.id)) return { ok: false, status: 404, error: "No credential has this id." };
  const [row] = await db.select().from(credentials).where(eq(credentials.id, input.id));
  if (!row) return { ok: false, status: 404, error: `No credential has the id ${input.id}.` };

  const jws = row.sdJwt.split("~")[0]!;
  const kid = (JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString("utf8")) as { kid?: string }).kid;
  const key = (await listLedgerKeys(db)).find((k) => k.name === kid && k.role === "credential");
  if (!key) throw new Error(`credential ${row.id} names an unknown key ${kid}`);
  const presented = `${jws}~${body.data.disclosures.map((d) => `${d}~`).join("")}`;
  const verified = verifySdJwt(nodeBackend, presented, key.publicKey);
  if (!verified.ok) {
    return { ok: false, status: 400, error: `The disclosures do not belong to this credential (${verified.reason}): use the holder's share link for this credential.` };
  }
  const disclosedNames = Object.keys(verified.disclosed).sort();
  // Nothing but entries to write: concurrent lookups share one statement (group commit).
  await sharedGroupCommitter(db).appendAll(
    row.holderRefs.map((holderRef) => ({
      type: "access.read",
      contract: CREDENTIAL_CONTRACT,
      department: "registry" as const,
      actor: `institution-key:${holder.keyId}`,
      subject: holderRef,
      payload: {
        department: "registry",
        check: "credential_lookup",
        purpose: body.data.purpose,
        requester: holder.kind,
        institution: holder.institution,
        applicationId: null,
        credentialId: row.id,
        disclosed: disclosedNames,
        // Same shape as access-log@1's citations, so the holder's access log reads it as is.
        authorisation:
          disclosedNames.length > 0
            ? { kind: "holder_disclosure", via: "holder_disclosure", grantId: null, authorisedBy: holderRef }
            : { kind: "public_status", via: "public_status", grantId: null, authorisedBy: "system:registry" },
      },
    })),
  );
  return {
    ok: true,
    answer: {
      id: row.id,
      status: row.status,
      supersededBy: row.supersededBy,
      claims: verified.claims,
      disclosed: verified.disclosed,
      ledgerSeq: row.ledgerSeq,
    },
  };
}
