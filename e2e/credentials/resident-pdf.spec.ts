// Issue 5, end to end: the resident (13800000001) opens /resident/properties and downloads
// the credential PDF; the verify URL it carries opens "valid" in an anonymous browser; a court
// files a seizure on its desk, the registry approves it, and the same URL now says
// "superseded — seized".
//
// The QR code is read back by an independent decoder (jsQR) from the image embedded in the
// PDF, and the same image, uploaded as "a photo of the QR code" on /verify in a browser
// without BarcodeDetector, opens the credential's page.
import { inflateSync } from "node:zlib";
import type { Page } from "@playwright/test";
import { DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { decodePdfQr, pdfImages, pngOf } from "@/lib/credentials/pdf-testing";
import { expect, test, text } from "../fixtures";
import { claimFromQueue, ensureStandingRule, PDF, pressAndConfirm } from "../registration/flow";
import { demoUnits } from "../registration/seeded";

const zh = (key: string) => text("zh-CN", key);

/** The verify URL pdf-lib printed into the PDF (text is written as hex strings). */
function printedVerifyUrl(bytes: Buffer, credentialId: string): string | undefined {
  const streams = [...bytes.toString("latin1").matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
    } catch {
      return "";
    }
  });
  const texts = [...streams.join("\n").matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1"));
  return texts.find((t) => t.endsWith(`/verify/${credentialId}`));
}

async function expectVerdict(page: Page, url: string, verdict: string) {
  // Right after a change the checkpoint covering it may still await its cosignatures.
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", verdict, { timeout: 4_000 });
  }).toPass({ timeout: 45_000 });
}

test("download the PDF, verify it anonymously, a court seizes the property, the same URL says superseded — seized", async ({ page, signInAs, browser, baseURL, pageAs }) => {
  test.setTimeout(180_000);
  const resident = DEMO_RESIDENTS[0]!;
  expect(resident.phone).toBe("13800000001");
  await signInAs(resident.phone);
  await page.goto("/resident/properties");
  // The resident's commercial unit: the registration specs transfer their residential home,
  // and a seized unit could not be transferred.
  const target = demoUnits().find((u) => u.holder.phone === resident.phone && u.use !== "residential")!;
  const card = page.locator(`li[data-unit="${target.unitNumber}"][data-status="registered"]`).filter({ has: page.getByTestId("pdf") });
  await expect(card).toBeVisible();
  const unit = (await card.getAttribute("data-unit"))!;
  await expect(card.getByTestId("parcel")).toBeVisible();
  await expect(card.getByTestId("assessed")).toContainText("¥");
  await expect(card.getByTestId("status")).toHaveText(zh("myProperties.status.registered"));

  // The download: the link's target answers as an attachment with PDF bytes.
  const href = (await card.getByTestId("pdf").getAttribute("href"))!;
  const credentialId = decodeURIComponent(/\/api\/credentials\/([^/]+)\/pdf$/.exec(href)![1]!);
  const [download] = await Promise.all([page.waitForEvent("download"), card.getByTestId("pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^deedchain-credential-.*\.pdf$/);
  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment;/);
  const bytes = await response.body();
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
  const verifyUrl = printedVerifyUrl(bytes, credentialId);
  expect(verifyUrl, "the PDF carries the verify URL").toMatch(/^https?:\/\/[^/]+\/verify\//);
  // The server names its own origin as the request reached it (localhost or 127.0.0.1): same port, same path.
  expect(new URL(verifyUrl!).port).toBe(new URL(baseURL!).port);
  const verifyPath = new URL(verifyUrl!).pathname;
  expect(verifyPath).toBe(`/verify/${credentialId}`);
  // The QR image in the PDF, decoded by jsQR, is that URL.
  expect(await decodePdfQr(bytes)).toBe(verifyUrl);

  // The share link shows the URL with the name disclosure in the fragment.
  await card.getByRole("button", { name: zh("myProperties.share") }).click();
  await expect(card.getByTestId("share-url")).toHaveValue(new RegExp(`/verify/${credentialId}#d=`));

  // An anonymous browser uploads a picture of the QR code on /verify and lands on its page,
  // which says "valid".
  const anonymous = await browser.newContext({ baseURL, locale: "zh-CN" });
  const visitor = await anonymous.newPage();
  const [qrImage] = await pdfImages(bytes);
  await visitor.goto("/verify");
  // A picture without a QR code is answered with a message, and the page stays.
  const blank = { width: 64, height: 64, rgba: new Uint8ClampedArray(64 * 64 * 4).fill(255) };
  await visitor.getByLabel(zh("verify.upload")).setInputFiles({ name: "blank.png", mimeType: "image/png", buffer: pngOf(blank) });
  await expect(visitor.getByRole("alert").filter({ hasText: zh("verify.noQrFound") })).toBeVisible();
  await visitor.getByLabel(zh("verify.upload")).setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: pngOf(qrImage!) });
  await expect(visitor).toHaveURL((url) => url.pathname === verifyPath, { timeout: 15_000 });
  await expectVerdict(visitor, verifyPath, "valid");

  // A court files a seizure on its desk.
  await ensureStandingRule(await pageAs("admin.registry"), "case_view");
  const court = await pageAs("court.officer");
  await court.goto("/institution");
  await court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByLabel(zh("institutionDesk.unitNumber")).fill(unit);
  await court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByLabel(zh("institutionDesk.caseNumber")).fill("(2026)湘1302执77号");
  await court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByLabel(zh("institutionDesk.seizure.order")).setInputFiles({ name: "order.pdf", mimeType: "application/pdf", buffer: PDF });
  await court.getByRole("button", { name: zh("institutionDesk.seizure.submit") }).click();
  await expect(court.getByRole("region", { name: zh("institutionDesk.seizure.title") }).getByRole("status")).toHaveText(zh("institutionDesk.filed"));
  const filing = court.locator(`li[data-kind="seizure"]`).filter({ hasText: unit }).first();
  await expect(filing).toHaveAttribute("data-status", "submitted");
  const applicationId = (await filing.getAttribute("data-application"))!;

  // The registry claims, dispatches (registry facts only) and approves.
  const clerk = await pageAs("clerk.registry");
  await claimFromQueue(clerk, applicationId);
  await pressAndConfirm(clerk, zh("flow.case.dispatch"));
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.ready_for_decision"));
  await pressAndConfirm(clerk, zh("flow.case.approve"));
  await expect(clerk.getByTestId("status")).toHaveText(zh("flow.statuses.approved"));
  await court.reload();
  await expect(court.locator(`li[data-application="${applicationId}"]`)).toHaveAttribute("data-status", "approved");

  // The same URL: superseded — seized.
  await expectVerdict(visitor, verifyPath, "superseded");
  await expect(visitor.getByTestId("verdict").getByRole("heading")).toHaveText(`${zh("verify.verdict.superseded")} — ${zh("verify.reasons.seizure")}`);

  // The holder's page shows it seized, with a new credential.
  await page.reload();
  const after = page.locator(`li[data-unit="${unit}"]`);
  await expect(after).toHaveAttribute("data-status", "seized");
  await expect(after.getByTestId("pdf")).not.toHaveAttribute("href", href);
  await anonymous.close();
});
