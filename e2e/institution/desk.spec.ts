// Bank desk and API keys (issue 5): a bank files a mortgage on 杨丽's unit through its desk;
// the filing waits for the owner's online confirmation and moves on once she confirms. A
// senior admin creates an institution API key (shown once, works on the lookup API), lists
// and revokes it (then it no longer works).
import { DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { expect, test, text } from "../fixtures";
import { confirmAsParty, PDF, PNG, pressAndConfirm } from "../registration/flow";

const zh = (key: string) => text("zh-CN", key);

test("a bank files a mortgage; the owner confirms; the desk lists its status", async ({ pageAs }) => {
  const owner = DEMO_RESIDENTS.find((r) => r.name === "杨丽")!;
  const ownerPage = await pageAs(owner.phone);
  await ownerPage.goto("/resident/properties");
  const card = ownerPage.locator('li[data-unit][data-status="registered"]').first();
  const unit = (await card.getAttribute("data-unit"))!;

  const bank = await pageAs("bank.officer");
  await bank.goto("/institution");
  await expect(bank.getByRole("heading", { name: zh("institutionDesk.seizure.title") })).toHaveCount(0); // a bank files no seizures
  const form = bank.getByRole("region", { name: zh("institutionDesk.mortgage.title") });
  await form.getByLabel(zh("institutionDesk.unitNumber")).fill(unit);
  await form.getByLabel(zh("institutionDesk.mortgage.owner")).fill(owner.residentId);
  await form.getByLabel(zh("institutionDesk.mortgage.amount")).fill("0");
  await form.getByLabel(zh("institutionDesk.mortgage.contract")).setInputFiles({ name: "mortgage.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByLabel(zh("institutionDesk.mortgage.identity")).setInputFiles({ name: "id.png", mimeType: "image/png", buffer: PNG });
  const before = await bank.locator('li[data-kind="mortgage"]').count();
  await bank.getByRole("button", { name: zh("institutionDesk.mortgage.submit") }).click();
  // A zero amount is refused with a message naming the field; nothing is filed.
  await expect(form.getByRole("alert").locator('[data-field="securedAmount"]')).toBeVisible();
  // …in the visitor's language (zh-CN), not the contract's English fallback.
  await expect(form.getByText(zh("errors.yuanAmount")).first()).toBeVisible();
  await bank.reload();
  await expect(bank.locator('li[data-kind="mortgage"]')).toHaveCount(before);
  // The amount as people type it (full-width digits, separators) is read and shown in yuan.
  await form.getByLabel(zh("institutionDesk.unitNumber")).fill(unit);
  await form.getByLabel(zh("institutionDesk.mortgage.owner")).fill(owner.residentId);
  await form.getByLabel(zh("institutionDesk.mortgage.amount")).fill("１，２００，０００");
  await form.getByLabel(zh("institutionDesk.mortgage.contract")).setInputFiles({ name: "mortgage.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByLabel(zh("institutionDesk.mortgage.identity")).setInputFiles({ name: "id.png", mimeType: "image/png", buffer: PNG });
  await bank.getByRole("button", { name: zh("institutionDesk.mortgage.submit") }).click();
  await expect(form.getByRole("status")).toHaveText(zh("institutionDesk.filed"));
  const filing = bank.locator('li[data-kind="mortgage"]').filter({ hasText: unit }).first();
  await expect(filing).toHaveAttribute("data-status", "awaiting_counterparty");
  await expect(filing).toContainText(zh("institutionDesk.awaitingOwner"));
  await expect(filing.getByTestId("secured-amount")).toHaveText("¥1,200,000.00");
  const applicationId = (await filing.getAttribute("data-application"))!;

  await confirmAsParty(ownerPage, applicationId);
  await bank.reload();
  await expect(bank.locator(`li[data-application="${applicationId}"]`)).toHaveAttribute("data-status", "submitted");
});

test("a wrong unit number is refused with a message, nothing filed", async ({ pageAs }) => {
  const court = await pageAs("court.officer");
  await court.goto("/institution");
  const before = await court.locator("li[data-application]").count();
  await court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByLabel(zh("institutionDesk.unitNumber")).fill("not-a-unit");
  await court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByLabel(zh("institutionDesk.caseNumber")).fill("(2026)湘1302执1号");
  await court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByLabel(zh("institutionDesk.seizure.order")).setInputFiles({ name: "order.pdf", mimeType: "application/pdf", buffer: PDF });
  await court.getByRole("button", { name: zh("institutionDesk.seizure.submit") }).click();
  await expect(court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByRole("alert")).toBeVisible();
  await court.reload();
  await expect(court.locator("li[data-application]")).toHaveCount(before);
});

test("a senior admin creates an API key shown once, and revokes it", async ({ pageAs, request }) => {
  const admin = await pageAs("senior.admin");
  await admin.goto("/admin/api-keys");
  const name = `娄底测试银行 ${Date.now()}`;
  await admin.getByLabel(zh("apiKeys.institution")).fill(name);
  await admin.getByLabel(zh("apiKeys.kind")).selectOption("bank");
  await admin.getByRole("button", { name: zh("apiKeys.create") }).click();
  const key = await admin.getByTestId("new-key").inputValue();
  expect(key.length).toBeGreaterThan(20);
  // The key authenticates: an unknown credential is 404, not 401.
  const lookup = () => request.post("/api/credentials/dc-no-such-credential/lookup", { headers: { Authorization: `Bearer ${key}` }, data: {} });
  expect((await lookup()).status()).not.toBe(401);

  await admin.reload();
  await expect(admin.getByTestId("new-key")).toHaveCount(0); // shown once
  const row = admin.locator("tr[data-key]").filter({ hasText: name });
  await expect(row).toHaveAttribute("data-status", "active");
  await expect(row).not.toContainText(key);
  await pressAndConfirm(admin, zh("apiKeys.revoke"), row);
  // The action re-renders the list: wait for it before reloading (a reload would cancel it).
  await expect(admin.locator("tr[data-key]").filter({ hasText: name })).toHaveAttribute("data-status", "revoked");
  await admin.reload();
  await expect(admin.locator("tr[data-key]").filter({ hasText: name })).toHaveAttribute("data-status", "revoked");
  expect((await lookup()).status()).toBe(401);
});
