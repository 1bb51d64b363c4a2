// The public ledger explorer (issue 6, item 4), without signing in: counts by type and by
// department agree with the entries, an entry's detail links to an inclusion proof the
// public API answers, lists page, filters say when nothing matches or the input is wrong,
// and no page shows a resident's name, ID number or phone — the demo residents' and the
// report residents' (e2e/reports/people.ts) alike.
import { DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { expect, test, text } from "../fixtures";
import { REPORT_PEOPLE } from "./people";

const zh = (key: string) => text("zh-CN", key);
const PERSONAL = [
  ...DEMO_RESIDENTS.flatMap((r) => [r.name, r.residentId, r.phone]),
  ...REPORT_PEOPLE.flatMap((p) => [p.seller, p.buyer]).flatMap((r) => [r.name, r.residentId, r.phone]),
];

function expectNoPersonalData(content: string, where: string) {
  for (const value of PERSONAL) expect(content.includes(value), `${where} shows ${value}`).toBe(false);
}

test("the explorer shows counts, pages entries and names nobody", async ({ page }) => {
  await page.goto("/ledger");
  await expect(page.getByRole("heading", { level: 1, name: zh("ledgerExplorer.title") })).toBeVisible();
  const size = Number((await page.getByTestId("tree-size").innerText()).replace(/\D/g, ""));
  expect(size).toBeGreaterThan(0);
  // The counts by type and by department each add up to the whole ledger.
  for (const id of ["counts-by-type", "counts-by-department"]) {
    const cells = await page.getByTestId(id).locator("tbody tr td:last-child").allInnerTexts();
    expect(cells.reduce((a, c) => a + Number(c.replace(/\D/g, "")), 0), id).toBe(size);
  }
  expectNoPersonalData(await page.content(), "/ledger");

  // Filtering by a type lists only that type; the count matches the table.
  const submittedRow = page.getByTestId("counts-by-type").locator('tr[data-key="registration.submitted"]');
  const submitted = Number((await submittedRow.locator("td").last().innerText()).replace(/\D/g, ""));
  expect(submitted).toBeGreaterThanOrEqual(5); // e2e/reports/prepare-data.ts filed five
  await submittedRow.getByRole("link").click();
  await expect(page).toHaveURL(/type=registration\.submitted/);
  const types = await page.getByTestId("entry-list").locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(types.length).toBe(Math.min(submitted, 25));
  expect(new Set(types)).toEqual(new Set(["registration.submitted"]));

  // Pages: the second page continues below the first.
  await page.goto("/ledger");
  const firstPage = await page.getByTestId("entry-list").locator("tbody tr td:first-child").allInnerTexts();
  const next = page.getByTestId("entry-list").locator("xpath=following::nav[1]").getByRole("link", { name: zh("flow.common.next") });
  await expect(next).toHaveAttribute("href", /page=2/);
  await page.goto((await next.getAttribute("href"))!);
  const secondPage = await page.getByTestId("entry-list").locator("tbody tr td:first-child").allInnerTexts();
  expect(Number(secondPage[0])).toBe(Number(firstPage.at(-1)) - 1);

  // Empty and wrong filters say so.
  await page.goto("/ledger?type=no.such.type");
  await expect(page.getByTestId("no-entries")).toHaveText(zh("ledgerExplorer.entries.none"));
  await page.goto("/ledger?type=DROP%20TABLE");
  await expect(page.locator('[role="alert"]:not(#__next-route-announcer__)')).toContainText(zh("ledgerExplorer.errors.type"));
});

test("an entry's detail: opaque subject, the inclusion proof from the public API, no personal data", async ({ page, request }) => {
  // Every entry about the report residents' applications, and the newest entries of all.
  await page.goto("/ledger?type=registration.submitted");
  const seqs = (await page.getByTestId("entry-list").locator("tbody tr td:first-child").allInnerTexts()).map(Number).slice(0, 5);
  await page.goto("/ledger");
  seqs.push(...(await page.getByTestId("entry-list").locator("tbody tr td:first-child").allInnerTexts()).map(Number).slice(0, 10));
  for (const seq of seqs) {
    await page.goto(`/ledger/entries/${seq}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(String(seq));
    expectNoPersonalData(await page.content(), `/ledger/entries/${seq}`);
  }

  const seq = seqs[0]!;
  await page.goto(`/ledger/entries/${seq}`);
  const api = await (await request.get(`/api/ledger/entries/${seq}`)).json();
  const entry = JSON.parse(api.entry);
  await expect(page.getByTestId("entry-fields")).toContainText(entry.subject);
  await expect(page.getByTestId("entry-fields")).toContainText(entry.type);
  const proofLink = page.getByTestId("inclusion-proof");
  await expect(proofLink).toBeVisible({ timeout: 15_000 });
  const proof = await (await request.get((await proofLink.getAttribute("href"))!)).json();
  expect(proof).toMatchObject({ seq, leafHash: api.leafHash });
  expect(proof.treeSize).toBeGreaterThan(seq);

  // An entry that does not exist is a 404 page, not an error.
  const missing = await page.goto("/ledger/entries/99999999");
  expect(missing?.status()).toBe(404);
});
