// The public progress query: right digits → status only; wrong digits, an unknown number and
// a draft → the same "not found"; an address that keeps guessing is slowed down.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { queryProgress } from "./query-progress";
import { saveDraft } from "./save-draft";
import { createFlowFixture, demoResident, fileTransfer, unitsHeldBy, type FlowFixture } from "./testing";

let fx: FlowFixture;
let submitted: string;
let draft: string;
let sellerPhone: string;
const roomy = () => createRateLimiter({ capacity: 100, refillPerSecond: 1 });

beforeAll(async () => {
  fx = await createFlowFixture();
  const seller = await demoResident(fx.db, "张伟");
  const buyer = await demoResident(fx.db, "刘芳");
  sellerPhone = seller.actor.login;
  const [unit, other] = await unitsHeldBy(fx.db, seller.ref);
  submitted = await fileTransfer(fx.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
  draft = (await saveDraft(fx.db, { actor: seller.actor, input: { kind: "transfer", unitNumber: other ?? unit!, parties: [] } })).applicationId;
}, 120_000);
afterAll(() => fx.close());

describe("progress query without signing in", () => {
  it("answers the status, and only the status, for the right last four digits", async () => {
    const answer = await queryProgress(fx.db, { input: { applicationId: submitted, phoneLast4: sellerPhone.slice(-4) }, clientKey: "a", limiter: roomy() });
    expect(answer).toEqual({ ok: true, status: "awaiting_counterparty" });
  });

  it("gives wrong digits, an unknown number and a draft the same answer", async () => {
    const limiter = roomy();
    const wrong = String((Number(sellerPhone.slice(-4)) + 1) % 10_000).padStart(4, "0");
    const answers = [
      await queryProgress(fx.db, { input: { applicationId: submitted, phoneLast4: wrong }, clientKey: "b", limiter }),
      await queryProgress(fx.db, { input: { applicationId: "app-00000000-0000-4000-8000-000000000000", phoneLast4: sellerPhone.slice(-4) }, clientKey: "b", limiter }),
      await queryProgress(fx.db, { input: { applicationId: draft, phoneLast4: sellerPhone.slice(-4) }, clientKey: "b", limiter }),
    ];
    for (const answer of answers) expect(answer).toEqual({ ok: false, reason: "NOT_FOUND" });
  });

  it("limits each address, not everyone", async () => {
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 0.001 });
    const ask = (clientKey: string) => queryProgress(fx.db, { input: { applicationId: submitted, phoneLast4: sellerPhone.slice(-4) }, clientKey, limiter });
    expect((await ask("c")).ok).toBe(true);
    expect((await ask("c")).ok).toBe(true);
    expect(await ask("c")).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    expect((await ask("d")).ok).toBe(true);
  });
});
