// The public pages and a desk in both languages: no serious or critical axe violations,
// a skip link that moves focus to the content, and a visible language switch.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, text } from "../fixtures";

const PAGES = ["/", "/signin", "/signup"] as const;

for (const locale of ["zh-CN", "en"] as const) {
  for (const path of PAGES) {
    test(`${path} in ${locale} has no serious accessibility violations`, async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
}

test("a resident's desk has no serious accessibility violations", async ({ page, signInAs }) => {
  await signInAs("resident");
  await page.goto("/resident");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("the skip link is the first stop and takes keyboard users to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: text("zh-CN", "common.skipToContent") });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
});
