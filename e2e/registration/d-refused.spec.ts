// (d) A department admin refuses authorisation: the check is blocked, and nobody read the
// party's data for it (no access entry of a read; the refusal is on the ledger).
import { expect, test, text } from "../fixtures";
import { claimFromQueue, confirmAsParty, ensureStandingRule, fileTransfer, ledgerEntry, ledgerSize, pressAndConfirm, revokeStandingRules } from "./flow";
import { homeOf, resident } from "./seeded";

const zh = (key: string) => text("zh-CN", key);

test("(d) housing's admin refuses: the check is blocked and no read of the buyer's housing record exists", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const seller = resident("刘芳");
  const buyer = resident("陈刚");
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");
  const housing = await pageAs("admin.housing");
  await revokeStandingRules(housing, "purchase_eligibility");

  const sellerPage = await pageAs(seller.phone);
  const id = await fileTransfer(sellerPage, { unit: homeOf("刘芳"), sellerId: seller.residentId, buyerId: buyer.residentId });
  const buyerPage = await pageAs(buyer.phone);
  await confirmAsParty(buyerPage, id);
  const clerk = await pageAs("clerk.registry");
  await claimFromQueue(clerk, id);
  await pressAndConfirm(clerk, zh("flow.case.dispatch"));
  // Wait for the dispatch to commit before looking in housing's inbox.
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.checks_pending"));

  await housing.goto("/department");
  const row = housing.locator('tr[data-check="purchase_eligibility"]').filter({ hasText: id.slice(0, 12) });
  await expect(row).toHaveAttribute("data-status", "requested");
  const before = await ledgerSize(request);
  await row.locator("summary").click(); // opens the <details>
  await row.getByLabel(zh("flow.common.reasonCode")).fill("purpose_not_justified");
  await pressAndConfirm(housing, zh("flow.inbox.refuse"), row);
  await expect(row).toHaveCount(0); // no longer waiting
  await housing.goto("/department?status=refused");
  await expect(housing.locator(`tr[data-check="purchase_eligibility"][data-status="refused"]`).filter({ hasText: id.slice(0, 12) })).toHaveCount(1);

  // The case shows the check blocked; its step links to the blocking entry.
  await clerk.reload();
  const check = clerk.locator('[data-testid="check-board"] tr[data-check^="housing."]');
  await expect(check).toHaveAttribute("data-outcome", "blocked");
  const blockedSeq = Number(await clerk.locator('[data-step^="check:housing."] a[data-seq]').getAttribute("data-seq"));
  expect(blockedSeq).toBeGreaterThanOrEqual(before);
  expect(await ledgerEntry(request, blockedSeq)).toMatchObject({ type: "registration.check_blocked", subject: id });
  // Nothing after the refusal is a read of housing data.
  for (let seq = before; ; seq++) {
    const response = await request.get(`/api/ledger/entries/${seq}`);
    if (!response.ok()) break; // past the end of the log
    const e = JSON.parse(((await response.json()) as { entry: string }).entry) as { type: string; payload: { department?: string } };
    if (e.type === "access.read") expect(e.payload.department).not.toBe("housing");
  }

  // The buyer's access log shows no read of their housing record.
  await buyerPage.goto("/resident/access-log");
  await expect(buyerPage.locator('tr[data-check="housing.purchase_eligibility"][data-outcome="read"]')).toHaveCount(0);

  // A senior admin overrides the blocked check with a mandatory reason; the timeline shows it.
  const senior = await pageAs("senior.admin");
  await senior.goto(`/clerk/cases/${id}/override`);
  await senior.getByLabel(zh("flow.override.check")).selectOption({ index: 0 });
  await senior.getByLabel(zh("flow.common.reasonCode")).fill("verified_offline");
  await senior.getByLabel(zh("flow.override.note")).fill("住建局线下核实购房资格，特此处理。");
  await pressAndConfirm(senior, zh("flow.override.submit"));
  const overridden = senior.locator('[data-step^="check:housing."]');
  await expect(overridden).toHaveAttribute("data-state", "done");
  await expect(overridden.getByTestId("step-outcome")).toContainText("overridden");
  const entry = await ledgerEntry(request, Number(await overridden.locator("a[data-seq]").getAttribute("data-seq")));
  expect(entry).toMatchObject({ type: "registration.check_overridden", subject: id });
  expect(entry.raw).toContain("verified_offline");
  expect(entry.raw).not.toContain("住建局线下核实");
});
