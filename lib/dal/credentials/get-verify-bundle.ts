// Everything the public verify page needs to check a credential in the browser with the
// network cut after load: the API answer, the ledger's key list and the issuing entry
// (DESIGN.md §6). Public data only; nothing here identifies the holder.
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { credentials } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { CredentialBundle } from "@/lib/credentials/verify-bundle";
import { listLedgerKeys, publicKeyInfo } from "@/lib/ledger/keys";
import { postgresLedgerStore } from "@/lib/ledger/store";
import { getCredentialAnswer } from "./get-credential-answer";

export interface VerifyPageData {
  bundle: Omit<CredentialBundle, "disclosures"> | null;
  /** Why the bundle is missing: no such credential, or logged moments ago. */
  missing: "unknown" | "logging" | null;
  successor: { id: string; reason: string } | null;
  /** Department cosignatures a checkpoint needs (the server's WITNESS_QUORUM). */
  quorum: number;
  /** When the bundle was read (RFC 3339), shown when the live status cannot be refreshed. */
  loadedAt: string;
}

export async function getVerifyBundle(q: Queryable, id: string): Promise<VerifyPageData> {
  const loadedAt = new Date().toISOString();
  const result = await getCredentialAnswer(q, id);
  if (!result.ok) return { bundle: null, missing: result.status === 404 ? "unknown" : "logging", successor: null, quorum: env.WITNESS_QUORUM, loadedAt };
  const { answer } = result;
  const [keys, stored, successorRow] = await Promise.all([
    listLedgerKeys(q),
    postgresLedgerStore(q).entry(answer.ledger.seq),
    result.supersededBy
      ? q.select({ id: credentials.id, reason: credentials.reason }).from(credentials).where(eq(credentials.id, result.supersededBy))
      : Promise.resolve([]),
  ]);
  if (!stored) throw new Error(`credential ${id} cites ledger entry ${answer.ledger.seq}, which is missing`);
  return {
    bundle: {
      answer,
      keys: keys.map(publicKeyInfo),
      entry: { seq: stored.seq, entry: stored.entry, leafHash: stored.leafHash, signature: stored.signature, keyName: stored.keyName },
    },
    missing: null,
    successor: successorRow[0] ?? null,
    quorum: env.WITNESS_QUORUM,
    loadedAt,
  };
}
