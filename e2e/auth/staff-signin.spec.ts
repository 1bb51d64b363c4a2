// Each staff role signs in through the form and lands on its desk; wrong passwords and
// repeated failures get a clear, announced message; the language choice is remembered.
import { DEMO_PASSWORD, DEMO_STAFF } from "@/drizzle/seed/demo-accounts";
import type { Page } from "@playwright/test";
import { expect, formAlert, freshTotpCode, ROLE_HOME, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);

/** Senior admins use two-step sign-in: after the password the form asks for the code. */
async function answerTotp(page: Page, login: string) {
  const code = page.getByLabel(zh("signIn.code"));
  await expect(formAlert(page)).toHaveText(zh("signIn.errors.TOTP_REQUIRED"));
  await expect(code).toBeFocused();
  await code.fill(await freshTotpCode(login));
  await page.getByRole("button", { name: zh("signIn.submit") }).click();
}
const DESK_TITLE = {
  clerk: "flow.queue.title",
  department_admin: "flow.inbox.title",
  senior_admin: "desk.admin.title",
  institution: "desk.institution.title",
} as const;

// One account per role, plus a department admin outside the registry.
const ACCOUNTS = ["clerk.registry", "clerk.tax", "admin.registry", "admin.police", "senior.admin", "bank.officer", "court.officer"];

for (const login of ACCOUNTS) {
  const staff = DEMO_STAFF.find((s) => s.login === login)!;
  test(`${login} (${staff.role}) signs in and lands on the ${ROLE_HOME[staff.role]} desk`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel(zh("signIn.login")).fill(login);
    await page.getByLabel(zh("signIn.password")).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: zh("signIn.submit") }).click();
    if (staff.role === "senior_admin") await answerTotp(page, login);
    await expect(page).toHaveURL(new RegExp(`${ROLE_HOME[staff.role]}$`));
    await expect(page.getByRole("heading", { level: 1, name: zh(DESK_TITLE[staff.role]) })).toBeVisible();
    await expect(page.getByText(staff.displayName)).toBeVisible();
  });
}

test("an anonymous visitor is sent to sign in and returned to the page afterwards", async ({ page }) => {
  await page.goto("/admin/keys");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fkeys$/);
  await page.getByLabel(zh("signIn.login")).fill("senior.admin");
  await page.getByLabel(zh("signIn.password")).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: zh("signIn.submit") }).click();
  await answerTotp(page, "senior.admin");
  await expect(page).toHaveURL(/\/admin\/keys$/);
});

test("a wrong password is refused with an announced message; repeated failures are throttled", async ({ page }) => {
  // Failures come from an address of their own, so they never throttle other tests' sign-ins.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250) + 1}` });
  const login = `nobody.${Date.now()}`;
  await page.goto("/signin");
  const alert = formAlert(page);
  // Submits and waits for next-auth's answer, so each attempt is counted before the next.
  const submit = async (password: string) => {
    await page.getByLabel(zh("signIn.login")).fill(login);
    await page.getByLabel(zh("signIn.password")).fill(password);
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: zh("signIn.submit") }).click(),
    ]);
    return answer;
  };
  for (let i = 0; i < 5; i++) {
    expect((await submit(`wrong-password-${i}`)).status()).toBe(401);
    await expect(alert).toHaveText(zh("signIn.errors.INVALID"));
    await expect(page).toHaveURL(/\/signin$/);
  }
  // HTTP says so too: 429 with Retry-After, so clients can tell "slow down" from "wrong password".
  const refused = await submit("wrong-password-again");
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(800);
  await expect(alert).toHaveText(/尝试次数过多，请在 1[45] 分钟后重试。/);
});

test("the language switch shows English and is remembered", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh("home.title"));
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "home.title"));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // Remembered on the next visit, on another page too.
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "signIn.title"));
  await page.getByRole("button", { name: /中文/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh("signIn.title"));
});
