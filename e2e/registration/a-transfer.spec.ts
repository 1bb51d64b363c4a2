// (a) A transfer from filing to approval through the portal: the seller files with the
// guided form, the buyer confirms online, the clerk claims and dispatches, police, civil and
// tax answer under standing rules and housing's admin authorises and answers in the inbox,
// the clerk approves and the buyer is shown as the new holder. After each step the public
// ledger API serves the entry the step wrote.
// Needs the data folder prepared by e2e/registration/prepare-data.ts (deed tax paid).
import { expect, test, text } from "../fixtures";
import { authoriseAndAnswer, claimFromQueue, confirmAsParty, ensureStandingRule, fileTransfer, ledgerEntry, ledgerSize, pressAndConfirm, revokeStandingRules, stepSeq } from "./flow";
import { homeOf, resident } from "./seeded";

const zh = (key: string) => text("zh-CN", key);

test("(a) transfer: filed, confirmed, every department answers yes, approved, the buyer holds the unit", async ({ pageAs, request }) => {
  test.setTimeout(240_000);
  const seller = resident("张伟");
  const buyer = resident("刘芳");
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");
  for (const [login, check] of [["admin.police", "identity"], ["admin.civil", "marital_status"], ["admin.tax", "deed_tax_paid"]] as const) {
    await ensureStandingRule(await pageAs(login), check);
  }
  const housing = await pageAs("admin.housing");
  await revokeStandingRules(housing, "purchase_eligibility");

  // Filing: kind → unit → parties → documents → review → submit.
  const sellerPage = await pageAs(seller.phone);
  const before = await ledgerSize(request);
  const id = await fileTransfer(sellerPage, { unit: homeOf("张伟"), sellerId: seller.residentId, buyerId: buyer.residentId });
  await expect(sellerPage.getByTestId("status")).toHaveText(zh("flow.statuses.awaiting_counterparty"));
  const filed = await ledgerEntry(request, await stepSeq(sellerPage, "filed"));
  expect(filed).toMatchObject({ type: "registration.submitted", subject: id });
  expect(filed.raw).not.toContain(seller.residentId);
  expect(await stepSeq(sellerPage, "filed")).toBeGreaterThanOrEqual(before);

  // The buyer is told, and confirms online.
  const buyerPage = await pageAs(buyer.phone);
  await buyerPage.goto("/resident/applications");
  await expect(buyerPage.locator('[data-testid="notifications"] [data-kind="confirm_requested"]').first()).toBeVisible();
  await confirmAsParty(buyerPage, id);
  const confirmed = await ledgerEntry(request, await stepSeq(buyerPage, "counterparty:buyer-0"));
  expect(confirmed).toMatchObject({ type: "registration.counterparty_confirmed", subject: id });

  // The clerk claims it from the queue; opening the case writes the access entries.
  const clerk = await pageAs("clerk.registry");
  await claimFromQueue(clerk, id);
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.in_review"));
  await expect(clerk.getByTestId("documents").locator("li")).toHaveCount(2);
  expect((await ledgerEntry(request, await stepSeq(clerk, "intake"))).type).toBe("registration.claimed");
  const accessSeqs = ((await clerk.getByTestId("access-seqs").textContent()) ?? "").match(/\d+/g)!.map(Number);
  expect(accessSeqs.length).toBeGreaterThanOrEqual(2);
  for (const seq of accessSeqs) expect((await ledgerEntry(request, seq)).type).toBe("access.read");

  // Dispatch: the standing rules authorise police, civil and tax, which answer at once.
  await pressAndConfirm(clerk, zh("flow.case.dispatch"));
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.checks_pending"));
  for (const dept of ["police", "civil", "tax"]) {
    const row = clerk.locator(`[data-testid="check-board"] tr[data-check^="${dept}."]`).first();
    await expect(row).toHaveAttribute("data-outcome", "yes");
  }
  await expect(clerk.locator('[data-testid="check-board"] tr[data-check^="housing."]')).toHaveAttribute("data-outcome", "pending");

  // Housing's admin authorises the read and runs the check.
  await authoriseAndAnswer(housing, id, "purchase_eligibility");
  await clerk.reload();
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.ready_for_decision"));
  const housingRow = clerk.locator('[data-testid="check-board"] tr[data-check^="housing."]');
  await expect(housingRow).toHaveAttribute("data-outcome", "yes");
  await expect(housingRow).toContainText("住建局管理员 李娜");
  const housingStep = clerk.locator('[data-step^="check:housing."] a[data-seq]');
  expect((await ledgerEntry(request, Number(await housingStep.getAttribute("data-seq")))).type).toBe("registration.answer_recorded");

  // Approval.
  await pressAndConfirm(clerk, zh("flow.case.approve"));
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.approved"));
  expect((await ledgerEntry(request, await stepSeq(clerk, "decision"))).type).toBe("registration.approved");

  // The buyer sees the decision and that they now hold the unit.
  await buyerPage.goto(`/resident/applications/${id}`);
  await expect(buyerPage.getByTestId("status")).toHaveText(zh("flow.statuses.approved"));
  await expect(buyerPage.getByTestId("holders")).toContainText(`${buyer.name} (${zh("flow.progress.holderMe")})`);
  await expect(buyerPage.getByTestId("holders")).not.toContainText(seller.name);

  // The seller's access log names who read their data, each row linking to its entry.
  await sellerPage.goto("/resident/access-log");
  const caseView = sellerPage.locator('tr[data-check="registry.case_view"][data-outcome="read"]').first();
  await expect(caseView).toBeVisible();
  const seq = Number(await caseView.getAttribute("data-seq"));
  expect((await ledgerEntry(request, seq)).type).toBe("access.read");
  await expect(sellerPage.locator('tr[data-check="civil.marital_status"][data-outcome="read"]')).toHaveCount(1);
});
