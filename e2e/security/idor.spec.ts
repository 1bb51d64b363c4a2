// IDOR against the running portal (issue 7, item 1): resident 乙 (B) asks for resident 甲's
// (A's) application, document and credential by id — through the pages, a server action
// posted straight to its endpoint, and the route handlers — and gets byte for byte the answer
// an id that does not exist gets. Each attempt is recorded: a senior admin sees it at
// /admin/refusals, with whether the record exists; the public ledger does not grow.
// Data: e2e/security/idor-data.ts (run by prepare-data.ts on the fresh database).
import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";
import { actionIds, callAction } from "../access/server-actions";
import { expect, signInWithApi, test } from "../fixtures";
import { IDOR_DATA_FILE, type IdorData } from "./idor-data";

const data = JSON.parse(readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", IDOR_DATA_FILE), "utf8")) as IdorData;

/** A body with everything that differs per request or per id asked for made equal. */
function normalised(body: string, ...ids: string[]): string {
  let out = body;
  for (const id of ids) out = out.split(id).join("<ID>");
  return out
    .replace(/nonce="[^"]*"/g, 'nonce="<N>"')
    .replace(/nonce\\?":\\?"[^"\\]*\\?"/g, "nonce<N>")
    .replace(/"buildId":"[^"]*"/g, "")
    .replace(/\b[A-Za-z0-9_-]{21}\b/g, (m) => (/[0-9]/.test(m) && /[A-Za-z]/.test(m) ? "<RND>" : m));
}

async function ledgerSize(request: APIRequestContext): Promise<number> {
  const note = await (await request.get("/api/ledger/checkpoint/newest")).text();
  return Number(note.split("\n")[1]);
}

async function refusalTotals(page: Page): Promise<{ total: number; existing: number }> {
  await page.goto("/admin/refusals");
  const totals = page.getByTestId("refusal-totals");
  return { total: Number(await totals.getAttribute("data-total")), existing: Number(await totals.getAttribute("data-existing")) };
}

/** Asks for A's record and for an unknown one of the same shape: the two answers must be identical. */
async function sameAnswer(ask: (id: string) => Promise<APIResponse>, realId: string, missingId: string, expectedStatus: number) {
  const real = await ask(realId);
  const missing = await ask(missingId);
  expect(real.status(), `status for ${realId}`).toBe(expectedStatus);
  expect(missing.status()).toBe(real.status());
  expect(missing.headers()["content-type"]).toBe(real.headers()["content-type"]);
  expect(normalised(await missing.text(), missingId, realId)).toBe(normalised(await real.text(), realId, missingId));
  return real;
}

test("resident B asking for A's records by id gets what an unknown id gets, and every attempt is recorded", async ({ browser, baseURL }) => {
  const b = await browser.newContext({ baseURL });
  const admin = await browser.newContext({ baseURL });
  try {
    await signInWithApi(b.request, data.b.login, undefined, b);
    const adminPage = await admin.newPage();
    await signInWithApi(admin.request, "senior.admin", undefined, admin);
    const before = await refusalTotals(adminPage);
    const ledgerBefore = await ledgerSize(b.request);
    const missingApp = `app-${randomUUID()}`;
    const missingDoc = `doc-${randomUUID()}`;
    const missingCredential = `${data.credentialId.slice(0, -6)}zzzzzz`;

    // Pages: the progress, edit and confirm pages of A's application.
    for (const suffix of ["", "/edit", "/confirm"]) {
      await sameAnswer((id) => b.request.get(`/resident/applications/${id}${suffix}`, { maxRedirects: 0 }), data.applicationId, missingApp, 404);
    }
    // Route handlers: A's uploaded document and A's credential PDF.
    const doc = await sameAnswer((id) => b.request.get(`/api/documents/${id}`), data.documentId, missingDoc, 404);
    expect(await doc.json()).toEqual({ error: expect.any(String) });
    await sameAnswer((id) => b.request.get(`/api/credentials/${id}/pdf`), data.credentialId, missingCredential, 404);
    // Server actions posted straight to their endpoint: withdraw and confirm A's application.
    const ids = actionIds();
    for (const name of ["withdrawMine", "confirmAsParty", "handInMaterial"]) {
      const action = ids.get(`app/resident/applications/actions.ts#${name}`)!;
      expect(action, name).toBeTruthy();
      const answer = await sameAnswer(
        (id) => callAction(b.request, action.id, "/resident/applications", baseURL!, {}, { applicationId: id }),
        data.applicationId,
        missingApp,
        200,
      );
      expect(await answer.text(), name).toContain('"ok":false');
    }

    // Nothing reached the ledger; each of the 8 pairs of look-ups (3 pages, 2 routes, 3 actions) was recorded, half of them of records that exist.
    expect(await ledgerSize(b.request)).toBe(ledgerBefore);
    const after = await refusalTotals(adminPage);
    expect(after.total - before.total).toBe(16);
    expect(after.existing - before.existing).toBe(8);
    await expect(adminPage.locator(`tr[data-resource-id="${data.documentId}"][data-exists="true"]`).first()).toBeVisible();
    await expect(adminPage.locator(`tr[data-resource-id="${data.credentialId}"][data-exists="true"]`).first()).toBeVisible();
    await expect(adminPage.locator(`tr[data-resource-id="${missingApp}"][data-exists="false"]`)).toHaveCount(6);

    // A still sees all of it.
    const a = await browser.newContext({ baseURL });
    try {
      await signInWithApi(a.request, data.a.login, undefined, a);
      expect((await a.request.get(`/resident/applications/${data.applicationId}`)).status()).toBe(200);
      expect((await a.request.get(`/api/documents/${data.documentId}`)).status()).toBe(200);
      expect((await a.request.get(`/api/credentials/${data.credentialId}/pdf`)).status()).toBe(200);
    } finally {
      await a.close();
    }
  } finally {
    await b.close();
    await admin.close();
  }
});

test("a clerk of another department and a bank get the same answer for A's case and document as for unknown ones", async ({ browser, baseURL }) => {
  for (const login of ["clerk.police", "bank.officer"]) {
    const context = await browser.newContext({ baseURL });
    try {
      await signInWithApi(context.request, login, undefined, context);
      const missingApp = `app-${randomUUID()}`;
      const caseAnswer = await context.request.get(`/clerk/cases/${data.applicationId}`, { maxRedirects: 0 });
      expect([403, 404], login).toContain(caseAnswer.status());
      await sameAnswer((id) => context.request.get(`/clerk/cases/${id}`, { maxRedirects: 0 }), data.applicationId, missingApp, caseAnswer.status());
      await sameAnswer((id) => context.request.get(`/api/documents/${id}`), data.documentId, `doc-${randomUUID()}`, 404);
    } finally {
      await context.close();
    }
  }
});
