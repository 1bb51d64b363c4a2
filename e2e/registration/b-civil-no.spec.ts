// (b) 陈刚 (married, no spouse consent on file) sells: civil answers no, the clerk rejects
// citing it, and the resident sees the reason. The ledger carries the answer and the
// rejection (reason code only, never the note's text).
import { expect, test, text } from "../fixtures";
import { claimFromQueue, confirmAsParty, ensureStandingRule, fileTransfer, ledgerEntry, pressAndConfirm, stepSeq } from "./flow";
import { homeOf, resident } from "./seeded";

const zh = (key: string) => text("zh-CN", key);

test("(b) civil answers no for 陈刚's sale; the clerk rejects with that reason; the seller sees it", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const seller = resident("陈刚");
  const buyer = resident("杨丽");
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");
  await ensureStandingRule(await pageAs("admin.civil"), "marital_status");
  await ensureStandingRule(await pageAs("admin.police"), "identity");

  const sellerPage = await pageAs(seller.phone);
  const id = await fileTransfer(sellerPage, { unit: homeOf("陈刚"), sellerId: seller.residentId, buyerId: buyer.residentId });
  await confirmAsParty(await pageAs(buyer.phone), id);
  const clerk = await pageAs("clerk.registry");
  await claimFromQueue(clerk, id);
  await pressAndConfirm(clerk, zh("flow.case.dispatch"));

  const civil = clerk.locator('[data-testid="check-board"] tr[data-check^="civil.marital_status"]');
  await expect(civil).toHaveAttribute("data-outcome", "no");
  await expect(civil).toContainText("spouse_consent_missing");
  const answer = await ledgerEntry(request, Number(await clerk.locator('[data-step^="check:civil."] a[data-seq]').getAttribute("data-seq")));
  expect(answer.type).toBe("registration.answer_recorded");
  expect(answer.raw).toContain("spouse_consent_missing");

  // Reject: the reason code is pre-filled from the failed check; the note is required.
  const note = "配偶同意书未备案，请补充后重新申请。";
  await clerk.getByLabel(zh("flow.case.rejectNote")).fill(note);
  await expect(clerk.getByLabel(zh("flow.common.reasonCode")).last()).toHaveValue("spouse_consent_missing");
  await pressAndConfirm(clerk, zh("flow.case.reject"));
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.rejected"));
  const rejected = await ledgerEntry(request, await stepSeq(clerk, "decision"));
  expect(rejected.type).toBe("registration.rejected");
  expect(rejected.raw).toContain("spouse_consent_missing");
  expect(rejected.raw).not.toContain("配偶同意书");

  await sellerPage.goto(`/resident/applications/${id}`);
  await expect(sellerPage.getByTestId("status")).toHaveText(zh("flow.statuses.rejected"));
  await expect(sellerPage.getByTestId("decision")).toContainText("spouse_consent_missing");
  await expect(sellerPage.getByTestId("decision")).toContainText(note);
  await expect(sellerPage.locator('[data-step^="check:civil."]')).toHaveAttribute("data-state", "failed");
});
