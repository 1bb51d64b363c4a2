// Keyboard only: a resident files a transfer with the guided form (Tab, Space, typing, Enter;
// the file picker opened from the keyboard), books a queue number, and a clerk works the
// intake queue's filters and the queue-number window, all without a mouse. Every step checks
// that focus landed where a keyboard user needs it. 杨丽 withdraws the application at the end
// so her unit is free for other specs.
import type { FileChooser, Locator, Page } from "@playwright/test";
import { expect, test, text } from "../fixtures";
import { PDF, PNG } from "../registration/flow";
import { homeOf, resident } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

/** Presses Tab until `target` has focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Chooses an option of a focused <select> with the arrow keys. */
async function arrowSelect(page: Page, select: Locator, value: string): Promise<void> {
  for (let i = 0; i < 20 && (await select.inputValue()) !== value; i++) await page.keyboard.press("ArrowDown");
  for (let i = 0; i < 20 && (await select.inputValue()) !== value; i++) await page.keyboard.press("ArrowUp");
  await expect(select).toHaveValue(value);
}

test("the application wizard, start to submit and withdraw, by keyboard alone", async ({ pageAs }) => {
  test.setTimeout(180_000);
  const filer = resident("杨丽");
  const page = await pageAs(filer.phone);
  // One standing file-chooser listener, registered long before the picker opens: a listener
  // added just before each key press races Playwright turning interception on, and a picker
  // that opens uncaught never reports (CI once waited 3 minutes for the second document's).
  const choosers: FileChooser[] = [];
  page.on("filechooser", (chooser) => void choosers.push(chooser));
  /** Space on the focused file field opens the picker; a press lost to a re-render is retried. */
  const openPicker = async (field: Locator): Promise<FileChooser> => {
    for (let attempt = 0; attempt < 3 && choosers.length === 0; attempt++) {
      if (!(await field.evaluate((el) => el === document.activeElement))) await tabTo(page, field);
      await page.keyboard.press("Space");
      await expect.poll(() => choosers.length, { timeout: 10_000 }).toBeGreaterThan(0).catch(() => undefined);
    }
    expect(choosers.length, "the file picker opened from the keyboard").toBeGreaterThan(0);
    return choosers.shift()!;
  };
  await page.goto("/resident/applications/new");

  await tabTo(page, page.getByLabel(zh("flow.kinds.transfer")));
  await page.keyboard.press("Space");
  await expect(page.getByLabel(zh("flow.kinds.transfer"))).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: zh("flow.wizard.continue") }));
  await page.keyboard.press("Enter");

  await tabTo(page, page.getByLabel(zh("flow.wizard.unit")));
  await page.keyboard.type(homeOf("杨丽"));
  await page.keyboard.press("Enter"); // submits the step's form
  await page.waitForURL(/step=parties/);

  for (const [role, id] of [["seller", filer.residentId], ["buyer", resident("陈刚").residentId]] as const) {
    await tabTo(page, page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh(`flow.roles.${role}`) })));
    await page.keyboard.type(id);
  }
  await tabTo(page, page.getByRole("button", { name: zh("flow.wizard.continue") }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/step=documents/);

  const docs = [
    { kind: "sale_contract", name: "contract.pdf", mimeType: "application/pdf", buffer: PDF },
    { kind: "identity_document", name: "id.png", mimeType: "image/png", buffer: PNG },
  ];
  for (const [i, d] of docs.entries()) {
    const kind = page.getByLabel(zh("flow.wizard.documentKind"));
    await tabTo(page, kind);
    await arrowSelect(page, kind, d.kind);
    const file = page.getByLabel(zh("flow.wizard.file"));
    await tabTo(page, file);
    await (await openPicker(file)).setFiles({ name: d.name, mimeType: d.mimeType, buffer: d.buffer });
    await tabTo(page, page.getByRole("button", { name: zh("flow.wizard.upload"), exact: true }));
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("documents").locator("li")).toHaveCount(i + 1);
  }
  await tabTo(page, page.getByRole("link", { name: zh("flow.wizard.continue") }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/step=review/);

  // Submitting asks first; the question takes focus, so Enter answers it.
  await tabTo(page, page.getByRole("button", { name: zh("flow.wizard.submit") }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: zh("flow.common.confirm") })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/resident\/applications\/app-[0-9a-f-]+$/);
  await expect(page.getByTestId("status")).toHaveText(zh("flow.statuses.awaiting_counterparty"));

  await tabTo(page, page.getByRole("button", { name: zh("flow.progress.withdraw"), exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: zh("flow.common.confirm") })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("status")).toHaveText(zh("flow.statuses.withdrawn"));
});

