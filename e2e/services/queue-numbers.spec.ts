// Online queue numbers (在线取号): a resident books a slot at the enquiry window and gets a
// number; cancelling frees it; a clerk at that window calls the next number and the
// resident's page shows it as called.
import { DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { expect, formAlert, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);
const resident = DEMO_RESIDENTS.find((r) => r.name === "杨丽")!;

test("a resident books a queue number and a clerk calls it", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const page = await pageAs(resident.phone);
  await page.goto("/resident/queue-numbers");
  await expect(page.getByRole("heading", { level: 1, name: zh("queueNumbers.title") })).toBeVisible();
  await expect(page.getByTestId("empty-state")).toHaveText(zh("queueNumbers.mineEmpty"));

  // Signing is for an open case of one's own: offered with the case to choose when she is a
  // party to one (earlier specs may have filed one naming her), else explained.
  await page.getByLabel(zh("queueNumbers.services.signing")).check();
  await page.getByRole("button", { name: zh("queueNumbers.showSlots") }).click();
  const step = page.getByTestId("slot-step");
  await expect(step).toBeVisible();
  const caseChoice = step.getByLabel(zh("queueNumbers.application"));
  if ((await caseChoice.count()) > 0) {
    await expect(caseChoice.locator("option").first()).toHaveAttribute("value", /^app-/);
    await expect(step.getByRole("radio").first()).toBeVisible();
  } else {
    await expect(step).toContainText(zh("queueNumbers.noApplications"));
  }

  // A general enquiry, on the first day offered (today, or tomorrow after closing time).
  await page.getByLabel(zh("queueNumbers.services.enquiry")).check();
  await page.getByRole("button", { name: zh("queueNumbers.showSlots") }).click();
  const slots = page.getByTestId("slot-step").getByRole("radio");
  await expect(slots.first()).toBeChecked();
  const firstSlot = await slots.first().getAttribute("value");
  await page.getByRole("button", { name: zh("queueNumbers.bookSubmit") }).click();
  await expect(page.getByRole("status").filter({ hasText: zh("queueNumbers.booked") })).toBeVisible();
  const mine = page.getByTestId("my-queue-numbers").locator("li");
  await expect(mine).toHaveCount(1);
  await expect(mine.first()).toHaveAttribute("data-status", "booked");
  const first = (await mine.first().getAttribute("data-number"))!;
  expect(first).toMatch(/^C\d{3}$/);

  // A second enquiry number the same day is refused with a reason.
  await page.reload();
  await page.getByRole("button", { name: zh("queueNumbers.bookSubmit") }).click();
  await expect(formAlert(page)).toContainText(text("zh-CN", "errors.queue.alreadyBooked"));

  // Cancelling asks first, then frees the slot; booking again gives the next number.
  await mine.first().getByRole("button", { name: zh("queueNumbers.cancel") }).click();
  await page.getByRole("button", { name: zh("flow.common.confirm") }).click();
  await expect(mine.first()).toHaveAttribute("data-status", "cancelled");
  await page.reload();
  await expect(page.getByTestId("slot-step").getByRole("radio", { checked: true })).toHaveAttribute("value", firstSlot!);
  await page.getByRole("button", { name: zh("queueNumbers.bookSubmit") }).click();
  await expect(mine).toHaveCount(2);
  const booked = page.locator('[data-testid="my-queue-numbers"] li[data-status="booked"]');
  const number = (await booked.getAttribute("data-number"))!;
  expect(Number(number.slice(1))).toBe(Number(first.slice(1)) + 1);

  // The clerk at the enquiry window (C) sees it and calls the next number.
  const clerk = await pageAs("clerk.registry");
  await clerk.goto("/clerk/queue-numbers?window=C");
  const row = clerk.locator(`tr[data-number="${number}"]`);
  await expect(row).toHaveAttribute("data-status", "booked");
  await expect(clerk.locator(`tr[data-number="${first}"]`)).toHaveCount(0); // cancelled ones are not in the queue
  await clerk.getByRole("button", { name: zh("queueNumbers.clerk.callNext") }).click();
  await expect(clerk.getByTestId("serving")).toHaveText(number);
  await expect(row).toHaveAttribute("data-status", "called");

  // The resident's page shows the number as called, with the window to go to.
  await page.reload();
  await expect(booked).toHaveCount(0);
  const called = page.locator(`[data-testid="my-queue-numbers"] li[data-number="${number}"]`);
  await expect(called).toHaveAttribute("data-status", "called");
  await expect(called.getByRole("status")).toHaveText(zh("queueNumbers.statuses.called").replace("{desk}", "3"));
  await expect(called.getByRole("button", { name: zh("queueNumbers.cancel") })).toHaveCount(0);

  // Served: the window is free again and nobody is waiting.
  await clerk.getByRole("button", { name: zh("queueNumbers.clerk.served") }).click();
  await expect(clerk.getByTestId("serving")).toHaveText(zh("queueNumbers.clerk.nobody"));
  await expect(row).toHaveAttribute("data-status", "served");
});

test("a clerk of a department without hall windows is told so", async ({ pageAs }) => {
  const clerk = await pageAs("clerk.tax");
  await clerk.goto("/clerk/queue-numbers");
  await expect(clerk.getByTestId("empty-state")).toHaveText(zh("queueNumbers.clerk.noWindows"));
});
