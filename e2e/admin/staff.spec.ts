// Staff accounts (issue 6 item 3): a senior admin creates a clerk (first password shown once),
// the clerk signs in; the admin makes them a department admin, and the clerk's very next
// request — same session, no new sign-in — has the new role: the clerk desk answers 403, the
// department desk opens. Both changes are signed entries.
import { expect, signInWithApi, test, text } from "../fixtures";
import { ledgerEntry, ledgerSize, pressAndConfirm } from "../registration/flow";

const zh = (key: string) => text("zh-CN", key);

test("a role change applies on the holder's next request, and is on the ledger", async ({ pageAs, browser, baseURL, request }) => {
  const admin = await pageAs("senior.admin");
  await admin.goto("/admin/staff");
  const login = `clerk.e2e${Date.now() % 1_000_000}`;
  const before = await ledgerSize(request);
  await admin.getByLabel(zh("adminStaff.login"), { exact: true }).fill(login);
  await admin.getByLabel(zh("adminStaff.displayName")).fill("自然资源局 测试");
  await admin.getByLabel(zh("adminStaff.role"), { exact: true }).selectOption("clerk");
  await admin.getByLabel(zh("adminStaff.department"), { exact: true }).selectOption("land");
  await admin.getByRole("button", { name: zh("adminStaff.create") }).click();
  const password = await admin.getByTestId("new-password").inputValue();
  expect(password.length).toBeGreaterThanOrEqual(16);
  const created = await ledgerEntry(request, before);
  expect(created).toMatchObject({ type: "staff.created", payload: { role: "clerk", department: "land" } });
  expect(created.raw).not.toContain(login);

  // The new clerk signs in with the handed-over password and works the clerk desk.
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  await signInWithApi(context.request, login, password);
  const clerk = await context.newPage();
  expect((await clerk.goto("/clerk"))!.status()).toBe(200);
  expect((await clerk.goto("/department"))!.status()).toBe(403);

  // The admin moves them to the land bureau's admin role.
  await admin.reload();
  await expect(admin.getByTestId("new-password")).toHaveCount(0); // shown once
  const row = admin.locator(`tr[data-login="${login}"]`);
  await expect(row).toHaveAttribute("data-role", "clerk");
  await row.locator("summary").click();
  await row.getByLabel(`${login} 的角色`).selectOption("department_admin");
  await row.getByLabel(`${login} 的部门`).selectOption("land");
  await pressAndConfirm(admin, zh("adminStaff.saveRole"), row);
  await expect(row.getByRole("status").filter({ hasText: zh("adminStaff.roleSaved") })).toBeVisible();
  const changed = await ledgerEntry(request, before + 1);
  expect(changed).toMatchObject({ type: "staff.role_changed", subject: created.subject, payload: { from: { role: "clerk", department: "land" }, to: { role: "department_admin", department: "land" } } });

  // Same session, next request: the new role's permissions.
  expect((await clerk.goto("/clerk"))!.status()).toBe(403);
  expect((await clerk.goto("/department"))!.status()).toBe(200);
  await expect(clerk.getByText(zh("roles.department_admin")).first()).toBeVisible();
  await context.close();
});
