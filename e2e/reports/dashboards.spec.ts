// Dashboards (issue 6, item 5) on the e2e data: the seed's eight weeks of history
// (drizzle/seed/history.ts) render as charts with points and non-empty tables, and their
// figures for past days equal the SQL counts e2e/reports/prepare-data.ts made of them
// (report-figures.json); that preparer also files five transfers and decides three, and
// earlier specs may add more. The registry's figures agree
// with the public ledger's own counts and with the CSV export; the date filter refuses bad
// input with a message; a department admin sees only their department; charts come with
// their tables.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, text } from "../fixtures";

const zh = (key: string) => text("zh-CN", key);
const number = (s: string) => Number(s.replace(/[^\d.]/g, ""));

test("the registry dashboard matches the ledger's counts and its CSV export", async ({ page, signInAs }) => {
  // The public explorer counts the signed entries: every filing is one registration.submitted.
  await page.goto("/ledger");
  const ledgerCount = async (type: string) => {
    const row = page.getByTestId("counts-by-type").locator(`tr[data-key="${type}"]`);
    return (await row.count()) === 0 ? 0 : number(await row.locator("td").last().innerText());
  };
  const submitted = await ledgerCount("registration.submitted");
  const decided = (await ledgerCount("registration.approved")) + (await ledgerCount("registration.rejected"));
  const requested = await ledgerCount("verification.requested");
  expect(submitted).toBeGreaterThanOrEqual(5);

  await signInAs("clerk");
  await page.goto("/dashboards");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(zh("dashboards.registryScope"));
  // Everything in the e2e database happened in the default range (the last 60 days).
  const perDay = page.getByTestId("table-perDay");
  const totals = await perDay.locator("tbody tr td:last-child").allTextContents(); // inside a closed <details>
  expect(totals.reduce((a, t) => a + number(t), 0)).toBe(submitted);
  const processing = page.getByTestId("table-processing").locator("tbody tr");
  const decidedCells = await processing.locator("td:nth-child(2)").allInnerTexts();
  expect(decidedCells.reduce((a, t) => a + number(t), 0)).toBe(decided);
  const checkTotals = await page.getByTestId("table-checks").locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(checkTotals.reduce((a, t) => a + number(t), 0)).toBe(requested);
  // Charts are images with a text label, and their figures are in the tables next to them.
  await expect(page.locator('figure [role="img"]').first()).toHaveAttribute("aria-label", /./);
  // The queue today: filed and not yet decided or withdrawn.
  const queueToday = number((await page.getByTestId("table-queue").locator("tbody tr").last().locator("td").textContent()) ?? "");
  expect(queueToday).toBeGreaterThanOrEqual(2); // two report transfers are still open

  // The CSV of the per-day table: same figures, formula cells neutralised by construction.
  const csv = await page.request.get(`/dashboards/export?table=perDay`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="deedchain-registry-perDay-/);
  const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  const csvTotal = lines.slice(1).reduce((a, line) => a + Number(line.split(",").at(-1)), 0);
  expect(csvTotal).toBe(submitted);
  const bad = await page.request.get(`/dashboards/export?table=perDay&from=2026-02-30`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/YYYY-MM-DD/);
});

test("the seeded history renders: charts with points, tables with rows, figures equal to SQL counts", async ({ page, signInAs }) => {
  const figures = JSON.parse(readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "report-figures.json"), "utf8")) as {
    from: string;
    to: string;
    filed: number;
    decided: number;
    checks: number;
    breaches: number;
  };
  expect(figures.filed).toBeGreaterThan(100);
  expect(figures.breaches).toBeGreaterThan(0);

  await signInAs("clerk");
  // The default range (the last 60 days) holds the whole history: a bar for most days, a
  // bar per kind in the processing chart, a bar per department, a line for the queue.
  await page.goto("/dashboards");
  // recharts draws a bar's path only when its value is not zero.
  const bars = (section: string) => page.locator(`#${section}-h ~ figure .recharts-bar-rectangle path`);
  await expect.poll(() => bars("per-day").count()).toBeGreaterThan(30);
  await expect.poll(() => bars("processing").count()).toBeGreaterThanOrEqual(6 * 2);
  await expect.poll(() => bars("checks").count()).toBeGreaterThanOrEqual(6);
  await expect(page.locator("#queue-h ~ figure .recharts-line-curve")).toHaveAttribute("d", /\d/);
  await expect(page.getByTestId("table-processing").locator("tbody tr")).toHaveCount(6); // every application kind
  await expect(page.getByTestId("table-sla").locator("tbody tr")).not.toHaveCount(0);
  const filedDays = (await page.getByTestId("table-perDay").locator("tbody tr td:last-child").allTextContents()).filter((t) => number(t) > 0);
  expect(filedDays.length).toBeGreaterThan(30);

  // Past days only: no spec files or decides anything there, so the figures are the SQL's.
  await page.goto(`/dashboards?from=${figures.from}&to=${figures.to}`);
  const sum = async (testId: string, column: number) =>
    (await page.getByTestId(testId).locator(`tbody tr td:nth-child(${column})`).allTextContents()).reduce((a, t) => a + number(t), 0);
  expect(await sum("table-perDay", (await page.getByTestId("table-perDay").locator("thead th").count()))).toBe(figures.filed);
  expect(await sum("table-processing", 2)).toBe(figures.decided);
  expect(await sum("table-checks", 2)).toBe(figures.checks);
  expect(await sum("table-sla", 3)).toBe(figures.breaches);
});

test("the date filter explains what is wrong, and a narrow range shows empty states", async ({ page, signInAs }) => {
  await signInAs("clerk");
  await page.goto("/dashboards");
  await page.getByLabel(zh("dashboards.filter.from")).fill("2026-11-20");
  await page.getByLabel(zh("dashboards.filter.to")).fill("2026-11-10");
  await page.getByRole("button", { name: zh("dashboards.filter.apply") }).click();
  await expect(page.locator('[role="alert"]:not(#__next-route-announcer__)')).toContainText(zh("dashboards.errors.fromAfterTo"));
  await expect(page.getByLabel(zh("dashboards.filter.from"))).toHaveAttribute("aria-invalid", "true");

  await page.goto("/dashboards?from=2020-01-01&to=2020-01-31");
  await expect(page.getByTestId("empty-perDay")).toHaveText(zh("dashboards.empty.perDay"));
});

test("a department admin sees their department's dashboard only", async ({ page, signInAs }) => {
  await signInAs("admin.police");
  await page.goto("/dashboards");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(text("zh-CN", "departments.police"));
  await expect(page.getByTestId("table-checks").locator('tr[data-key="identity"]')).toBeVisible();
  // The queue table ends with today's figure. (How many police checks still wait depends on
  // the specs before this one: a standing rule set there answers waiting requests at once.)
  await expect(page.getByTestId("table-queue").locator("tbody tr").last().locator("td").first()).toHaveText(/^\s*\d[\d,]*\s*$/);
  expect((await page.goto("/dashboards?scope=registry"))?.status()).toBe(403);
  expect((await page.request.get("/dashboards/export?scope=tax")).status()).toBe(403);
});

test("a senior admin chooses among every dashboard", async ({ page, signInAs }) => {
  await signInAs("senior_admin");
  await page.goto("/dashboards");
  await page.getByLabel(zh("dashboards.filter.scope")).selectOption("tax");
  await page.getByRole("button", { name: zh("dashboards.filter.apply") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(text("zh-CN", "departments.tax"));
});
