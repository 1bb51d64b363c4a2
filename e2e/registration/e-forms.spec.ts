// The filing form's per-field errors (nothing saved on bad input), keyboard use of the
// confirmation step, and axe on the registration pages in both languages.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, formAlert, test, text } from "../fixtures";
import { homeOf, resident } from "./seeded";

const zh = (key: string) => text("zh-CN", key);
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("filing: bad unit number, mistyped ID and an HTML file posing as a PDF are refused by field; keyboard confirmation", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const seller = resident("陈刚");
  const buyer = resident("杨丽");
  const page = await pageAs(seller.phone);
  await page.goto("/resident/applications/new");
  await page.getByLabel(zh("flow.kinds.transfer")).check();
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();

  // A unit number with a wrong character: the field says so, and no draft exists.
  const unit = page.getByLabel(zh("flow.wizard.unit"));
  await unit.fill("431302005015GB00001F0004130X");
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await expect(formAlert(page)).toBeVisible();
  await expect(unit).toHaveAttribute("aria-invalid", "true");
  expect(page.url()).toContain("/resident/applications/new");

  await unit.fill(homeOf("陈刚", 1));
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=parties/);

  // A buyer ID with a wrong check digit: that field, and only that one, is marked.
  const sellerField = page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh("flow.roles.seller") }));
  const buyerField = page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh("flow.roles.buyer") }));
  await sellerField.fill(seller.residentId);
  await buyerField.fill(`${buyer.residentId.slice(0, 17)}1`);
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await expect(buyerField).toHaveAttribute("aria-invalid", "true");
  await expect(sellerField).not.toHaveAttribute("aria-invalid", "true");
  await expect(sellerField).toHaveValue(seller.residentId); // what was typed is kept
  expect(page.url()).toContain("step=parties");
  await buyerField.fill(buyer.residentId);
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=documents/);

  // HTML named contract.pdf: refused, nothing listed.
  await page.getByLabel(zh("flow.wizard.documentKind")).selectOption("sale_contract");
  await page.getByLabel(zh("flow.wizard.file")).setInputFiles({ name: "contract.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html><body>not a pdf</body></html>") });
  await page.getByRole("button", { name: zh("flow.wizard.upload"), exact: true }).click();
  await expect(formAlert(page)).toBeVisible();
  await expect(page.getByTestId("documents")).toHaveCount(0);
  await expect(page.getByText(zh("flow.wizard.noDocuments"))).toBeVisible();

  // The review step's submit asks first; the question takes focus and Cancel withdraws it.
  await page.getByRole("link", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=review/);
  await page.getByRole("button", { name: zh("flow.wizard.submit") }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: zh("flow.common.confirm") })).toBeFocused();
  await expect(page.getByText(zh("flow.wizard.submitConfirm"))).toBeVisible();
  await page.getByRole("button", { name: zh("flow.common.cancel") }).click();
  await expect(page.getByRole("button", { name: zh("flow.wizard.submit") })).toBeVisible();
  // The draft is kept server-side: it is listed, and reopening it shows the parties as typed.
  await page.goto("/resident/applications");
  await page.getByRole("link", { name: zh("flow.mine.continueDraft") }).first().click();
  await expect(page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh("flow.roles.buyer") }))).toHaveValue(buyer.residentId);
});

const PAGES: { who: string; paths: string[] }[] = [
  { who: "13800000004", paths: ["/resident", "/resident/applications", "/resident/applications/new", "/resident/applications/new?kind=transfer", "/resident/access-log"] },
  { who: "clerk.registry", paths: ["/clerk"] },
  { who: "admin.housing", paths: ["/department", "/department/standing-rules"] },
];

for (const locale of ["zh-CN", "en"] as const) {
  test(`registration pages in ${locale}: no serious accessibility violations, an h1, no raw message keys`, async ({ pageAs, baseURL }) => {
    test.setTimeout(120_000);
    for (const { who, paths } of PAGES) {
      const page = await pageAs(who);
      await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      // A case page and a progress page, found from the lists.
      const extra: string[] = [];
      if (who === "clerk.registry") {
        await page.goto("/clerk?status=checks_pending");
        const href = await page.locator("tbody tr a[href^='/clerk/cases/']").first().getAttribute("href");
        if (href) extra.push(href);
      }
      if (who === "13800000004") {
        await page.goto("/resident/applications");
        const href = await page.locator("tbody a[href^='/resident/applications/app-']").first().getAttribute("href");
        if (href) extra.push(href);
      }
      for (const path of [...paths, ...extra]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("h1")).toHaveCount(1);
        expect(await page.locator("main").innerText(), path).not.toMatch(/\bflow\.[a-z]+\.[a-zA-Z_.]+/);
        expect(await seriousViolations(page), `${locale} ${path}`).toEqual([]);
      }
    }
  });
}