test("a queue number booked and called by keyboard alone; the intake queue's filters too", async ({ pageAs }) => {
  test.setTimeout(120_000);
  const page = await pageAs(resident("陈刚").phone);
  await page.goto("/resident/queue-numbers");
  // A radio group is one Tab stop (the checked radio); the arrow keys move within it.
  await tabTo(page, page.getByLabel(zh("queueNumbers.services.signing")));
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel(zh("queueNumbers.services.enquiry"))).toBeChecked();
  await tabTo(page, page.getByRole("button", { name: zh("queueNumbers.showSlots") }));
  await page.keyboard.press("Enter");
  await page.waitForURL(/service=enquiry/);
  await tabTo(page, page.getByRole("button", { name: zh("queueNumbers.bookSubmit") }));
  await page.keyboard.press("Enter");
  const mine = page.locator('[data-testid="my-queue-numbers"] li[data-status="booked"]');
  await expect(mine).toHaveCount(1);
  const number = (await mine.getAttribute("data-number"))!;

  const clerk = await pageAs("clerk.registry");
  await clerk.goto("/clerk/queue-numbers");
  const windowSelect = clerk.getByLabel(zh("queueNumbers.clerk.chooseWindow"), { exact: true });
  await tabTo(clerk, windowSelect);
  await arrowSelect(clerk, windowSelect, "C");
  await tabTo(clerk, clerk.getByRole("button", { name: zh("queueNumbers.clerk.show") }));
  await clerk.keyboard.press("Enter");
  await clerk.waitForURL(/window=C/);
  // Call numbers until this one is at the window (an earlier slot may be waiting).
  for (let i = 0; i < 20 && (await clerk.getByTestId("serving").innerText()) !== number; i++) {
    await tabTo(clerk, clerk.getByRole("button", { name: zh("queueNumbers.clerk.callNext") }));
    await clerk.keyboard.press("Enter");
    await expect(clerk.getByRole("status").filter({ hasText: zh("queueNumbers.clerk.called") })).toBeVisible();
  }
  await expect(clerk.getByTestId("serving")).toHaveText(number);
  await tabTo(clerk, clerk.getByRole("button", { name: zh("queueNumbers.clerk.served") }));
  await clerk.keyboard.press("Enter");
  await expect(clerk.locator(`tr[data-number="${number}"]`)).toHaveAttribute("data-status", "served");

  // The intake queue: filter by status and open a case, keyboard only.
  await clerk.goto("/clerk");
  const status = clerk.getByLabel(zh("flow.queue.status"), { exact: true });
  await tabTo(clerk, status);
  await arrowSelect(clerk, status, "submitted");
  await tabTo(clerk, clerk.getByRole("button", { name: zh("flow.common.apply") }));
  await clerk.keyboard.press("Enter");
  await clerk.waitForURL(/status=submitted/);
  const open = clerk.getByRole("link", { name: zh("flow.queue.open") });
  if ((await open.count()) > 0) {
    await tabTo(clerk, open.first());
    await clerk.keyboard.press("Enter");
    await clerk.waitForURL(/\/clerk\/cases\/app-/);
  } else {
    await expect(clerk.getByText(zh("flow.queue.empty"))).toBeVisible();
  }
});

test("on a phone the desk's sections fold behind a menu button that works by keyboard", async ({ pageAs }) => {
  const clerk = await pageAs("clerk.registry");
  await clerk.setViewportSize({ width: 375, height: 812 });
  await clerk.goto("/clerk");
  const nav = clerk.getByRole("navigation", { name: zh("desk.sections") });
  const menu = nav.getByRole("button", { name: new RegExp(zh("desk.menu")) });
  const numbers = nav.getByRole("link", { name: zh("nav.clerk.queueNumbers") });
  // The content comes first: the list is folded, and the heading is near the top of the screen.
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(numbers).toBeHidden();
  expect((await clerk.getByRole("heading", { level: 1 }).boundingBox())!.y).toBeLessThan(300);
  await tabTo(clerk, menu);
  await clerk.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(numbers).toBeVisible();
  await clerk.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(menu).toBeFocused();
  await clerk.keyboard.press("Enter");
  await tabTo(clerk, numbers, 5);
  await clerk.keyboard.press("Enter");
  await clerk.waitForURL(/\/clerk\/queue-numbers/);
  // On a desk-sized screen the list is always there and there is no menu button.
  await clerk.setViewportSize({ width: 1280, height: 900 });
  await expect(nav.getByRole("button")).toBeHidden();
  await expect(nav.getByRole("link", { name: zh("nav.clerk.home") })).toBeVisible();
});
