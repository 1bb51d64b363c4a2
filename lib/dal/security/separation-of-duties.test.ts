// Integration (issue 7, items 1 and 5): separation of duties and the ledger under attack at the
// data-access layer. Each refusal is asserted together with "nothing was written": the ledger's
// size and the request's status are unchanged.
//   - an admin cannot authorise a request they raised (as a clerk, before being made the
//     department's admin), neither by hand nor through a standing rule they set;
//   - a clerk cannot authorise, refuse or set standing rules, even of their own department;
//   - a department cannot authorise, refuse or answer another department's request (to it the
//     request does not exist: the same 404 as an unknown id, recorded), through the
//     use-case or its server action;
//   - two authorisations or two answers of one request at the same moment: exactly one of each
//     reaches the ledger, and a replayed answer writes nothing.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, type Actor } from "@/lib/auth/permissions";
import { registrationVerificationRequests, users } from "@/lib/db/schema";
import { defineAction, type ActionDeps } from "@/lib/dal/action";
import { revokeGrant } from "@/lib/dal/access/revoke-grant";
import { setStandingRule } from "@/lib/dal/access/set-standing-rule";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import {
  actorByLogin,
  createStaff,
  createUnit,
  demoResident,
  entriesSince,
  fileTransfer,
  ledgerSize,
  payDeedTax,
  setTransferStandingRules,
  type FlowFixture,
  createFlowFixture,
} from "@/lib/dal/registration/testing";
import { answerRequest } from "@/lib/dal/departments/answer-request";
import type { FlowError } from "@/lib/dal/registration/errors";
import { authoriseRequest } from "@/lib/dal/departments/authorise-request";
import { refuseRequest } from "@/lib/dal/departments/refuse-request";

let f: FlowFixture;
const residents = ["张伟", "刘芳", "陈刚", "杨丽"] as const;
let next = 0;

beforeAll(async () => {
  f = await createFlowFixture();
  // Housing has no standing rule: its admin decides each request by hand.
  await setTransferStandingRules(f.db, ["police", "civil", "tax"]);
});
afterAll(async () => f?.close());

/** A transfer whose housing check waits for the housing admin, dispatched by `clerk`. */
async function housingRequest(clerk: Actor) {
  const seller = await demoResident(f.db, residents[next % 4]!);
  const buyer = await demoResident(f.db, residents[(next + 1) % 4]!);
  next++;
  const unit = await createUnit(f.db, seller.ref, 80_000 + next);
  await payDeedTax(f.db, unit!, buyer.ref);
  const applicationId = await fileTransfer(f.db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit! });
  await confirmApplication(f.db, { actor: buyer.actor, applicationId });
  await claimApplication(f.db, { actor: clerk, applicationId });
  const dispatched = await dispatchChecks(f.db, { actor: clerk, applicationId, answerNow: false });
  const housing = dispatched.requests.find((r) => r.department === "housing")!;
  expect(housing.standingRule).toBeNull();
  return { applicationId, requestId: housing.requestId };
}

async function requestStatus(requestId: string): Promise<string> {
  const [row] = await f.db.select({ status: registrationVerificationRequests.status }).from(registrationVerificationRequests).where(eq(registrationVerificationRequests.requestId, requestId));
  return row!.status;
}

/** Runs a refused command: it must throw, and leave the ledger and the request as they were. */
async function refusedWritingNothing(requestId: string, run: () => Promise<unknown>) {
  const size = await ledgerSize(f.db);
  const status = await requestStatus(requestId);
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the command was refused").not.toBeNull();
  expect(await ledgerSize(f.db)).toBe(size);
  expect(await requestStatus(requestId)).toBe(status);
  return error as { code?: string; status?: number };
}

