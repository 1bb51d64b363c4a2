// Rule desk (issue 6 item 1): senior.admin proposes a version that adds a tax check to
// mortgages; it is not in force until senior.admin2 approves it; a mortgage filed before keeps
// version 1, one filed after runs under the new version; the desk reads its history back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules } from "@/contracts";
import { fileInstitutionFiling } from "@/lib/dal/properties/file-institution-filing";
import { getCaseTimeline } from "@/lib/dal/registration/get-case-timeline";
import { activeRuleSet } from "@/lib/dal/registration/rule-sets";
import { actorByLogin, createFlowFixture, demoResident, pdfBytes, pngBytes, unitsHeldBy, type FlowFixture } from "@/lib/dal/registration/testing";
import { loadRuleDesk, runRulesCommand } from "./rule-desk";

let f: FlowFixture;
beforeAll(async () => {
  f = await createFlowFixture();
});
afterAll(async () => f?.close());

const withTax = {
  ...rules.RULES_V1.kinds,
  mortgage: { ...rules.RULES_V1.kinds.mortgage, checks: [...rules.RULES_V1.kinds.mortgage.checks, { department: "tax", check: "deed_tax_paid", party: "property", expectedHours: 8 }] },
};

async function fileMortgage(ownerName: string): Promise<string> {
  const owner = await demoResident(f.db, ownerName);
  const [unit] = await unitsHeldBy(f.db, owner.ref);
  const filed = await fileInstitutionFiling(f.db, {
    actor: await actorByLogin(f.db, "bank.officer"),
    input: {
      kind: "mortgage",
      unitNumber: unit!,
      ownerResidentId: owner.residentId,
      securedAmount: "500000.00",
      documents: [
        { kind: "mortgage_contract", fileName: "m.pdf", bytes: pdfBytes("mortgage") },
        { kind: "identity_document", fileName: "id.png", bytes: pngBytes() },
      ],
    },
  });
  return filed.applicationId;
}

describe("rule versions with a second approval", () => {
  it("takes effect only when a second senior admin approves; open applications keep their version", async () => {
    const a = await actorByLogin(f.db, "senior.admin");
    const b = await actorByLogin(f.db, "senior.admin2");
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const before = await fileMortgage("刘芳");

    const proposed = await runRulesCommand(f.db, { actor: a, command: { type: "propose", kinds: withTax }, requireApproval: true });
    expect(proposed).toMatchObject({ version: 2, type: "rules.proposed" });
    expect((await activeRuleSet(f.db)).version).toBe(1);
    await expect(runRulesCommand(f.db, { actor: a, command: { type: "approve", version: 2 }, requireApproval: true })).rejects.toThrow("adminRules.errors.SAME_ADMIN");
    await expect(runRulesCommand(f.db, { actor: clerk, command: { type: "approve", version: 2 } })).rejects.toMatchObject({ name: "ForbiddenError" });
    const approved = await runRulesCommand(f.db, { actor: b, command: { type: "approve", version: 2 }, requireApproval: true });
    expect(approved).toMatchObject({ version: 2, type: "rules.published" });
    const active = await activeRuleSet(f.db);
    expect(active.version).toBe(2);
    expect(active.kinds.mortgage.checks.map(rules.ruleCheckKey)).toContain("tax.deed_tax_paid:property");

    const after = await fileMortgage("杨丽");
    expect((await getCaseTimeline(f.db, { actor: a, applicationId: before })).ruleVersion).toBe(1);
    expect((await getCaseTimeline(f.db, { actor: a, applicationId: after })).ruleVersion).toBe(2);

    const desk = await loadRuleDesk(f.db, { actor: b });
    expect(desk.active.version).toBe(2);
    expect(desk.pending).toBeNull();
    expect(desk.versions.map((v) => [v.version, v.status, v.proposedBy, v.decidedBy])).toEqual([
      [2, "active", a.userId, b.userId],
      [1, "superseded", null, null],
    ]);
    expect(desk.names[a.userId]).toBe(a.displayName);

    // A withdrawn proposal burns its number; the restoring version is 4.
    await runRulesCommand(f.db, { actor: b, command: { type: "propose", kinds: rules.RULES_V1.kinds }, requireApproval: true });
    await runRulesCommand(f.db, { actor: b, command: { type: "reject", version: 3 }, requireApproval: true });
    await runRulesCommand(f.db, { actor: b, command: { type: "propose", kinds: rules.RULES_V1.kinds }, requireApproval: true });
    await runRulesCommand(f.db, { actor: a, command: { type: "approve", version: 4 }, requireApproval: true });
    const restored = await activeRuleSet(f.db);
    expect(restored.version).toBe(4);
    expect(rules.diffRules(rules.RULES_V1, restored)).toEqual([]);
    expect((await loadRuleDesk(f.db, { actor: a })).versions.map((v) => [v.version, v.status])).toEqual([
      [4, "active"],
      [3, "withdrawn"],
      [2, "superseded"],
      [1, "superseded"],
    ]);
  });
});
