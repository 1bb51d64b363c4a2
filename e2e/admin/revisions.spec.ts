// Record revisions (issue 6 item 6): the registry's admin corrects the year a unit was built,
// with a reason; the public ledger entry carries the old and the new value, the admin's page
// lists the correction, and the holder's property page shows it in the unit's history next to
// the credential entries it does not replace. (陈刚's second home: no other spec reads its year.)
// Correcting the area reissues the unit's credential: the new one shows the corrected area on
// /verify, the old one shows as superseded by it, and the holder's page offers the new one.
import type { Page } from "@playwright/test";
import { expect, test, text } from "../fixtures";
import { ledgerEntry, pressAndConfirm } from "../registration/flow";
import { demoUnits, resident } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);
const owner = resident("陈刚");
const unit = demoUnits().filter((u) => u.holder.name === "陈刚" && u.use === "residential")[1]!.unitNumber;

/** Opens /verify/{id} until the checkpoint covering it is witnessed and the verdict is in. */
async function verdictOf(page: Page, id: string, verdict: string) {
  await expect(async () => {
    await page.goto(`/verify/${id}`);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", verdict, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

test("the registry's admin corrects a record; the correction supersedes, and both values show", async ({ pageAs, request, page }) => {
  const admin = await pageAs("admin.registry");
  await admin.goto("/department/revisions");
  await admin.getByLabel(zh("adminRevisions.unitNumber")).fill(unit);
  await admin.getByRole("button", { name: zh("adminRevisions.find") }).click();
  const record = admin.getByTestId("record");
  await expect(record).toHaveAttribute("data-unit", unit);
  const oldYear = (await record.locator('dd[data-field="builtYear"]').textContent())!.trim();
  const newYear = String(Number(oldYear) === 2001 ? 2002 : 2001);

  // A malformed value is refused with a message, nothing recorded.
  await admin.getByLabel(zh("adminRevisions.field"), { exact: true }).selectOption("builtYear");
  await admin.getByLabel(zh("adminRevisions.value")).fill("1066");
  await pressAndConfirm(admin, zh("adminRevisions.submit"));
  await expect(admin.getByRole("alert").filter({ hasText: zh("errors.adminRevisions.yearForm") }).first()).toBeVisible();

  await admin.getByLabel(zh("adminRevisions.field"), { exact: true }).selectOption("builtYear");
  await admin.getByLabel(zh("adminRevisions.value")).fill(newYear);
  await admin.getByLabel(zh("adminRevisions.reason"), { exact: true }).selectOption("data_entry_error");
  await pressAndConfirm(admin, zh("adminRevisions.submit"));
  await expect(admin.getByRole("status").filter({ hasText: zh("adminRevisions.done") })).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId("record").locator('dd[data-field="builtYear"]')).toHaveText(newYear);
  const row = admin.locator('tr[data-field="builtYear"]').last();
  await expect(row).toContainText(`${oldYear} → ${newYear}`);
  const seq = Number(await row.getAttribute("data-seq"));
  const entry = await ledgerEntry(request, seq);
  expect(entry).toMatchObject({ type: "property.revised", subject: unit, payload: { unitNumber: unit, field: "builtYear", before: Number(oldYear), after: Number(newYear), reason: "data_entry_error" } });

  // The area is a claim of the credential: correcting it reissues the credential.
  const credentialCell = admin.getByTestId("credential");
  const oldCredential = (await credentialCell.getAttribute("data-credential"))!;
  expect(oldCredential).toMatch(/^dc-/);
  const oldArea = Number((await admin.getByTestId("record").locator('dd[data-field="area"]').textContent())!.trim());
  const newArea = (oldArea + 1.5).toFixed(2);
  await admin.getByLabel(zh("adminRevisions.field"), { exact: true }).selectOption("area");
  await admin.getByLabel(zh("adminRevisions.value")).fill(newArea);
  await admin.getByLabel(zh("adminRevisions.reason"), { exact: true }).selectOption("survey_error");
  await pressAndConfirm(admin, zh("adminRevisions.submit"));
  await expect(admin.getByRole("status").filter({ hasText: zh("adminRevisions.done") })).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId("record").locator('dd[data-field="area"]')).toHaveText(newArea);
  await expect(credentialCell).not.toHaveAttribute("data-credential", oldCredential);
  const newCredential = (await credentialCell.getAttribute("data-credential"))!;
  expect(newCredential).toMatch(/^dc-/);
  const areaSeq = Number(await admin.locator('tr[data-field="area"]').last().getAttribute("data-seq"));
  expect(await ledgerEntry(request, areaSeq + 1)).toMatchObject({
    type: "credential.issued",
    subject: newCredential,
    payload: { credentialId: newCredential, unitNumber: unit, reason: "record_revision", supersedes: oldCredential },
  });
  expect(await ledgerEntry(request, areaSeq + 2)).toMatchObject({ type: "credential.superseded", subject: oldCredential, payload: { supersededBy: newCredential } });

  // Anyone checking the new credential sees the corrected area; the old one is superseded by it.
  await verdictOf(page, newCredential, "valid");
  await expect(page.locator('dd[data-claim="area"]')).toHaveText(`${Number(newArea)} 平方米`);
  await verdictOf(page, oldCredential, "superseded");
  await expect(page.getByTestId("verdict")).toContainText(zh("verify.reasons.record_revision"));
  await expect(page.getByTestId("verdict").getByRole("link")).toHaveAttribute("href", `/verify/${newCredential}`);
  expect(await (await request.get(`/api/credentials/${oldCredential}`)).json()).toMatchObject({ id: oldCredential, status: "superseded" });
  expect(await (await request.get(`/api/credentials/${newCredential}`)).json()).toMatchObject({ id: newCredential, status: "valid" });

  // The holder's property page: the correction in the unit's history, with both values.
  const holder = await pageAs(owner.phone);
  await holder.goto("/resident/properties");
  const card = holder.locator(`li[data-unit="${unit}"]`);
  await expect(card.getByRole("link", { name: newCredential })).toBeVisible();
  await expect(card.locator('tr[data-type="property.revised"]').filter({ hasText: `${oldYear} → ${newYear}` })).toBeVisible();
  await expect(card.locator('tr[data-type="credential.issued"]').first()).toBeVisible();

  // Another department's admin has no property records to revise.
  const tax = await pageAs("admin.tax");
  await tax.goto("/department/revisions");
  await expect(tax.getByText(zh("adminRevisions.notRegistry"))).toBeVisible();
});
