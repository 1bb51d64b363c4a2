// Integration (issue 7, item 1): insecure direct object references. A resident asking for
// another resident's application, document or credential by id — through the use-cases the
// pages call, a server action (defineAction) and the route handlers' use-cases — gets exactly
// the answer they get for an id that does not exist; the attempt is recorded in
// access_refusals (whether the record exists is kept for operators, never shown) and nothing
// else is written. Staff of the wrong department and institutions get the same answer for a
// real and a made-up case or document.
import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/auth/permissions";
import { accessRefusals, properties, propertyHoldings, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { defineAction, type ActionDeps } from "@/lib/dal/action";
import { getCredentialPdf } from "@/lib/dal/credentials/get-credential-pdf";
import { listHolderCredentials } from "@/lib/dal/credentials/list-holder-credentials";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { downloadDocument } from "@/lib/dal/registration/download-document";
import { getDraft } from "@/lib/dal/registration/get-draft";
import { getProgress } from "@/lib/dal/registration/get-progress";
import { getUnitHolders } from "@/lib/dal/registration/get-unit-holders";
import { openCase } from "@/lib/dal/registration/open-case";
import { provideMaterial } from "@/lib/dal/registration/provide-material";
import { saveDraft } from "@/lib/dal/registration/save-draft";
import { submitApplication } from "@/lib/dal/registration/submit-application";
import { uploadDocument } from "@/lib/dal/registration/upload-document";
import { withdrawApplication } from "@/lib/dal/registration/withdraw-application";
import {
  actorByLogin,
  createFlowFixture,
  demoResident,
  fileTransfer,
  ledgerSize,
  pdfBytes,
  setCaseViewRule,
  unitsHeldBy,
  type FlowFixture,
} from "@/lib/dal/registration/testing";
import { listAccessRefusals } from "./list-access-refusals";
import { pruneOldRefusals } from "./refused-access";
import { recordIfRefused } from "./refused-access";

let f: FlowFixture;
let owner: Awaited<ReturnType<typeof demoResident>>;
let buyer: Awaited<ReturnType<typeof demoResident>>;
let stranger: Awaited<ReturnType<typeof demoResident>>;
let applicationId: string;
let draftId: string;
let documentId: string;
const missingApplication = () => `app-${randomUUID()}`;
const missingDocument = () => `doc-${randomUUID()}`;

beforeAll(async () => {
  f = await createFlowFixture();
  owner = await demoResident(f.db, "张伟");
  buyer = await demoResident(f.db, "刘芳");
  stranger = await demoResident(f.db, "陈刚");
  const units = await unitsHeldBy(f.db, owner.ref);
  applicationId = await fileTransfer(f.db, { seller: owner, buyerResidentId: buyer.residentId, unitNumber: units[0]! });
  const draft = await saveDraft(f.db, {
    actor: owner.actor,
    input: { kind: "transfer", unitNumber: units[1] ?? units[0]!, parties: [{ role: "seller", residentId: owner.residentId }, { role: "buyer", residentId: buyer.residentId }] },
  });
  draftId = draft.applicationId;
  documentId = (await uploadDocument(f.db, { actor: owner.actor, input: { applicationId: draftId, kind: "sale_contract", fileName: "张伟-合同.pdf", bytes: pdfBytes() } })).documentId;
});
afterAll(async () => f?.close());

async function refusals(actor: Actor) {
  return f.db.select().from(accessRefusals).where(eq(accessRefusals.actorUserId, actor.userId)).orderBy(accessRefusals.at);
}

async function refusalCount(): Promise<number> {
  const [row] = await f.db.select({ n: count() }).from(accessRefusals);
  return row?.n ?? 0;
}

/** The refusal as the caller sees it: class, code, status and sentence. */
async function answerOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return "answered";
  } catch (error) {
    const e = error as { name?: string; code?: string; status?: number; message?: string };
    return { name: e.name, code: e.code, status: e.status, message: e.message };
  }
}

