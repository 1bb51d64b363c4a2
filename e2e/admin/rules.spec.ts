// Rule versions (issue 6 item 1): senior.admin proposes a version that adds the tax bureau's
// deed-tax check to mortgages; senior.admin2 approves it. A mortgage filed before keeps rule
// version 1 (no tax check); one filed after runs under the new version and waits for `tax`.
// The active rules are global state other specs rely on (e2e/institution files mortgages):
// the spec ends by publishing a version equal to the original rules, and afterAll does the
// same if a step failed half way.
import type { Browser, Page } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { expect, signInWithApi, test, text } from "../fixtures";
import { claimFromQueue, confirmAsParty, ensureStandingRule, ledgerEntry, PDF, PNG, pressAndConfirm } from "../registration/flow";
import { demoUnits, resident } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);
const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
const MORTGAGE = zh("flow.kinds.mortgage");
const TAX_CHECK = "tax.deed_tax_paid:property";

// 陈刚's second home: no other spec files on it.
const owner = resident("陈刚");
const unit = demoUnits().filter((u) => u.holder.name === "陈刚" && u.use === "residential")[1]!.unitNumber;

async function fileMortgage(bank: Page): Promise<string> {
  await bank.goto("/institution");
  const region = bank.getByRole("region", { name: zh("institutionDesk.mortgage.title") });
  await region.getByLabel(zh("institutionDesk.unitNumber")).fill(unit);
  await region.getByLabel(zh("institutionDesk.mortgage.owner")).fill(owner.residentId);
  await region.getByLabel(zh("institutionDesk.mortgage.amount")).fill("500000");
  await region.getByLabel(zh("institutionDesk.mortgage.contract")).setInputFiles({ name: "mortgage.pdf", mimeType: "application/pdf", buffer: PDF });
  await region.getByLabel(zh("institutionDesk.mortgage.identity")).setInputFiles({ name: "id.png", mimeType: "image/png", buffer: PNG });
  const before = await bank.locator('li[data-kind="mortgage"]').count();
  await bank.getByRole("button", { name: zh("institutionDesk.mortgage.submit") }).click();
  await expect(region.getByRole("status")).toHaveText(zh("institutionDesk.filed"));
  await expect(bank.locator('li[data-kind="mortgage"]')).toHaveCount(before + 1);
  const ids = await bank.locator('li[data-kind="mortgage"]').evaluateAll((items) => items.map((li) => li.getAttribute("data-application")!));
  return ids.find((id) => id !== null && !seen.has(id))!;
}
const seen = new Set<string>();

async function activeVersion(page: Page): Promise<number> {
  await page.goto("/admin/rules");
  return Number(await page.getByTestId("active-version").getAttribute("data-version"));
}

/** Proposes (as `a`) and approves (as `b`) a version whose mortgage rules have no tax check. */
async function restoreOriginalRules(a: Page, b: Page) {
  await a.goto("/admin/rules");
  if ((await a.getByTestId("pending-version").count()) > 0) {
    const pending = a.getByTestId("pending-version");
    const label = (await pending.getByRole("button", { name: zh("adminRules.withdraw"), exact: true }).count()) > 0 ? zh("adminRules.withdraw") : zh("adminRules.reject");
    await pressAndConfirm(a, label, pending);
    await expect(a.getByTestId("pending-version")).toHaveCount(0);
  }
  const row = a.locator(`fieldset[data-kind="mortgage"] tr[data-check="${TAX_CHECK}"]`);
  if ((await row.count()) === 0) return;
  const version = Number(await a.getByTestId("active-version").getAttribute("data-version")) + 0;
  await row.getByRole("button", { name: zh("adminRules.remove") }).click();
  const next = Number((await a.locator("tr[data-version]").first().getAttribute("data-version"))!) + 1;
  await pressAndConfirm(a, fill(zh("adminRules.propose"), { version: next }));
  await expect(a.getByTestId("pending-version")).toHaveAttribute("data-version", String(next));
  await b.goto("/admin/rules");
  await pressAndConfirm(b, fill(zh("adminRules.approve"), { version: next }));
  await expect(b.getByTestId("active-version")).toHaveAttribute("data-version", String(next));
  expect(next).toBeGreaterThan(version);
}

async function signedIn(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  await signInWithApi(context.request, login, undefined, context);
  return context.newPage();
}

test.afterAll(async ({ browser }) => {
  const a = await signedIn(browser, "senior.admin");
  const b = await signedIn(browser, "senior.admin2");
  await restoreOriginalRules(a, b);
  await a.context().close();
  await b.context().close();
});

