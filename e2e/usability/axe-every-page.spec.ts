// axe over EVERY page of lib/auth/surfaces.ts PAGES, in both languages, as a visitor who may
// open it (anonymous for public pages, else the first role with the permission, signed in
// with its demo account): zero serious or critical violations. Example ids that do not
// exist render their 404 page, which must be accessible too. A new page in surfaces.ts is
// checked here without anyone writing a line.
import AxeBuilder from "@axe-core/playwright";
import { ROLES, type Role } from "@/drizzle/schema/identity";
import { mayUse, PAGES, type PageSurface } from "@/lib/auth/surfaces";
import { expect, loginFor, signInWithApi, test } from "../fixtures";

/** Who opens the page: null for anyone, else a role that may. */
function visitorFor(page: PageSurface): Role | null {
  if (mayUse(page, null)) return null;
  const role = ROLES.find((r) => mayUse(page, r));
  if (!role) throw new Error(`no role may open ${page.path}`);
  return role;
}

for (const locale of ["zh-CN", "en"] as const) {
  test.describe(`every page in ${locale}`, () => {
    for (const surface of PAGES) {
      const visitor = visitorFor(surface);
      test(`${surface.path} (${visitor ?? "anonymous"})`, async ({ page, context, baseURL }) => {
        await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
        if (visitor) await signInWithApi(page.request, loginFor(visitor), undefined, page.context());
        const response = await page.goto(surface.path);
        expect([200, ...(surface.allowedStatus ?? [])], `HTTP status of ${surface.path}`).toContain(response?.status());
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await page.waitForLoadState("networkidle");
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        expect(serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
      });
    }
  });
}