/** Calls `ask` with someone else's real id and with an unknown id: both answers must be the same refusal. */
async function sameAnswer(ask: (id: string) => Promise<unknown>, realId: string, missingId: string) {
  const size = await ledgerSize(f.db);
  const real = await answerOf(() => ask(realId));
  const missing = await answerOf(() => ask(missingId));
  expect(real).not.toBe("answered");
  expect(real).toEqual(missing);
  expect(await ledgerSize(f.db)).toBe(size);
  return real;
}

describe("resident B asking for resident A's records by id", () => {
  const cases: [string, (actor: Actor, id: string) => Promise<unknown>][] = [
    ["getProgress (the progress page)", (actor, id) => getProgress(f.db, { actor, applicationId: id })],
    ["getUnitHolders (the progress page)", (actor, id) => getUnitHolders(f.db, { actor, applicationId: id })],
    ["getDraft (the edit page)", (actor, id) => getDraft(f.db, { actor, applicationId: id })],
    ["confirmApplication", (actor, id) => confirmApplication(f.db, { actor, applicationId: id })],
    ["withdrawApplication", (actor, id) => withdrawApplication(f.db, { actor, input: { applicationId: id } })],
    ["provideMaterial", (actor, id) => provideMaterial(f.db, { actor, input: { applicationId: id } })],
    ["submitApplication", (actor, id) => submitApplication(f.db, { actor, applicationId: id })],
    ["uploadDocument", (actor, id) => uploadDocument(f.db, { actor, input: { applicationId: id, kind: "sale_contract", fileName: "x.pdf", bytes: pdfBytes() } })],
    [
      "saveDraft over A's id",
      (actor, id) =>
        saveDraft(f.db, {
          actor,
          input: { applicationId: id, kind: "transfer", unitNumber: "431302001001GB00001F00010001", parties: [{ role: "seller", residentId: stranger.residentId }, { role: "buyer", residentId: buyer.residentId }] },
        }),
    ],
  ];
  for (const [name, ask] of cases) {
    it(`${name}: the same 404 for A's application and for an unknown id, nothing written`, async () => {
      const answer = await sameAnswer((id) => ask(stranger.actor, id), applicationId, missingApplication());
      expect(answer).toMatchObject({ code: "NOT_FOUND", status: 404 });
    });
  }

  it("A's draft, which even the named buyer may not see, answers like an unknown id", async () => {
    await sameAnswer((id) => getDraft(f.db, { actor: buyer.actor, applicationId: id }), draftId, missingApplication());
    await sameAnswer((id) => submitApplication(f.db, { actor: buyer.actor, applicationId: id }), draftId, missingApplication());
  });

  it("the document download (GET /api/documents/{id}): the same 404, the attempt recorded with whether it exists", async () => {
    const before = await refusals(stranger.actor);
    const size = await ledgerSize(f.db);
    const real = await downloadDocument(f.db, { actor: stranger.actor, documentId });
    const missing = await downloadDocument(f.db, { actor: stranger.actor, documentId: missingDocument() });
    const malformed = await downloadDocument(f.db, { actor: stranger.actor, documentId: "../../etc/passwd" });
    expect(real).toEqual({ ok: false, status: 404 });
    expect(missing).toEqual(real);
    expect(malformed).toEqual(real);
    expect(await ledgerSize(f.db)).toBe(size);
    const recorded = (await refusals(stranger.actor)).slice(before.length);
    expect(recorded.map((r) => [r.resource, r.resourceId === documentId, r.targetExists, r.actorRole])).toEqual([
      ["document", true, true, "resident"],
      ["document", false, false, "resident"],
      ["document", false, false, "resident"],
    ]);
    // The owner still downloads it, and that writes no refusal.
    expect(await downloadDocument(f.db, { actor: owner.actor, documentId })).toMatchObject({ ok: true });
    expect(await refusals(owner.actor)).toHaveLength(0);
  });

  it("the credential PDF (GET /api/credentials/{id}/pdf): the same 404 for A's credential and an unknown one, recorded", async () => {
    const [credential] = await listHolderCredentials(f.db, owner.actor);
    expect(credential).toBeDefined();
    const before = (await refusals(stranger.actor)).length;
    const real = await getCredentialPdf(f.db, stranger.actor, credential!.id, "http://portal.test");
    const missing = await getCredentialPdf(f.db, stranger.actor, "cred-does-not-exist-0001", "http://portal.test");
    expect(real).toEqual({ ok: false, status: 404, error: expect.any(String) });
    expect(missing).toEqual(real);
    const recorded = (await refusals(stranger.actor)).slice(before);
    expect(recorded.map((r) => [r.resource, r.targetExists])).toEqual([
      ["credential", true],
      ["credential", false],
    ]);
    expect((await getCredentialPdf(f.db, owner.actor, credential!.id, "http://portal.test")).ok).toBe(true);
  });

  it("a server action (defineAction): the same message for A's id and an unknown id; each attempt recorded once, nothing else written", async () => {
    const deps: ActionDeps = {
      getActor: async () => stranger.actor,
      translate: async () => (key) => key,
      refuse: () => {
        throw new Error("refused");
      },
      signIn: () => {
        throw new Error("sign in");
      },
      recordRefusal: (actor, error) => recordIfRefused(f.db, actor, error),
    };
    const withdraw = defineAction(
      z.object({ applicationId: z.string() }),
      "application.file",
      async (input, { actor }) => {
        await withdrawApplication(f.db, { actor, input });
        return { ok: true };
      },
      deps,
    );
    const form = (id: string) => {
      const data = new FormData();
      data.set("applicationId", id);
      return data;
    };
    const before = await refusalCount();
    const size = await ledgerSize(f.db);
    const real = await withdraw(null, form(applicationId));
    const missingId = missingApplication();
    const missing = await withdraw(null, form(missingId));
    expect(real).toEqual({ ok: false, message: "The application was not found, or is not yours to see." });
    expect(missing).toEqual(real);
    expect(await ledgerSize(f.db)).toBe(size);
    expect(await refusalCount()).toBe(before + 2);
    const recorded = (await refusals(stranger.actor)).slice(-2);
    expect(recorded.map((r) => [r.resource, r.resourceId, r.targetExists])).toEqual([
      ["application", applicationId, true],
      ["application", missingId, false],
    ]);
    // An ordinary refusal of one's own case (not a look-up of someone else's) is not a refused look-up.
    const view = defineAction(z.object({ applicationId: z.string() }), "application.view_own", async (input, { actor }) => {
      await getProgress(f.db, { actor, applicationId: input.applicationId });
      return { ok: true };
    }, { ...deps, getActor: async () => owner.actor });
    expect(await view(null, form(applicationId))).toEqual({ ok: true });
    expect(await refusals(owner.actor)).toHaveLength(0);
  });

  it("the records hold no personal data: account id, role, kind, opaque id, exists", async () => {
    const rows = await f.db.select().from(accessRefusals);
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    for (const person of [owner, buyer, stranger]) expect(text).not.toContain(person.residentId);
    expect(text).not.toContain("张伟");
    expect(Object.keys(rows[0]!).sort()).toEqual(["actorRole", "actorUserId", "at", "id", "resource", "resourceId", "targetExists"]);
  });

  it("refusals older than ACCESS_REFUSAL_RETENTION_DAYS are pruned; newer ones stay", async () => {
    const [row] = await f.db.insert(accessRefusals).values({ actorUserId: stranger.actor.userId, actorRole: "resident", resource: "application", resourceId: "app-old-guess", targetExists: false, at: new Date(Date.now() - (env.ACCESS_REFUSAL_RETENTION_DAYS + 1) * 86_400_000) }).returning();
    const kept = await refusalCount();
    await pruneOldRefusals(f.db, { force: true });
    expect(await f.db.select().from(accessRefusals).where(eq(accessRefusals.id, row!.id))).toHaveLength(0);
    expect(await refusalCount()).toBe(kept - 1);
  });

  it("a senior admin sees them (/admin/refusals), newest first; a resident may not", async () => {
    const list = await listAccessRefusals(f.db, { actor: await actorByLogin(f.db, "senior.admin") });
    expect(list.total).toBe(await refusalCount());
    expect(list.onExistingRecords).toBeGreaterThan(0);
    expect(list.onExistingRecords).toBeLessThan(list.total);
    const times = list.items.map((r) => r.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    await expect(listAccessRefusals(f.db, { actor: stranger.actor })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("staff and institutions outside their grant", () => {
  it("a clerk of another department: the same refusal for a real case and an unknown one, for the case and its documents", async () => {
    const policeClerk = await actorByLogin(f.db, "clerk.police");
    await setCaseViewRule(f.db);
    const caseAnswer = await sameAnswer((id) => openCase(f.db, { actor: policeClerk, applicationId: id }), applicationId, missingApplication());
    expect(caseAnswer).toMatchObject({ status: 403 });
    await sameAnswer((id) => getProgress(f.db, { actor: policeClerk, applicationId: id }), applicationId, missingApplication());
    const [submittedDoc] = (await getProgress(f.db, { actor: owner.actor, applicationId })).documents;
    const real = await downloadDocument(f.db, { actor: policeClerk, documentId: submittedDoc!.documentId });
    expect(real).toEqual({ ok: false, status: 404 });
    expect(await downloadDocument(f.db, { actor: policeClerk, documentId: missingDocument() })).toEqual(real);
    expect((await refusals(policeClerk)).map((r) => [r.resource, r.targetExists])).toEqual([
      ["document", true],
      ["document", false],
    ]);
  });

  it("a bank (institution): no case, no document, no holder's PDF — each answered as if it did not exist", async () => {
    const bank = await actorByLogin(f.db, "bank.officer");
    await expect(getProgress(f.db, { actor: bank, applicationId })).rejects.toBeInstanceOf(ForbiddenError);
    await sameAnswer((id) => getProgress(f.db, { actor: bank, applicationId: id }), applicationId, missingApplication());
    const [credential] = await listHolderCredentials(f.db, owner.actor);
    const pdf = await getCredentialPdf(f.db, bank, credential!.id, "http://portal.test");
    expect(pdf).toEqual(await getCredentialPdf(f.db, bank, "cred-does-not-exist-0002", "http://portal.test"));
    expect(await downloadDocument(f.db, { actor: bank, documentId })).toEqual({ ok: false, status: 404 });
    expect((await refusals(bank)).map((r) => r.resource)).toEqual(["credential", "credential", "document"]);
  });
});

describe("a resident's view of who holds the unit (privacy: no co-holder names without an access entry)", () => {
  it("names only the caller; co-holders stay unnamed, for the filer and the other party alike, and nothing is written", async () => {
    // 陈刚 co-holds the unit of the pending transfer (a second holding row, as the register would after a joint purchase).
    const { unitNumber } = await getUnitHolders(f.db, { actor: owner.actor, applicationId });
    const [unit] = await f.db.select({ id: properties.id }).from(properties).where(eq(properties.unitNumber, unitNumber));
    const [coHolder] = await f.db.select({ id: users.id }).from(users).where(eq(users.residentIdHmac, stranger.ref));
    await f.db.insert(propertyHoldings).values({ propertyId: unit!.id, holderRef: stranger.ref, holderUserId: coHolder!.id, share: "0.5000" });
    const size = await ledgerSize(f.db);

    const forOwner = await getUnitHolders(f.db, { actor: owner.actor, applicationId });
    expect(forOwner.holders).toHaveLength(2);
    expect(forOwner.holders.find((h) => h.isMe)).toMatchObject({ name: "张伟" });
    expect(forOwner.holders.find((h) => !h.isMe)).toMatchObject({ name: null });
    expect(JSON.stringify(forOwner)).not.toContain("陈刚");

    // The buyer is a party but holds nothing yet: nobody's name is decrypted for them.
    const forBuyer = await getUnitHolders(f.db, { actor: buyer.actor, applicationId });
    expect(forBuyer.holders.map((h) => [h.name, h.isMe])).toEqual([
      [null, false],
      [null, false],
    ]);
    expect(await ledgerSize(f.db)).toBe(size);
  });
});