test("a second senior admin approves a version that adds a tax check to mortgages; an earlier mortgage keeps its rules", async ({ pageAs, request }) => {
  test.setTimeout(240_000);
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");
  const bank = await pageAs("bank.officer");
  const ownerPage = await pageAs(owner.phone);

  // Filed (and confirmed) under the rules in force now.
  await bank.goto("/institution");
  for (const id of await bank.locator('li[data-kind="mortgage"]').evaluateAll((items) => items.map((li) => li.getAttribute("data-application")!))) seen.add(id);
  const earlier = await fileMortgage(bank);
  seen.add(earlier);
  await confirmAsParty(ownerPage, earlier);

  // senior.admin drafts: mortgage + tax.deed_tax_paid about the property, 8 h.
  const a = await pageAs("senior.admin");
  const original = await activeVersion(a);
  const mortgage = a.locator('fieldset[data-kind="mortgage"]');
  await expect(mortgage.locator("> legend")).toHaveText(MORTGAGE);
  await expect(mortgage.locator(`tr[data-check="${TAX_CHECK}"]`)).toHaveCount(0);
  await mortgage.getByLabel(zh("adminRules.addCheck")).selectOption("tax.deed_tax_paid");
  await expect(mortgage.getByLabel(zh("adminRules.aboutHeading"), { exact: true })).toHaveValue("property");
  await mortgage.getByRole("button", { name: zh("adminRules.add") }).click();
  await expect(mortgage.locator(`tr[data-check="${TAX_CHECK}"]`)).toHaveCount(1);
  // The preview names exactly this change.
  const preview = a.getByTestId("rule-changes");
  await expect(preview).toHaveAttribute("data-count", "1");
  await expect(preview.locator(`li[data-change="check_added"][data-kind="mortgage"][data-key="${TAX_CHECK}"]`)).toHaveCount(1);
  const proposed = Number((await a.locator("tr[data-version]").first().getAttribute("data-version"))!) + 1;
  await pressAndConfirm(a, fill(zh("adminRules.propose"), { version: proposed }));
  await expect(a.getByTestId("pending-version")).toHaveAttribute("data-version", String(proposed));
  // Not in force yet; the proposer cannot approve their own version.
  await expect(a.getByTestId("active-version")).toHaveAttribute("data-version", String(original));
  await expect(a.getByRole("button", { name: fill(zh("adminRules.approve"), { version: proposed }) })).toHaveCount(0);
  await expect(a.getByTestId("pending-version")).toContainText(zh("adminRules.ownProposal"));

  // senior.admin2 sees the same difference and approves.
  const b = await pageAs("senior.admin2");
  await b.goto("/admin/rules");
  await expect(b.getByTestId("pending-version").locator(`li[data-change="check_added"][data-key="${TAX_CHECK}"]`)).toHaveCount(1);
  await pressAndConfirm(b, fill(zh("adminRules.approve"), { version: proposed }));
  await expect(b.getByTestId("active-version")).toHaveAttribute("data-version", String(proposed));
  const history = b.locator(`tr[data-version="${proposed}"]`);
  await expect(history).toHaveAttribute("data-status", "active");
  const seqs = await history.locator("a").evaluateAll((links) => links.map((l) => Number(l.getAttribute("href")!.split("/").pop())));
  expect(seqs).toHaveLength(2);
  const [proposal, publication] = [await ledgerEntry(request, seqs[0]!), await ledgerEntry(request, seqs[1]!)];
  expect(proposal).toMatchObject({ type: "rules.proposed", subject: `rules:${proposed}` });
  expect(publication).toMatchObject({ type: "rules.published", subject: `rules:${proposed}`, payload: { version: proposed } });
  expect(JSON.stringify(publication.payload)).toContain('"check":"deed_tax_paid"');

  // A mortgage filed now runs under the new version.
  const later = await fileMortgage(bank);
  await confirmAsParty(ownerPage, later);
  await expect(ownerPage.getByTestId("rule-version")).toHaveAttribute("data-version", String(proposed));
  await ownerPage.goto(`/resident/applications/${earlier}`);
  await expect(ownerPage.getByTestId("rule-version")).toHaveAttribute("data-version", String(original));

  // The clerk dispatches both: only the later one asks the tax bureau.
  const clerk = await pageAs("clerk.registry");
  for (const [id, version, taxRows] of [
    [earlier, original, 0],
    [later, proposed, 1],
  ] as const) {
    await claimFromQueue(clerk, id);
    await expect(clerk.getByTestId("rule-version")).toHaveAttribute("data-version", String(version));
    await pressAndConfirm(clerk, zh("flow.case.dispatch"));
    await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.checks_pending"));
    await expect(clerk.locator('[data-testid="check-board"] tr[data-check^="tax."]')).toHaveCount(taxRows);
    await expect(clerk.locator('[data-testid="check-board"] tr[data-check^="bank."]')).toHaveCount(1);
  }
  await expect(clerk.locator(`[data-testid="check-board"] tr[data-check="${TAX_CHECK}"]`)).toHaveAttribute("data-outcome", "pending");
  // …and the request waits in the tax bureau's inbox.
  const tax = await pageAs("admin.tax");
  await tax.goto("/department");
  await expect(tax.locator('tr[data-check="deed_tax_paid"]').filter({ hasText: later.slice(0, 12) })).toHaveCount(1);
  await expect(tax.locator('tr[data-check="deed_tax_paid"]').filter({ hasText: earlier.slice(0, 12) })).toHaveCount(0);

  // Put the rules back (a new version equal to the original), approved by the other admin.
  await restoreOriginalRules(b, a);
  await a.goto("/admin/rules");
  await expect(a.locator('fieldset[data-kind="mortgage"]').locator(`tr[data-check="${TAX_CHECK}"]`)).toHaveCount(0);
  await expect(a.locator("tr[data-version]").first()).toHaveAttribute("data-status", "active");
});
