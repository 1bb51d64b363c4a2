// (c) The clerk asks for more material (reason visible to the resident), the resident
// uploads it and hands it in, and the case resumes (checks dispatched).
import { expect, test, text } from "../fixtures";
import { claimFromQueue, confirmAsParty, ensureStandingRule, fileTransfer, ledgerEntry, PDF, pressAndConfirm, upload } from "./flow";
import { homeOf, resident } from "./seeded";

const zh = (key: string) => text("zh-CN", key);

test("(c) more material: asked with a reason, uploaded by the resident, the case resumes", async ({ pageAs, request }) => {
  test.setTimeout(180_000);
  const seller = resident("杨丽");
  const buyer = resident("张伟");
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");

  const sellerPage = await pageAs(seller.phone);
  const id = await fileTransfer(sellerPage, { unit: homeOf("杨丽"), sellerId: seller.residentId, buyerId: buyer.residentId });
  await confirmAsParty(await pageAs(buyer.phone), id);
  const clerk = await pageAs("clerk.registry");
  await claimFromQueue(clerk, id);

  const note = "请上传契税完税凭证";
  await clerk.locator("summary", { hasText: zh("flow.case.requestMaterial") }).click(); // opens the <details>
  await clerk.getByLabel(zh("flow.common.reasonCode")).first().fill("deed_tax_receipt_missing");
  await clerk.getByLabel(zh("flow.case.materialNote"), { exact: true }).fill(note);
  await clerk.getByLabel(zh("flow.documentKinds.deed_tax_receipt")).check();
  await clerk.getByRole("button", { name: zh("flow.case.requestMaterial"), exact: true }).click();
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.more_material_requested"));

  // The resident sees the reason and what to upload.
  await sellerPage.goto(`/resident/applications/${id}`);
  const request_ = sellerPage.getByTestId("material-request");
  await expect(request_).toContainText(note);
  await expect(request_).toContainText("deed_tax_receipt_missing");
  await expect(request_).toContainText(zh("flow.documentKinds.deed_tax_receipt"));
  await upload(sellerPage, { kind: "deed_tax_receipt", file: PDF, name: "契税.pdf", mime: "application/pdf" }, 3);
  await pressAndConfirm(sellerPage, zh("flow.progress.materialSubmit"));
  await expect(sellerPage.getByTestId("status")).toHaveText(zh("flow.statuses.in_review"));
  const material = sellerPage.locator('[data-step^="material:"]');
  await expect(material).toHaveAttribute("data-state", "done");
  const provided = await ledgerEntry(request, Number(await material.locator("a[data-seq]").getAttribute("data-seq")));
  expect(provided).toMatchObject({ type: "registration.material_provided", subject: id });

  // The case resumes: the clerk sees the new document and dispatches the checks.
  await clerk.reload();
  await expect(clerk.getByTestId("documents").locator("li")).toHaveCount(3);
  await pressAndConfirm(clerk, zh("flow.case.dispatch"));
  await expect(clerk.getByTestId("status")).not.toHaveText(zh("flow.statuses.in_review"));
  await expect(clerk.locator('[data-testid="check-board"] tr[data-check]').first()).toBeVisible();
});
