import { describe, expect, it } from "vitest";
import { APPLICATION_KINDS } from "../shared/application";
import {
  BUILT_IN_RULE_HISTORY,
  checkProblem,
  INITIAL_RULE_HISTORY,
  decideRules,
  evolveRuleHistory,
  type RuleHistoryState,
  type RulesCommand,
  RULES_V1,
  decidePublishRules,
  diffRules,
  foldRuleHistory,
  parseRuleSet,
  ruleCheckKey,
  type RuleSet,
} from "./rules";

const keys = (kind: keyof RuleSet["kinds"]) => RULES_V1.kinds[kind].checks.map(ruleCheckKey);

describe("RULES_V1", () => {
  it("names only checks some department answers", () => {
    for (const kind of APPLICATION_KINDS) for (const c of RULES_V1.kinds[kind].checks) expect(checkProblem(c), ruleCheckKey(c)).toBeNull();
  });

  it("names the transfer's checks of DESIGN.md §2", () => {
    expect(keys("transfer")).toEqual([
      "police.identity:seller",
      "police.identity:buyer",
      "civil.marital_status:seller",
      "tax.deed_tax_paid:property",
      "housing.purchase_eligibility:buyer",
      "registry.sellers_hold_title:property",
      "registry.no_seizure:property",
      "registry.no_unreleased_mortgage:property",
    ]);
  });

  it("covers every kind; seizures are the registry's alone; mortgages ask the bank", () => {
    for (const kind of APPLICATION_KINDS) expect(RULES_V1.kinds[kind].checks.length).toBeGreaterThan(0);
    expect(RULES_V1.kinds.seizure.checks.every((c) => c.department === "registry")).toBe(true);
    expect(keys("mortgage")).toEqual(expect.arrayContaining(["police.identity:applicant", "bank.credit:applicant", "registry.no_seizure:property"]));
    expect(keys("first_registration")).toEqual(expect.arrayContaining(["land.land_use_right:applicant", "police.identity:applicant"]));
  });
});

describe("parseRuleSet", () => {
  const withTransferChecks = (checks: unknown[]) => ({ ...RULES_V1, kinds: { ...RULES_V1.kinds, transfer: { ...RULES_V1.kinds.transfer, checks } } });

  it("refuses a check on a party the kind does not have", () => {
    expect(() => parseRuleSet(withTransferChecks([{ department: "bank", check: "credit", party: "applicant", expectedHours: 1 }]))).toThrow(/transfer has no applicant/);
  });
  it("refuses duplicates, unknown registry facts, unknown departments and missing kinds", () => {
    const c = { department: "police", check: "identity", party: "seller", expectedHours: 1 };
    expect(() => parseRuleSet(withTransferChecks([c, c]))).toThrow(/duplicate check/);
    expect(() => parseRuleSet(withTransferChecks([{ department: "registry", check: "looks_fine", party: "property", expectedHours: 0 }]))).toThrow(/registry facts/);
    expect(() => parseRuleSet(withTransferChecks([{ ...c, department: "fbi" }]))).toThrow();
    const { seizure: _, ...kinds } = RULES_V1.kinds;
    expect(() => parseRuleSet({ version: 2, kinds })).toThrow();
  });
});

describe("diffRules", () => {
  it("is empty between a rule set and itself", () => {
    expect(diffRules(RULES_V1, RULES_V1)).toEqual([]);
  });
  it("lists added, removed and changed checks, documents and review time", () => {
    const t = RULES_V1.kinds.transfer;
    const v2 = parseRuleSet({
      version: 2,
      kinds: {
        ...RULES_V1.kinds,
        transfer: {
          checks: [
            ...t.checks.filter((c) => c.department !== "housing").map((c) => (c.department === "civil" ? { ...c, expectedHours: 2 } : c)),
            { department: "police", check: "criminal_record", party: "buyer", expectedHours: 4 },
          ],
          documents: [...t.documents.filter((d) => d !== "identity_document"), "deed_tax_receipt"],
          reviewHours: 24,
        },
      },
    });
    expect(diffRules(RULES_V1, v2).map((c) => `${c.kind} ${c.change} ${c.key}`)).toEqual([
      "transfer check_changed civil.marital_status:seller",
      "transfer check_removed housing.purchase_eligibility:buyer",
      "transfer check_added police.criminal_record:buyer",
      "transfer document_removed identity_document",
      "transfer document_added deed_tax_receipt",
      "transfer review_hours_changed reviewHours",
    ]);
  });
});

