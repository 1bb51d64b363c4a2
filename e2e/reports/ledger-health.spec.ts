// Ledger health (issue 6, item 4): a senior admin starts the audit from /admin/ledger; it
// runs in the background (the button answers at once, the page shows progress while it runs
// and polls), and ends with "ledger OK" naming as many entries as the public API's tree;
// the latest checkpoint lists its cosignatures, and every department witness its last size.
import { expect, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);

test("a senior admin runs the audit and sees progress, then the result; checkpoint and witnesses are listed", async ({ page, signInAs }) => {
  await signInAs("senior_admin");
  await page.goto("/admin/ledger");
  await expect(page.getByRole("heading", { level: 1, name: zh("ledgerHealth.title") })).toBeVisible();

  // The latest checkpoint, with the witnesses' cosignatures and their age.
  const newest = Number((await page.getByTestId("newest-size").innerText()).replace(/\D/g, ""));
  expect(newest).toBeGreaterThan(0);
  await expect(page.getByTestId("cosignatures").locator("tbody tr")).not.toHaveCount(0);
  // One row per department witness, each with its last cosigned size.
  const witnesses = page.getByTestId("witnesses").locator("tbody tr");
  await expect(witnesses).toHaveCount(8);
  await expect(page.getByTestId("witnesses").locator('tr[data-department="tax"] td').nth(2)).toHaveText(/^[\d,]+$/);

  const size = Number((await (await page.request.get("/api/ledger/checkpoint/newest")).text()).split("\n")[1]);
  await page.getByRole("button", { name: zh("ledgerHealth.audit.start") }).click();
  const latest = page.getByTestId("audit-latest");
  // While it runs: a progress bar with its value; when done: the result. The audit of an
  // e2e ledger may finish before the first poll, so either is accepted first…
  await expect(latest.getByRole("progressbar").or(latest.locator("[data-status]"))).toBeVisible();
  if (await latest.getByRole("progressbar").isVisible().catch(() => false)) {
    const bar = latest.getByRole("progressbar");
    expect(Number(await bar.getAttribute("aria-valuemax"))).toBeGreaterThanOrEqual(size);
  }
  // …and the page keeps polling until this run's result is there, without a reload by the
  // test. (An earlier spec's run, e.g. e2e/admin/keys.spec.ts after its rotation, may show
  // until this one has started: its count is of a smaller ledger.)
  const checked = async () => {
    const ok = latest.locator('[data-status="ok"]');
    if (!(await ok.isVisible())) return 0;
    return Number((await ok.innerText()).match(/已核验\s*([\d,]+)/)?.[1]?.replace(/,/g, "") ?? 0);
  };
  await expect.poll(checked, { timeout: 60_000 }).toBeGreaterThanOrEqual(size);
  // The run is kept: after a reload it is still the latest, and a second run goes to history.
  await page.reload();
  await expect(page.getByTestId("audit-latest").locator('[data-status="ok"]')).toBeVisible();
  await page.getByRole("button", { name: zh("ledgerHealth.audit.start") }).click();
  await expect(page.getByTestId("audit-latest").locator('[data-status="ok"]')).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await page.getByText(zh("ledgerHealth.audit.history")).click();
  await expect(page.locator("details table tbody tr").first()).toContainText(zh("ledgerHealth.audit.statuses.ok"));
});

test("the health page is the senior admin's: a clerk is refused", async ({ page, signInAs }) => {
  await signInAs("clerk");
  const response = await page.goto("/admin/ledger");
  expect(response?.status()).toBe(403);
});
