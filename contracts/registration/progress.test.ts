import { describe, expect, it } from "vitest";
import { RULES_V1 } from "../rules/rules";
import { overdueHours, progress, type TimedRegistrationEvent } from "./progress";
import { DEPARTMENT_CHECKS, Story, clerk, ctx, doc, seller } from "./testing";

/** Stamps the story's events one hour apart, as the ledger would. */
const timed = (s: Story): TimedRegistrationEvent[] =>
  s.events.map((event, seq) => ({ event, seq, time: new Date(Date.UTC(2026, 10, 24, seq)).toISOString().replace(".000Z", "Z") }));

describe("progress timeline", () => {
  it("shows who holds each step, since when, what it answered and what is next", () => {
    const s = Story.checksPending();
    s.answer("police.identity:seller-0", "yes");
    s.answer("civil.marital_status:seller-0", "no", "married_no_consent");
    const { steps, next, state } = progress(timed(s), RULES_V1);
    expect(state).toEqual(s.state);
    expect(next).toBe("departments");
    expect(steps.map((x) => x.key).slice(0, 3)).toEqual(["filed", "counterparty:buyer-0", "intake"]);
    expect(steps.find((x) => x.key === "counterparty:buyer-0")).toMatchObject({ holder: "resident", state: "done", outcome: "confirmed", seq: 2 });
    expect(steps.find((x) => x.key === "intake")).toMatchObject({ holder: "registry", since: "2026-11-24T02:00:00Z", until: "2026-11-24T03:00:00Z", expectedHours: 48 });
    expect(steps.find((x) => x.key === "check:police.identity:seller-0")).toMatchObject({
      holder: "police",
      state: "done",
      outcome: "yes",
      since: "2026-11-24T04:00:00Z",
      dueAt: "2026-11-24T08:00:00Z",
      until: "2026-11-24T05:00:00Z",
    });
    expect(steps.find((x) => x.key === "check:civil.marital_status:seller-0")).toMatchObject({ holder: "civil", state: "failed", reasonCode: "married_no_consent" });
    const housing = steps.find((x) => x.key === "check:housing.purchase_eligibility:buyer-0")!;
    expect(housing).toMatchObject({ holder: "housing", state: "current", expectedHours: 24, dueAt: "2026-11-25T04:00:00Z" });
    expect(overdueHours(housing, "2026-11-25T10:00:00Z")).toBe(6);
    expect(overdueHours(housing, "2026-11-25T03:00:00Z")).toBe(0);
    expect(steps.filter((x) => x.holder === "registry" && x.kind === "check").every((x) => x.state === "done")).toBe(true);
  });

  it("keeps the first attempt of a re-run check and ends with the decision", () => {
    const s = Story.checksPending();
    for (const id of DEPARTMENT_CHECKS) s.answer(id, id.startsWith("civil") ? "no" : "yes", id.startsWith("civil") ? "married_no_consent" : null);
    s.do({ type: "requestMaterial", reason: { code: "spouse_consent_missing" }, documentKinds: ["spouse_consent"] }, ctx(clerk));
    s.do({ type: "provideMaterial", documents: [doc(7, "spouse_consent")] }, ctx(seller));
    s.do({ type: "dispatchChecks" }, ctx(clerk));
    s.answer("civil.marital_status:seller-0", "yes").do({ type: "approve" }, ctx(clerk));
    const { steps, next } = progress(timed(s), RULES_V1);
    expect(next).toBeNull();
    expect(steps.find((x) => x.key === "check:civil.marital_status:seller-0")).toMatchObject({ state: "failed" });
    expect(steps.find((x) => x.key === "check:civil.marital_status:seller-0#2")).toMatchObject({ state: "done", outcome: "yes" });
    expect(steps.find((x) => x.kind === "material")).toMatchObject({ holder: "resident", state: "done", outcome: "provided", reasonCode: "spouse_consent_missing" });
    expect(steps.at(-1)).toMatchObject({ key: "decision", outcome: "approved", state: "done", seq: s.events.length - 1 });
  });
});
