// The explorer, the dashboards and the health page in both languages: no serious or
// critical axe violations (charts are labelled images with their tables beside them).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "../fixtures";

const PAGES: { path: string; who: "clerk" | "senior_admin" | null }[] = [
  { path: "/ledger", who: null },
  { path: "/ledger/entries/1", who: null },
  { path: "/dashboards", who: "clerk" },
  { path: "/admin/ledger", who: "senior_admin" },
];

for (const locale of ["zh-CN", "en"] as const) {
  for (const { path, who } of PAGES) {
    test(`${path} in ${locale} has no serious accessibility violations`, async ({ page, context, baseURL, signInAs }) => {
      await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
      if (who) await signInAs(who);
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      // Open the folded tables too: they are the charts' text alternatives.
      for (const summary of await page.locator("details > summary").all()) await summary.click();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    });
  }
}
