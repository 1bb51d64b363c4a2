// A resident signs up (refused first, with a clear message, for a bad check digit, a weak
// password and an ID that already has an account), signs out, and signs in again.
import { makeResidentId } from "@/lib/domain/resident-id";
import { expect, formAlert, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);

function uniqueResident() {
  // Random but valid: a Loudi address code, a birth date in 1960-1999, a random sequence.
  const year = 1960 + Math.floor(Math.random() * 40);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const residentId = makeResidentId("431302", `${year}${month}${day}`, Math.floor(Math.random() * 1000));
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  return { name: "测试居民", residentId, phone, password: "Loudi-house-2026" };
}

test("a resident signs up, is refused clearly for bad input, signs out and signs in", async ({ page }) => {
  const resident = uniqueResident();
  await page.goto("/signup");
  await expect(page.getByRole("heading", { level: 1, name: zh("signUp.title") })).toBeVisible();

  const fill = async (values: { name: string; residentId: string; phone: string; password: string }) => {
    await page.getByLabel(zh("signUp.name")).fill(values.name);
    await page.getByLabel(zh("signUp.residentId")).fill(values.residentId);
    await page.getByLabel(zh("signUp.phone")).fill(values.phone);
    await page.getByLabel(zh("signUp.password")).fill(values.password);
    await page.getByRole("button", { name: zh("signUp.submit") }).click();
  };
  const alert = formAlert(page);

  // Wrong check digit: the field says so, and nothing is created.
  const last = resident.residentId.at(-1)!;
  const wrongCheck = resident.residentId.slice(0, 17) + (last === "1" ? "2" : "1");
  await fill({ ...resident, residentId: wrongCheck });
  await expect(alert).toContainText(zh("errors.signUp.residentId.CHECK_DIGIT"));
  await expect(page.getByLabel(zh("signUp.residentId"))).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel(zh("signUp.residentId"))).toHaveAccessibleDescription(new RegExp(zh("errors.signUp.residentId.CHECK_DIGIT")));
  // The form keeps what was typed.
  await expect(page.getByLabel(zh("signUp.name"))).toHaveValue(resident.name);

  // Weak password.
  await fill({ ...resident, password: "abc12" });
  await expect(alert).toContainText(zh("errors.signUp.passwordTooShort"));
  await fill({ ...resident, password: `pw${resident.phone}` });
  await expect(alert).toContainText(zh("errors.signUp.passwordContainsPersonalData"));

  // All good: the account is created, the resident is signed in and lands on their desk.
  await fill(resident);
  await expect(page).toHaveURL(/\/resident$/);
  await expect(page.getByRole("heading", { level: 1, name: zh("desk.resident.title") })).toBeVisible();
  await expect(page.getByText(resident.name, { exact: false }).first()).toBeVisible();

  // Sign out: back on the home page, the desk is closed to this browser.
  await page.getByRole("button", { name: zh("common.signOut") }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: zh("common.signIn") }).first()).toBeVisible();
  const desk = await page.request.get("/resident", { maxRedirects: 0 });
  expect(desk.status()).toBe(307);
  expect(desk.headers().location).toContain("/signin");

  // The same resident ID again, with another phone: refused, pointing at the ID.
  await page.goto("/signup");
  await fill({ ...resident, phone: `137${resident.phone.slice(3)}` });
  await expect(alert).toContainText(zh("errors.signUp.residentIdTaken"));
  // The same phone again, with another (valid) ID.
  await fill({ ...resident, residentId: makeResidentId("431302", "19700101", Math.floor(Math.random() * 1000)) });
  await expect(alert).toContainText(zh("errors.signUp.phoneTaken"));

  // Sign in with the phone number.
  await page.goto("/signin");
  await page.getByLabel(zh("signIn.login")).fill(resident.phone);
  await page.getByLabel(zh("signIn.password")).fill(resident.password);
  await page.getByRole("button", { name: zh("signIn.submit") }).click();
  await expect(page).toHaveURL(/\/resident$/);
  await expect(page.getByRole("heading", { level: 1, name: zh("desk.resident.title") })).toBeVisible();
});
