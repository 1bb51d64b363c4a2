// A senior admin disables a clerk who is signed in: the clerk's very next request is
// refused, the change is a signed ledger entry, and re-enabling does not revive the old
// session (the clerk signs in again).
import { DEMO_PASSWORD } from "@/drizzle/seed/demo-accounts";
import { expect, formAlert, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);
const CLERK = "clerk.land";

/** Types of the newest ledger entries, read through the public API once the log has them. */
async function newestEntryTypes(request: import("@playwright/test").APIRequestContext, atLeast: number): Promise<string[]> {
  let size = 0;
  await expect
    .poll(async () => {
      const note = await (await request.get("/api/ledger/checkpoint/newest")).text();
      size = Number(note.split("\n")[1]);
      return size;
    })
    .toBeGreaterThanOrEqual(atLeast);
  const types: string[] = [];
  for (let seq = size - 1; seq >= Math.max(0, size - 2); seq--) {
    const body = (await (await request.get(`/api/ledger/entries/${seq}`)).json()) as { entry: string };
    types.push((JSON.parse(body.entry) as { type: string }).type);
  }
  return types;
}

test("disabling a signed-in clerk refuses their next request; re-enabling needs a fresh sign-in", async ({ pageAs, page }) => {
  const admin = await pageAs("senior_admin");
  const clerk = await pageAs(CLERK);
  await clerk.goto("/clerk");
  await expect(clerk.getByRole("heading", { level: 1, name: zh("flow.queue.title") })).toBeVisible();

  const before = await admin.request.get("/api/ledger/checkpoint/newest");
  const sizeBefore = before.ok() ? Number((await before.text()).split("\n")[1]) : 0;

  await admin.goto("/admin/staff");
  const row = admin.getByRole("row", { name: new RegExp(CLERK.replace(".", "\\.")) });
  await row.getByRole("button", { name: `停用 ${CLERK}` }).click();
  await expect(row.getByRole("cell", { name: zh("staff.disabledStatus") })).toBeVisible();

  // The clerk's next request: sent to sign in, and sign-in says the account is disabled.
  await clerk.reload();
  await expect(clerk).toHaveURL(/\/signin/);
  await clerk.getByLabel(zh("signIn.login")).fill(CLERK);
  await clerk.getByLabel(zh("signIn.password")).fill(DEMO_PASSWORD);
  await clerk.getByRole("button", { name: zh("signIn.submit") }).click();
  await expect(formAlert(clerk)).toHaveText(zh("signIn.errors.DISABLED"));

  await row.getByRole("button", { name: `启用 ${CLERK}` }).click();
  await expect(row.getByRole("cell", { name: zh("staff.active") })).toBeVisible();
  expect(await newestEntryTypes(page.request, sizeBefore + 2)).toEqual(["staff.enabled", "staff.disabled"]);

  // Signing in again works.
  await clerk.getByRole("button", { name: zh("signIn.submit") }).click();
  await expect(clerk).toHaveURL(/\/clerk$/);
});
