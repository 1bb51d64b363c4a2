// Rule sets as submissions and cases read them: two databases in one process that both
// publish a version 2, with different checks, each get their own; the active set is the
// newest published entry, and an unchanged ledger is not parsed again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules } from "@/contracts";
import type { RuleSet } from "@/contracts/rules/rules";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { appendEntry } from "@/lib/ledger/append";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { activeRuleSet, ruleSetReads, ruleSetVersion } from "./rule-sets";

const taxCheck = { department: "tax", check: "deed_tax_paid", party: "property", expectedHours: 8 } as const;

function versionOf(version: number, withTax: boolean): RuleSet {
  const mortgage = rules.RULES_V1.kinds.mortgage;
  return rules.parseRuleSet({
    version,
    kinds: { ...rules.RULES_V1.kinds, mortgage: { ...mortgage, checks: withTax ? [...mortgage.checks, taxCheck] : mortgage.checks, reviewHours: 10 + version } },
  });
}

async function publish(db: TestDb, set: RuleSet): Promise<void> {
  await db.db.transaction((tx) =>
    appendEntry(tx, {
      type: "rules.published",
      contract: rules.RULES_CONTRACT.id,
      department: "registry",
      actor: "system",
      subject: `rules:${set.version}`,
      payload: { version: set.version, ruleSet: set as unknown as Record<string, unknown> },
    }),
  );
}

const hasTax = (set: RuleSet) => set.kinds.mortgage.checks.some((c) => rules.ruleCheckKey(c) === rules.ruleCheckKey(taxCheck));

let a: TestDb;
let b: TestDb;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  await Promise.all([ensureLedgerKeys(a.db), ensureLedgerKeys(b.db)]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe("rule sets", () => {
  it("are version 1 before anything is published", async () => {
    expect(await activeRuleSet(a.db)).toBe(rules.RULES_V1);
    expect(await ruleSetVersion(a.db, 1)).toBe(rules.RULES_V1);
    await expect(ruleSetVersion(a.db, 2)).rejects.toMatchObject({ code: "RULE_VERSION_UNKNOWN" });
  });

  it("never take one database's version for another's", async () => {
    await publish(a, versionOf(2, true));
    // Read A's version 2 first, so a cache keyed by version alone would answer B with it.
    expect(hasTax(await ruleSetVersion(a.db, 2))).toBe(true);
    await publish(b, versionOf(2, false));
    expect(hasTax(await ruleSetVersion(b.db, 2))).toBe(false);
    expect(hasTax(await activeRuleSet(b.db))).toBe(false);
    expect(hasTax(await activeRuleSet(a.db))).toBe(true);
    // Inside a transaction too (a submission reads it there).
    expect(await b.db.transaction((tx) => activeRuleSet(tx))).toMatchObject({ version: 2, kinds: { mortgage: { reviewHours: 12 } } });
  });

  it("take the newest published entry, and parse an unchanged ledger's once", async () => {
    await publish(a, versionOf(3, false));
    await publish(a, versionOf(4, true));
    const before = ruleSetReads.parses;
    const active = await activeRuleSet(a.db);
    expect(active).toMatchObject({ version: 4, kinds: { mortgage: { reviewHours: 14 } } });
    expect(ruleSetReads.parses - before).toBe(1);
    for (let i = 0; i < 5; i++) expect(await activeRuleSet(a.db)).toBe(active);
    expect(ruleSetReads.parses - before).toBe(1);
    // An application filed under version 3 keeps it.
    expect(await ruleSetVersion(a.db, 3)).toMatchObject({ version: 3, kinds: { mortgage: { reviewHours: 13 } } });
  });
});
