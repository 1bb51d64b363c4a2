// Special cases: a senior admin finds a blocked case in the list of blocked cases and
// overrides the blocking check with a mandatory reason; the override is its own ledger entry,
// shown on the case's timeline, and the case leaves the list. Uses 杨丽's first registration
// on her seeded land-use parcel (no other spec touches it), so no demo unit changes hands.
import { DEMO_FIRST_REGISTRATION_PARCELS } from "@/drizzle/seed/seed-data";
import { expect, test, text } from "../fixtures";
import { claimFromQueue, ensureStandingRule, ledgerEntry, pressAndConfirm, PDF, PNG, revokeStandingRules, upload } from "./flow";
import { resident } from "./seeded";

const zh = (key: string) => text("zh-CN", key);
const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");

test("(f) blocked cases: listed for the senior admin, overridden with a reason, on the timeline and the ledger", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const applicant = resident("杨丽");
  const unit = `${DEMO_FIRST_REGISTRATION_PARCELS[3]}F00010101`;
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");
  const land = await pageAs("admin.land");
  await revokeStandingRules(land, "land_use_right");

  // 杨丽 files a first registration of a new unit on her parcel.
  const page = await pageAs(applicant.phone);
  await page.goto("/resident/applications/new");
  await page.getByLabel(zh("flow.kinds.first_registration")).check();
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.getByLabel(zh("flow.wizard.unit")).fill(unit);
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=parties/);
  const id = /applications\/(app-[0-9a-f-]+)\//.exec(page.url())![1]!;
  await page.getByLabel(fill(zh("flow.wizard.partyId"), { role: zh("flow.roles.applicant") })).fill(applicant.residentId);
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=documents/);
  await upload(page, { kind: "land_use_certificate", file: PDF, name: "land.pdf", mime: "application/pdf" }, 1);
  await upload(page, { kind: "identity_document", file: PNG, name: "id.png", mime: "image/png" }, 2);
  await page.getByRole("link", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=review/);
  await pressAndConfirm(page, zh("flow.wizard.submit"));
  await page.waitForURL(new RegExp(`/resident/applications/${id}$`));

  // The clerk dispatches; the land bureau's admin refuses to authorise the read: blocked.
  const clerk = await pageAs("clerk.registry");
  await claimFromQueue(clerk, id);
  await pressAndConfirm(clerk, zh("flow.case.dispatch"));
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.checks_pending"));
  await land.goto("/department");
  const row = land.locator('tr[data-check="land_use_right"]').filter({ hasText: id.slice(0, 12) });
  await row.locator("summary").click();
  await row.getByLabel(zh("flow.common.reasonCode")).fill("certificate_not_shown");
  await pressAndConfirm(land, zh("flow.inbox.refuse"), row);
  await expect(row).toHaveCount(0);

  // The senior admin's list of blocked cases names the case and what holds it up.
  const senior = await pageAs("senior.admin");
  await senior.goto("/admin/blocked");
  await expect(senior.getByRole("heading", { level: 1, name: zh("flow.blocked.title") })).toBeVisible();
  const listed = senior.locator(`tr[data-application="${id}"]`);
  await expect(listed).toHaveCount(1);
  await expect(listed.locator('[data-check="land.land_use_right"]')).toContainText(zh("flow.blocked.outcomes.refused"));

  // Override: the reason is mandatory (an empty one is refused by the form), then signed.
  await listed.getByRole("link", { name: fill(zh("flow.blocked.override"), { id: id.slice(0, 12) }) }).click();
  await senior.waitForURL(new RegExp(`/clerk/cases/${id}/override$`));
  await senior.getByLabel(zh("flow.override.check")).selectOption({ index: 0 });
  await senior.getByRole("button", { name: zh("flow.override.submit"), exact: true }).click();
  await expect(senior.getByRole("button", { name: zh("flow.common.confirm"), exact: true })).toHaveCount(0); // browser validation stops it
  await senior.getByLabel(zh("flow.common.reasonCode")).fill("certificate_verified");
  await senior.getByLabel(zh("flow.override.note")).fill("已在窗口核验土地使用权证原件，特此处理。");
  await pressAndConfirm(senior, zh("flow.override.submit"));
  const overridden = senior.locator('[data-step^="check:land."]');
  await expect(overridden).toHaveAttribute("data-state", "done");
  await expect(overridden.getByTestId("step-outcome")).toContainText("overridden");
  const entry = await ledgerEntry(request, Number(await overridden.locator("a[data-seq]").getAttribute("data-seq")));
  expect(entry).toMatchObject({ type: "registration.check_overridden", subject: id });
  expect(entry.raw).toContain("certificate_verified");
  expect(entry.raw).not.toContain("土地使用权证原件"); // the note stays off the ledger

  // The case has left the list; the applicant's timeline shows the override too.
  await senior.goto("/admin/blocked");
  await expect(senior.locator(`tr[data-application="${id}"]`)).toHaveCount(0);
  await page.goto(`/resident/applications/${id}`);
  await expect(page.locator('[data-step^="check:land."]').getByTestId("step-outcome")).toContainText("overridden");
});
