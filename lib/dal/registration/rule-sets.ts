// The rule set an application runs under (contracts/rules). Published versions are
// `rules.published` entries (subject `rules:<version>`); before the seed version is on the
// ledger, version 1 is RULES_V1 itself.
//
// A submission needs only the newest published entry, so only that one is read (the
// (type, seq) index answers it from the top). Parsed sets are cached by the entry's leaf
// hash: the hash names the exact bytes parsed, so one process serving several databases
// (the tests do) can never take one database's version N for another's, and the cache also
// hits inside transactions, where each call gets a new handle object.
import { and, desc, eq } from "drizzle-orm";
import { rules } from "@/contracts";
import type { RuleSet } from "@/contracts/rules/rules";
import type { Queryable } from "@/lib/db";
import { ledgerEntries } from "@/lib/db/schema";
import { FlowError } from "./errors";

const CACHE_LIMIT = 200;
const parsedByLeafHash = new Map<string, RuleSet>();

/** Reads of the `rules.published` entries, counted so tests can see what the cache spares. */
export const ruleSetReads = { heads: 0, parses: 0 };

async function newestPublished(q: Queryable, subject?: string): Promise<RuleSet | null> {
  ruleSetReads.heads += 1;
  const [head] = await q
    .select({ seq: ledgerEntries.seq, leafHash: ledgerEntries.leafHash })
    .from(ledgerEntries)
    .where(subject === undefined ? eq(ledgerEntries.type, "rules.published") : and(eq(ledgerEntries.type, "rules.published"), eq(ledgerEntries.subject, subject)))
    .orderBy(desc(ledgerEntries.seq))
    .limit(1);
  if (!head) return null;
  const hit = parsedByLeafHash.get(head.leafHash);
  if (hit) return hit;
  const [row] = await q.select({ entry: ledgerEntries.entry }).from(ledgerEntries).where(eq(ledgerEntries.seq, head.seq));
  if (!row) return null;
  ruleSetReads.parses += 1;
  const set = rules.parseRuleSet((JSON.parse(row.entry) as { payload: { ruleSet: unknown } }).payload.ruleSet);
  if (parsedByLeafHash.size >= CACHE_LIMIT) parsedByLeafHash.clear();
  parsedByLeafHash.set(head.leafHash, set);
  return set;
}

/** The newest published rule set (what a submission runs under). */
export async function activeRuleSet(q: Queryable): Promise<RuleSet> {
  return (await newestPublished(q)) ?? rules.RULES_V1;
}

/** The rule set of one version (what an application keeps running under). */
export async function ruleSetVersion(q: Queryable, version: number | null): Promise<RuleSet> {
  if (version === null) return activeRuleSet(q);
  const found = await newestPublished(q, `rules:${version}`);
  if (found) return found;
  if (version === 1) return rules.RULES_V1;
  throw new FlowError("RULE_VERSION_UNKNOWN", 409, `Rule version ${version} is not on the ledger.`, undefined, { version });
}
