// The rule set an application runs under (contracts/rules). Published versions are
// `rules.published` entries (subject `rules:<version>`); before the seed version is on the
// ledger, version 1 is RULES_V1 itself. Versions never change once published, so they are
// cached per process.
import { asc, eq } from "drizzle-orm";
import { rules } from "@/contracts";
import type { RuleSet } from "@/contracts/rules/rules";
import type { Queryable } from "@/lib/db";
import { ledgerEntries } from "@/lib/db/schema";
import { FlowError } from "./errors";

const cache = new Map<number, RuleSet>([[1, rules.RULES_V1]]);

async function publishedVersions(q: Queryable): Promise<RuleSet[]> {
  const rows = await q.select({ entry: ledgerEntries.entry }).from(ledgerEntries).where(eq(ledgerEntries.type, "rules.published")).orderBy(asc(ledgerEntries.seq));
  return rows.map((r) => rules.parseRuleSet((JSON.parse(r.entry) as { payload: { ruleSet: unknown } }).payload.ruleSet));
}

/** The newest published rule set (what a submission runs under). */
export async function activeRuleSet(q: Queryable): Promise<RuleSet> {
  const published = await publishedVersions(q);
  for (const set of published) cache.set(set.version, set);
  return published.at(-1) ?? rules.RULES_V1;
}

/** The rule set of one version (what an application keeps running under). */
export async function ruleSetVersion(q: Queryable, version: number | null): Promise<RuleSet> {
  if (version === null) return activeRuleSet(q);
  const hit = cache.get(version);
  if (hit) return hit;
  for (const set of await publishedVersions(q)) cache.set(set.version, set);
  const found = cache.get(version);
  if (!found) throw new FlowError("RULE_VERSION_UNKNOWN", 409, `Rule version ${version} is not on the ledger.`, undefined, { version });
  return found;
}
