import { describe, expect, it } from "vitest";
import { APPLICATION_KINDS } from "../shared/application";
import {
  INITIAL_RULE_HISTORY,
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
