// The desk's navigation offers only what opens: a clerk of another department has no
// dashboard (the page answers them 403), so no Dashboards link either; a registry clerk and
// a department admin have one, and the link opens it.
import { expect, test, text } from "../fixtures";

const dashboards = text("zh-CN", "nav.clerk.dashboards");

test("the Dashboards link shows only to those who may open a dashboard", async ({ pageAs }) => {
  const taxClerk = await pageAs("clerk.tax");
  await taxClerk.goto("/clerk");
  const nav = (page: typeof taxClerk) => page.getByRole("navigation", { name: text("zh-CN", "desk.sections") });
  await expect(nav(taxClerk).getByRole("link").first()).toBeVisible();
  await expect(nav(taxClerk).getByRole("link", { name: dashboards })).toHaveCount(0);
  expect((await taxClerk.goto("/dashboards"))?.status()).toBe(403);

  for (const [who, home] of [["clerk.registry", "/clerk"], ["admin.tax", "/department"]] as const) {
    const page = await pageAs(who);
    await page.goto(home);
    await nav(page).getByRole("link", { name: dashboards }).click();
    await expect(page).toHaveURL(/\/dashboards$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect((await page.request.get("/dashboards")).status()).toBe(200);
  }
});
