// A resident gives an email address for case notifications under Account settings: a wrong
// address is refused with a message tied to the field; a right one is kept (and shown back to
// its owner only); emptying the field stops emails. That a case move then sends one email is
// checked in lib/notify/outbound.test.ts against the console sender.
import { expect, formAlert, test, text } from "../fixtures";
import { resident } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);

test("a resident sets, corrects and clears the notification email", async ({ pageAs }) => {
  const page = await pageAs(resident("陈刚").phone);
  await page.goto("/resident");
  await page.getByRole("navigation", { name: zh("desk.sections") }).getByRole("link", { name: zh("nav.resident.account") }).click();
  await expect(page).toHaveURL(/\/resident\/account$/);
  await expect(page.getByTestId("email-status")).toHaveText(zh("accountSettings.emailOff"));

  const field = page.getByLabel(zh("accountSettings.email"));
  await field.fill("chen.gang-at-example.org");
  // The browser's own check would stop a type=email field first; the server must refuse it too.
  await field.evaluate((el) => el.setAttribute("type", "text"));
  await page.getByRole("button", { name: zh("accountSettings.save") }).click();
  await expect(formAlert(page)).toContainText(zh("errors.emailInvalid"));
  await expect(field).toHaveAttribute("aria-invalid", "true");

  await field.fill("chen.gang@example.org");
  await page.getByRole("button", { name: zh("accountSettings.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: zh("accountSettings.saved") })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("email-status")).toContainText("chen.gang@example.org");
  await expect(page.getByLabel(zh("accountSettings.email"))).toHaveValue("chen.gang@example.org");

  await page.getByLabel(zh("accountSettings.email")).fill("");
  await page.getByRole("button", { name: zh("accountSettings.save") }).click();
  await expect(page.getByRole("status").filter({ hasText: zh("accountSettings.saved") })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("email-status")).toHaveText(zh("accountSettings.emailOff"));
});
