// Record revisions (issue 6 item 6): the registry's admin corrects the year a unit was built,
// with a reason; the public ledger entry carries the old and the new value, the admin's page
// lists the correction, and the holder's property page shows it in the unit's history next to
// the credential entries it does not replace. (陈刚's second home: no other spec reads its year.)
import { expect, test, text } from "../fixtures";
import { ledgerEntry, pressAndConfirm } from "../registration/flow";
import { demoUnits, resident } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);
const owner = resident("陈刚");
const unit = demoUnits().filter((u) => u.holder.name === "陈刚" && u.use === "residential")[1]!.unitNumber;

test("the registry's admin corrects a record; the correction supersedes, and both values show", async ({ pageAs, request }) => {
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

  // The holder's property page: the correction in the unit's history, with both values.
  const holder = await pageAs(owner.phone);
  await holder.goto("/resident/properties");
  const card = holder.locator(`li[data-unit="${unit}"]`);
  await expect(card.locator('tr[data-type="property.revised"]')).toContainText(`${oldYear} → ${newYear}`);
  await expect(card.locator('tr[data-type="credential.issued"]').first()).toBeVisible();

  // Another department's admin has no property records to revise.
  const tax = await pageAs("admin.tax");
  await tax.goto("/department/revisions");
  await expect(tax.getByText(zh("adminRevisions.notRegistry"))).toBeVisible();
});
