// Progress query without signing in: application number + last four digits of the
// applicant's phone → the status only; wrong digits get the same answer as an unknown number.
// 杨丽 files a transfer for the purpose and withdraws it at the end, so her unit is free again.
import { expect, test, text } from "../fixtures";
import { fileTransfer, pressAndConfirm } from "../registration/flow";
import { homeOf, resident } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);
const en = (key: string) => text("en", key);

test("anyone checks an application's status with the right digits; wrong digits learn nothing", async ({ pageAs, page }) => {
  test.setTimeout(180_000);
  const filer = resident("杨丽");
  const filerPage = await pageAs(filer.phone);
  const id = await fileTransfer(filerPage, { unit: homeOf("杨丽"), sellerId: filer.residentId, buyerId: resident("陈刚").residentId });

  const answer = page.getByTestId("progress-answer");
  const ask = async (applicationId: string, digits: string) => {
    await page.goto("/progress");
    await page.getByLabel(zh("progressQuery.applicationId")).fill(applicationId);
    await page.getByLabel(zh("progressQuery.phoneLast4")).fill(digits);
    await page.getByRole("button", { name: zh("progressQuery.submit") }).click();
  };

  // Right digits: the status, and nothing that names anyone.
  await ask(id, filer.phone.slice(-4));
  await expect(answer.locator("[data-status]")).toHaveAttribute("data-status", "awaiting_counterparty");
  await expect(answer).toContainText(zh("flow.statuses.awaiting_counterparty"));
  const shown = await answer.innerText();
  for (const secret of [filer.name, filer.phone, filer.residentId, homeOf("杨丽"), "陈刚"]) expect(shown).not.toContain(secret);

  // Wrong digits and an unknown number: the very same answer.
  const wrong = String((Number(filer.phone.slice(-4)) + 1) % 10_000).padStart(4, "0");
  await ask(id, wrong);
  await expect(answer.getByRole("alert")).toHaveText(zh("errors.progress.notFound"));
  const notFound = await answer.innerHTML();
  await ask("app-00000000-0000-4000-8000-000000000000", filer.phone.slice(-4));
  await expect(answer.getByRole("alert")).toHaveText(zh("errors.progress.notFound"));
  expect(await answer.innerHTML()).toBe(notFound);

  // Malformed digits are refused at the field, and the message is tied to it.
  await ask(id, "12a4");
  const digits = page.getByLabel(zh("progressQuery.phoneLast4"));
  await expect(digits).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#pq-phoneLast4-error")).toHaveText(zh("errors.progress.digits"));
  expect(await digits.getAttribute("aria-describedby")).toContain("pq-phoneLast4-error");

  // In English too.
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.goto("/progress");
  await page.getByLabel(en("progressQuery.applicationId")).fill(id);
  await page.getByLabel(en("progressQuery.phoneLast4")).fill(filer.phone.slice(-4));
  await page.getByRole("button", { name: en("progressQuery.submit") }).click();
  await expect(answer).toContainText(en("flow.statuses.awaiting_counterparty"));

  // Put the unit back: withdraw, and the query now says so.
  await filerPage.goto(`/resident/applications/${id}`);
  await pressAndConfirm(filerPage, zh("flow.progress.withdraw"));
  await expect(filerPage.getByTestId("status")).toHaveText(zh("flow.statuses.withdrawn"));
  await page.getByLabel(en("progressQuery.applicationId")).fill(id);
  await page.getByLabel(en("progressQuery.phoneLast4")).fill(filer.phone.slice(-4));
  await page.getByRole("button", { name: en("progressQuery.submit") }).click();
  await expect(answer.locator("[data-status]")).toHaveAttribute("data-status", "withdrawn");
});
