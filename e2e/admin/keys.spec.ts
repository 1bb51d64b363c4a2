// Key rotation end to end (issue 6 item 2): a senior admin (signed in with TOTP, through the
// fixture) rotates the tax bureau's key on /admin/keys, confirming first. The desk then lists
// the retired key with its end time and the new one as active; /api/ledger/keys lists both
// with their windows; the `key.rotated` entry is signed by the new key; entries the old key
// signed before keep verifying (their signature under the old key's window, the public verify
// page for a credential issued before, and the full audit on /admin/ledger).
//
// Later specs keep working with the new key: the tax bureau's answers, the in-process tax
// witness and the audit all follow the active key (npm test runs every spec after this one).
import { createPublicKey, verify } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test, text } from "../fixtures";
import { ledgerEntry, pressAndConfirm } from "../registration/flow";

const zh = (key: string) => text("zh-CN", key);

interface PublicKey {
  name: string;
  department: string;
  role: string;
  status: string;
  publicKey: string;
  validFrom: string;
  validUntil: string | null;
}

/** Seqs of the newest entries the explorer lists for a filter (first page, newest first). */
async function explorerSeqs(page: Page, query: string): Promise<number[]> {
  await page.goto(`/ledger?${query}`);
  const cells = await page.getByTestId("entry-list").locator("tbody tr td:first-child").allInnerTexts();
  return cells.map((c) => Number(c.replace(/\D/g, "")));
}

/** Ed25519 over the entry's exact bytes, as DESIGN.md §5 signs it. */
function signatureVerifies(entry: string, signature: string, publicKey: string): boolean {
  const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(publicKey, "base64")]);
  return verify(null, Buffer.from(entry, "utf8"), createPublicKey({ key: spki, format: "der", type: "spki" }), Buffer.from(signature, "base64"));
}

test("a senior admin rotates the tax key; both keys are listed with windows and the old entries still verify", async ({ page, signInAs, request }) => {
  // Before: an entry the tax bureau signed (the e2e data's deed-tax answers), and a credential.
  const [taxSeq] = await explorerSeqs(page, "department=tax");
  expect(taxSeq, "an entry signed by the tax bureau (e2e/reports/prepare-data.ts answers deed-tax checks)").toBeDefined();
  const taxEntry = (await (await request.get(`/api/ledger/entries/${taxSeq}`)).json()) as { entry: string; signature: string; keyName: string };
  const [issuedSeq] = await explorerSeqs(page, "type=credential.issued");
  const credentialId = (await ledgerEntry(request, issuedSeq!)).payload.credentialId as string;

  await signInAs("senior_admin");
  await page.goto("/admin/keys");
  const activeTax = page.locator('tr[data-department="tax"][data-role="department"][data-status="active"]');
  await expect(activeTax).toHaveCount(1);
  const oldKey = (await activeTax.getAttribute("data-key"))!;
  expect(taxEntry.keyName).toBe(oldKey);

  // Rotate, confirming first.
  // (Each select sits inside its label, so the label's text includes the options: found by name.)
  const rotate = page.getByRole("region", { name: zh("adminKeys.rotate.title") });
  await rotate.locator('select[name="department"]').selectOption("tax");
  await rotate.locator('select[name="reason"]').selectOption("scheduled");
  await pressAndConfirm(page, zh("adminKeys.rotate.submit"), rotate);
  await expect(page.getByRole("status").filter({ hasText: zh("adminKeys.rotate.done") })).toBeVisible();

  // The desk: the old key retired with its end time and the rotation entry, a new one active.
  await page.reload();
  const retired = page.locator(`tr[data-key="${oldKey}"]`);
  await expect(retired).toHaveAttribute("data-status", "retired");
  await expect(retired).toContainText(zh("adminKeys.statuses.retired"));
  const endsAt = retired.locator("td").nth(3).locator("time");
  await expect(endsAt).toBeVisible();
  await expect(activeTax).toHaveCount(1);
  const newKey = (await activeTax.getAttribute("data-key"))!;
  expect(newKey).not.toBe(oldKey);
  await expect(activeTax.locator("td").nth(3)).toHaveText(zh("adminKeys.open"));
  const rotationLink = retired.getByRole("link", { name: new RegExp(zh("adminKeys.retiredBy").replace("#{seq}", "#\\d+")) });
  const rotationSeq = Number((await rotationLink.innerText()).replace(/\D/g, ""));
  await expect(activeTax.getByRole("link", { name: new RegExp(`#${rotationSeq}\\b`) })).toBeVisible();

  // The public key list: both, with windows that meet at the rotation.
  const keys = (await (await request.get("/api/ledger/keys")).json()) as PublicKey[];
  const old = keys.find((k) => k.name === oldKey)!;
  const current = keys.find((k) => k.name === newKey)!;
  expect(old).toMatchObject({ department: "tax", role: "department", status: "retired" });
  expect(current).toMatchObject({ department: "tax", role: "department", status: "active", validUntil: null });
  expect(old.validUntil).toBe(current.validFrom);
  expect(await endsAt.getAttribute("datetime")).toBe(old.validUntil);
  expect(Date.parse(old.validFrom)).toBeLessThan(Date.parse(old.validUntil!));

  // The rotation is an entry, signed by the new key.
  const rotation = (await (await request.get(`/api/ledger/entries/${rotationSeq}`)).json()) as { entry: string; signature: string; keyName: string };
  expect(JSON.parse(rotation.entry)).toMatchObject({ type: "key.rotated", department: "tax" });
  expect(rotation.keyName).toBe(newKey);
  expect(signatureVerifies(rotation.entry, rotation.signature, current.publicKey)).toBe(true);

  // The old entry still verifies: signed by the old key within its window.
  expect(signatureVerifies(taxEntry.entry, taxEntry.signature, old.publicKey)).toBe(true);
  expect(Date.parse(JSON.parse(taxEntry.entry).time)).toBeLessThan(Date.parse(old.validUntil!));

  // A credential issued before the rotation is still valid on the public verify page, checked
  // in the browser against a checkpoint the witnesses cosign after it (the tax bureau's with its new key).
  const visitor = await page.context().browser()!.newContext({ locale: "zh-CN", baseURL: new URL(page.url()).origin });
  const verifier = await visitor.newPage();
  await expect(async () => {
    await verifier.goto(`/verify/${credentialId}`);
    await expect(verifier.getByTestId("verdict")).toHaveAttribute("data-verdict", "valid", { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  for (const check of ["sdJwt", "entry", "inclusion", "checkpoint"]) {
    await expect(verifier.locator(`[data-check="${check}"]`)).toHaveAttribute("data-state", "passed");
  }
  await visitor.close();
  await expect
    .poll(async () => (await (await request.get("/api/ledger/checkpoint")).text()).includes(`— ${newKey} `), { timeout: 20_000 })
    .toBe(true);

  // The full audit, old and new signatures alike: ledger OK.
  await page.goto("/admin/ledger");
  await page.getByRole("button", { name: zh("ledgerHealth.audit.start") }).click();
  await expect(page.getByTestId("audit-latest").locator('[data-status="ok"]')).toBeVisible({ timeout: 60_000 });
});