describe("publishing rule versions", () => {
  it("seeds version 1 by the system, then only a senior admin publishes the next version", () => {
    const seed = decidePublishRules(INITIAL_RULE_HISTORY, RULES_V1, { actor: { id: "system", role: "system" } });
    expect(seed.ok).toBe(true);
    if (!seed.ok) return;
    const history = foldRuleHistory(seed.events);
    expect(history.latestVersion).toBe(1);
    const v2 = { ...RULES_V1, version: 2 };
    expect(decidePublishRules(history, v2, { actor: { id: "system", role: "system" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decidePublishRules(history, v2, { actor: { id: "c", role: "clerk" } })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decidePublishRules(history, { ...RULES_V1, version: 3 }, { actor: { id: "s", role: "senior_admin" } })).toMatchObject({
      ok: false,
      error: { code: "VERSION_NOT_NEXT" },
    });
    expect(decidePublishRules(history, { version: 2 }, { actor: { id: "s", role: "senior_admin" } })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
    const next = decidePublishRules(history, v2, { actor: { id: "s", role: "senior_admin" } });
    expect(next).toMatchObject({ ok: true, events: [{ type: "rules.published", contract: "rules@1", subject: "rules:2", payload: { version: 2, changes: 0 } }] });
  });
});

describe("the rule desk with a second approval", () => {
  const a = { id: "senior-a", role: "senior_admin" };
  const b = { id: "senior-b", role: "senior_admin" };
  const withTax = {
    ...RULES_V1.kinds,
    mortgage: { ...RULES_V1.kinds.mortgage, checks: [...RULES_V1.kinds.mortgage.checks, { department: "tax", check: "deed_tax_paid", party: "property", expectedHours: 8 }] },
  };
  const on = (actor: { id: string; role: string }) => ({ actor, requireApproval: true });
  const run = (state: RuleHistoryState, command: RulesCommand, ctx: Parameters<typeof decideRules>[2]) => {
    const d = decideRules(state, command, ctx);
    if (!d.ok) throw new Error(d.error.code);
    return d.events.reduce(evolveRuleHistory, state);
  };

  it("starts from the built-in version 1", () => {
    expect(foldRuleHistory([])).toEqual(BUILT_IN_RULE_HISTORY);
  });

  it("a proposal waits; only another senior admin publishes it; the next proposal gets the next number", () => {
    const proposed = decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: withTax }, on(a));
    expect(proposed).toMatchObject({ ok: true, events: [{ type: "rules.proposed", subject: "rules:2", actor: "senior-a", payload: { version: 2, basedOn: 1, changes: 1 } }] });
    const waiting = run(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: withTax }, on(a));
    expect(waiting.versions.at(-1)!.version).toBe(1); // not in force yet
    expect(decideRules(waiting, { type: "approve", version: 2 }, on(a))).toMatchObject({ ok: false, error: { code: "SAME_ADMIN" } });
    expect(decideRules(waiting, { type: "approve", version: 3 }, on(b))).toMatchObject({ ok: false, error: { code: "NOT_PENDING" } });
    expect(decideRules(waiting, { type: "propose", kinds: withTax }, on(b))).toMatchObject({ ok: false, error: { code: "PENDING_EXISTS" } });
    const published = run(waiting, { type: "approve", version: 2 }, on(b));
    expect(published.pending).toBeNull();
    expect(published.versions.at(-1)!.kinds.mortgage.checks.map(ruleCheckKey)).toContain("tax.deed_tax_paid:property");
    // Back to the original rules is a change too: version 3.
    const back = decideRules(published, { type: "propose", kinds: RULES_V1.kinds }, on(b));
    expect(back).toMatchObject({ ok: true, events: [{ payload: { version: 3, basedOn: 2, changes: 1 } }] });
  });

  it("a withdrawn or rejected proposal burns its number; unchanged rules and other roles are refused", () => {
    const waiting = run(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: withTax }, on(a));
    expect(decideRules(waiting, { type: "reject", version: 2 }, on(a))).toMatchObject({ ok: true, events: [{ type: "rules.rejected", payload: { reason: "withdrawn" } }] });
    const rejected = run(waiting, { type: "reject", version: 2 }, on(b));
    expect(rejected.pending).toBeNull();
    expect(run(rejected, { type: "propose", kinds: withTax }, on(a)).pending?.version).toBe(3);
    expect(decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: RULES_V1.kinds }, on(a))).toMatchObject({ ok: false, error: { code: "NO_CHANGES" } });
    expect(decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: withTax }, on({ id: "c", role: "clerk" }))).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: { ...withTax, seizure: undefined } }, on(a))).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
    // A check no department answers, or about the wrong subject, would leave applications waiting for ever.
    const unknown = { ...withTax, mortgage: { ...withTax.mortgage, checks: [...withTax.mortgage.checks, { department: "tax", check: "income", party: "applicant", expectedHours: 8 }] } };
    expect(decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: unknown }, on(a))).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND", message: "mortgage: no department answers tax.income" } });
    const wrongSubject = { ...RULES_V1.kinds, mortgage: { ...RULES_V1.kinds.mortgage, checks: [...RULES_V1.kinds.mortgage.checks, { department: "tax", check: "deed_tax_paid", party: "applicant", expectedHours: 8 }] } };
    expect(decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: wrongSubject }, on(a))).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
  });

  it("without a second approval, proposing publishes at once", () => {
    const d = decideRules(BUILT_IN_RULE_HISTORY, { type: "propose", kinds: withTax }, { actor: a, requireApproval: false });
    expect(d).toMatchObject({ ok: true, events: [{ type: "rules.published", payload: { version: 2 } }] });
  });
});