describe("separation of duties", () => {
  it("an admin cannot authorise a request they raised: not by hand, not through a standing rule they set", async () => {
    // The clerk who raised the request is then made the housing department's admin (as /admin/staff would).
    const raiser = await createStaff(f.db, "clerk.sod.raiser", "clerk", "registry");
    const { requestId } = await housingRequest(raiser);
    await f.db.update(users).set({ role: "department_admin", department: "housing" }).where(eq(users.id, raiser.userId));
    const nowAdmin = await actorByLogin(f.db, "clerk.sod.raiser");
    expect(nowAdmin).toMatchObject({ role: "department_admin", department: "housing" });

    const error = await refusedWritingNothing(requestId, () => authoriseRequest(f.db, { actor: nowAdmin, requestId }));
    expect(error).toMatchObject({ code: "SEPARATION_OF_DUTIES", status: 403 });

    // A standing rule they set covers housing checks from now on, but not the request they raised.
    const size = await ledgerSize(f.db);
    const rule = await setStandingRule(f.db, { actor: nowAdmin, input: { check: "purchase_eligibility" } });
    expect(rule.applied.authorised).toBe(0);
    expect((await entriesSince(f.db, size)).map((e) => e.type)).toEqual(["access_grant.granted"]);
    expect(await requestStatus(requestId)).toBe("requested");

    // Another admin of the department may authorise it.
    const r = await authoriseRequest(f.db, { actor: await actorByLogin(f.db, "admin.housing"), requestId, answerNow: false });
    expect(r.status).toBe("authorised");
    // The rule goes again, so the next cases wait for the admin by hand.
    await revokeGrant(f.db, { actor: await actorByLogin(f.db, "admin.housing"), input: { grantId: rule.grantId, reasonCode: "policy_change" } });
  });

  it("a clerk cannot authorise, refuse or set a standing rule, even for their own department", async () => {
    const registryClerk = await actorByLogin(f.db, "clerk.registry");
    const { requestId } = await housingRequest(registryClerk);
    for (const clerk of [registryClerk, await actorByLogin(f.db, "clerk.housing")]) {
      expect(await refusedWritingNothing(requestId, () => authoriseRequest(f.db, { actor: clerk, requestId }))).toBeInstanceOf(ForbiddenError);
      expect(await refusedWritingNothing(requestId, () => refuseRequest(f.db, { actor: clerk, input: { requestId, reasonCode: "not_needed" } }))).toBeInstanceOf(ForbiddenError);
      expect(await refusedWritingNothing(requestId, () => answerRequest(f.db, { actor: clerk, requestId }))).toBeInstanceOf(ForbiddenError);
      expect(await refusedWritingNothing(requestId, () => setStandingRule(f.db, { actor: clerk, input: { check: "purchase_eligibility" } }))).toBeInstanceOf(ForbiddenError);
    }
  });

  it("a department cannot authorise, refuse or answer another department's request — through the use-case or the server action", async () => {
    const clerk = await actorByLogin(f.db, "clerk.registry");
    const { requestId } = await housingRequest(clerk);
    const tax = await actorByLogin(f.db, "admin.tax");
    // To another department the request does not exist: the same refusal as an unknown id,
    // with what the boundary records (lib/dal/security/refused-access.ts).
    const unknownId = `vr-${randomUUID()}`;
    const sameAsUnknown = async (run: (id: string) => Promise<unknown>) => {
      const refused = (await refusedWritingNothing(requestId, () => run(requestId))) as FlowError;
      const unknown = (await run(unknownId).catch((e: unknown) => e)) as FlowError;
      expect([refused.code, refused.status, refused.message]).toEqual([unknown.code, unknown.status, unknown.message]);
      expect(refused).toMatchObject({ code: "NOT_FOUND", status: 404, target: { resource: "verification_request", id: requestId, exists: true } });
      expect(unknown.target).toEqual({ resource: "verification_request", id: unknownId, exists: false });
    };
    await sameAsUnknown((id) => authoriseRequest(f.db, { actor: tax, requestId: id }));
    await sameAsUnknown((id) => refuseRequest(f.db, { actor: tax, input: { requestId: id, reasonCode: "not_needed" } }));

    // Authorised by housing, then tax tries to give the answer (as the action on /department does).
    await authoriseRequest(f.db, { actor: await actorByLogin(f.db, "admin.housing"), requestId, answerNow: false });
    await sameAsUnknown((id) => answerRequest(f.db, { actor: tax, requestId: id }));
    const deps: ActionDeps = {
      getActor: async () => tax,
      translate: async () => (key) => key,
      refuse: () => {
        throw new Error("refused by role");
      },
      signIn: () => {
        throw new Error("sign in");
      },
    };
    const answerInboxRequest = defineAction(z.object({ requestId: z.string() }), "check.answer", async (input, { actor }) => {
      await answerRequest(f.db, { actor, requestId: input.requestId });
      return { ok: true };
    }, deps);
    const form = new FormData();
    form.set("requestId", requestId);
    const size = await ledgerSize(f.db);
    expect(await answerInboxRequest(null, form)).toMatchObject({ ok: false });
    expect(await ledgerSize(f.db)).toBe(size);
    expect(await requestStatus(requestId)).toBe("authorised");
  });
});

describe("the ledger under attack: races and replays", () => {
  it("two admins authorising one request at the same moment: one verification.authorised entry", async () => {
    const { requestId } = await housingRequest(await actorByLogin(f.db, "clerk.registry"));
    const second = await createStaff(f.db, "admin.housing.2", "department_admin", "housing");
    const size = await ledgerSize(f.db);
    const results = await Promise.allSettled([
      authoriseRequest(f.db, { actor: await actorByLogin(f.db, "admin.housing"), requestId, answerNow: false }),
      authoriseRequest(f.db, { actor: second, requestId, answerNow: false }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const written = await entriesSince(f.db, size);
    expect(written.filter((e) => e.type === "verification.authorised" && e.subject === requestId)).toHaveLength(1);
    expect(written).toHaveLength(1);
  });

  it("two answers of one request at the same moment: one read, one signed answer; a replay afterwards writes nothing", async () => {
    const { requestId } = await housingRequest(await actorByLogin(f.db, "clerk.registry"));
    const admin = await actorByLogin(f.db, "admin.housing");
    await authoriseRequest(f.db, { actor: admin, requestId, answerNow: false });
    const size = await ledgerSize(f.db);
    const results = await Promise.allSettled([answerRequest(f.db, { actor: "system", requestId }), answerRequest(f.db, { actor: admin, requestId })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "REPLAYED_ANSWER", status: 409 });
    const written = await entriesSince(f.db, size);
    expect(written.filter((e) => e.type === "verification.answered")).toHaveLength(1);
    expect(written.filter((e) => e.type === "access.read")).toHaveLength(1);
    const after = await ledgerSize(f.db);
    await expect(answerRequest(f.db, { actor: "system", requestId })).rejects.toMatchObject({ code: "REPLAYED_ANSWER" });
    expect(await ledgerSize(f.db)).toBe(after);
  });
});
