// Steps of the registration flow as people do them in the browser, shared by the specs,
// and reads of the public ledger API to check what each step wrote.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

/** A tiny PDF (magic bytes + body) and PNG, as a person's scans would start. */
export const PDF = Buffer.from("%PDF-1.7\n% e2e\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Answers the in-page "are you sure?" of an irreversible step. */
export async function pressAndConfirm(page: Page, label: string, scope: Page | ReturnType<Page["locator"]> = page) {
  await scope.getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("button", { name: zh("flow.common.confirm"), exact: true }).click();
}

/** One ledger entry as the public API serves it, with its parsed body. */
export async function ledgerEntry(request: APIRequestContext, seq: number): Promise<{ type: string; subject: string; payload: Record<string, unknown>; raw: string }> {
  const response = await request.get(`/api/ledger/entries/${seq}`);
  expect(response.ok(), `GET /api/ledger/entries/${seq}`).toBe(true);
  const body = (await response.json()) as { entry: string };
  const entry = JSON.parse(body.entry) as { type: string; subject: string; payload: Record<string, unknown> };
  return { ...entry, raw: body.entry };
}

/** The ledger's current size: the entries API names it when asked past the end. */
export async function ledgerSize(request: APIRequestContext): Promise<number> {
  const response = await request.get("/api/ledger/entries/999999999");
  expect(response.status()).toBe(400);
  const size = /size (\d+)/.exec(await response.text());
  expect(size, "the entries API names the tree size").not.toBeNull();
  return Number(size![1]);
}

/** Seqs linked from the timeline steps whose key starts with `prefix`. */
export async function stepSeq(page: Page, key: string): Promise<number> {
  const link = page.locator(`[data-step="${key}"] a[data-seq]`);
  await expect(link).toHaveCount(1);
  return Number(await link.getAttribute("data-seq"));
}

/** Files a transfer through the guided form; returns the application id. */
export async function fileTransfer(page: Page, options: { unit: string; sellerId: string; buyerId: string; extraDocuments?: { kind: string; file: Buffer; name: string; mime: string }[] }): Promise<string> {
  await page.goto("/resident/applications/new");
  await page.getByLabel(zh("flow.kinds.transfer")).check();
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.getByLabel(zh("flow.wizard.unit")).fill(options.unit);
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/\/resident\/applications\/app-[0-9a-f-]+\/edit\?step=parties/);
  const applicationId = /applications\/(app-[0-9a-f-]+)\//.exec(page.url())![1]!;
  await page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh("flow.roles.seller") })).fill(options.sellerId);
  await page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh("flow.roles.buyer") })).fill(options.buyerId);
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=documents/);
  const docs = [
    { kind: "sale_contract", file: PDF, name: "contract.pdf", mime: "application/pdf" },
    { kind: "identity_document", file: PNG, name: "id.png", mime: "image/png" },
    ...(options.extraDocuments ?? []),
  ];
  for (const [i, d] of docs.entries()) await upload(page, d, i + 1);
  await page.getByRole("link", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=review/);
  await pressAndConfirm(page, zh("flow.wizard.submit"));
  await page.waitForURL(new RegExp(`/resident/applications/${applicationId}$`));
  return applicationId;
}

export async function upload(page: Page, d: { kind: string; file: Buffer; name: string; mime: string }, expectedCount: number) {
  await page.getByLabel(zh("flow.wizard.documentKind")).selectOption(d.kind);
  await page.getByLabel(zh("flow.wizard.file")).setInputFiles({ name: d.name, mimeType: d.mime, buffer: d.file });
  await page.getByRole("button", { name: zh("flow.wizard.upload"), exact: true }).click();
  await expect(page.getByTestId("documents").locator("li")).toHaveCount(expectedCount);
}

/** Sets a standing rule for `check` on the admin's department unless an active one exists. */
export async function ensureStandingRule(page: Page, check: string) {
  await page.goto("/department/standing-rules");
  if ((await page.locator(`tr[data-check="${check}"][data-status="active"]`).count()) > 0) return;
  await page.getByLabel(zh("flow.rules.check")).selectOption(check);
  await pressAndConfirm(page, zh("flow.rules.create"));
  await expect(page.locator(`tr[data-check="${check}"][data-status="active"]`)).toHaveCount(1);
}

/** Revokes every active standing rule for `check` (so requests wait for a decision). */
export async function revokeStandingRules(page: Page, check: string) {
  await page.goto("/department/standing-rules");
  for (;;) {
    const row = page.locator(`tr[data-check="${check}"][data-status="active"]`).first();
    if ((await row.count()) === 0) return;
    await pressAndConfirm(page, zh("flow.rules.revoke"), row);
    await page.reload();
  }
}

/** The counter-party confirms online from the confirmation page. */
export async function confirmAsParty(page: Page, applicationId: string) {
  await page.goto("/resident/applications");
  await page.locator(`tr[data-application="${applicationId}"]`).getByRole("link", { name: zh("flow.mine.confirmNeeded") }).click();
  await pressAndConfirm(page, zh("flow.confirmPage.confirm"));
  await page.waitForURL(new RegExp(`/resident/applications/${applicationId}$`));
}

/** The registry clerk claims the case from the queue (which opens it). */
export async function claimFromQueue(page: Page, applicationId: string) {
  await page.goto("/clerk?status=submitted");
  await page.locator(`tr[data-application="${applicationId}"]`).getByRole("button", { name: zh("flow.queue.claim") }).click();
  await page.waitForURL(new RegExp(`/clerk/cases/${applicationId}$`));
}

/** A department admin authorises the request for `check` on the application, then answers it. */
export async function authoriseAndAnswer(page: Page, applicationId: string, check: string) {
  await page.goto("/department");
  const row = page.locator(`tr[data-check="${check}"]`).filter({ hasText: applicationId.slice(0, 12) });
  await pressAndConfirm(page, zh("flow.inbox.authorise"), row);
  await expect(row).toHaveAttribute("data-status", "authorised");
  await pressAndConfirm(page, zh("flow.inbox.answer"), row);
  await expect(row).toHaveCount(0); // answered: no longer waiting
}
