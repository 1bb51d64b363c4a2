// The public verify page (DESIGN.md §6) in an anonymous browser: a real credential shows
// "valid" with every check passed in the browser; a copy whose payload was edited by one
// byte shows "tampered"; an unknown id shows "unknown" (and the API answers 404); and the
// checks still run with the network cut after load. The holder downloads the PDF.
//
// The seed issues a credential per seeded property (issueSeedCredentials), so a fresh data
// folder has them; the spec finds their ids on the public ledger.
import { inflateSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext } from "@playwright/test";
import { buildSeedData } from "@/drizzle/seed/seed-data";
import { DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { decodePdfQr } from "@/lib/credentials/pdf-testing";
import { expect, test } from "../fixtures";

interface IssuedEntry {
  seq: number;
  credentialId: string;
  unitNumber: string;
}

/** Credential ids from the public ledger: the `credential.issued` entries, in order. */
async function issuedCredentials(request: APIRequestContext, max = 400): Promise<IssuedEntry[]> {
  const found: IssuedEntry[] = [];
  for (let seq = 0; seq < max; seq++) {
    let response = await request.get(`/api/ledger/entries/${seq}`);
    if (response.status() === 429) {
      // The public API limits each address; wait as told, once.
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers()["retry-after"] ?? 1) * 1000));
      response = await request.get(`/api/ledger/entries/${seq}`);
    }
    if (response.status() === 400) break; // beyond the tree
    expect(response.ok(), `entry ${seq}`).toBe(true);
    const entry = JSON.parse(((await response.json()) as { entry: string }).entry);
    if (entry.type === "credential.issued") found.push({ seq, credentialId: entry.payload.credentialId, unitNumber: entry.payload.unitNumber });
  }
  return found;
}

/** The served SD-JWT with one byte of its payload changed (the area's first digit). */
function editOneByte(sdJwt: string): string {
  const [header, payload, signature] = sdJwt.replace(/~$/, "").split(".") as [string, string, string];
  const text = Buffer.from(payload, "base64url").toString("utf8");
  const edited = text.replace(/"area":(\d)/, (_, d: string) => `"area":${d === "9" ? "8" : String(Number(d) + 1)}`);
  expect(edited).not.toBe(text);
  expect(edited.length).toBe(text.length);
  return `${header}.${Buffer.from(edited, "utf8").toString("base64url")}.${signature}~`;
}

let credentials: IssuedEntry[] = [];

test.beforeAll(async ({ request }) => {
  credentials = await issuedCredentials(request);
  expect(credentials.length, "no credential.issued entries: seed credentials (see the header of this file)").toBeGreaterThan(0);
  // The background publisher and in-process witnesses make a witnessed checkpoint shortly.
  await expect
    .poll(async () => (await request.get(`/api/credentials/${credentials[0]!.credentialId}`)).status(), { timeout: 20_000 })
    .toBe(200);
});

async function openVerified(page: import("@playwright/test").Page, path: string, verdict: string) {
  // A checkpoint may still be waiting for its cosignatures right after start: reload until witnessed.
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", verdict, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

test("an anonymous visitor sees a valid credential, checked in the browser", async ({ page }) => {
  const { credentialId, unitNumber } = credentials[0]!;
  await openVerified(page, `/verify/${credentialId}`, "valid");
  for (const check of ["sdJwt", "entry", "inclusion", "checkpoint"]) {
    await expect(page.locator(`[data-check="${check}"]`)).toHaveAttribute("data-state", "passed");
  }
  await expect(page.getByTestId("verdict").getByRole("heading")).toHaveText("有效");
  await expect(page.getByText(unitNumber)).toBeVisible();
  await expect(page.getByTestId("live")).toContainText("实时状态");
});

test("a copy whose payload was edited by one byte is tampered", async ({ page, request }) => {
  const { credentialId } = credentials[0]!;
  const answer = (await (await request.get(`/api/credentials/${credentialId}`)).json()) as { sdJwt: string };
  await page.goto(`/verify/${credentialId}#c=${editOneByte(answer.sdJwt)}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "tampered");
  await expect(page.locator('[data-check="sdJwt"]')).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("verdict")).toContainText("BAD_SIGNATURE");
});

test("an unknown id is unknown, and the API answers 404", async ({ page, request }) => {
  await page.goto("/verify/dc-no-such-credential");
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "unknown");
  await expect(page.getByTestId("verdict").getByRole("heading")).toHaveText("未知");
  expect((await request.get("/api/credentials/dc-no-such-credential")).status()).toBe(404);
  expect((await request.get("/api/credentials/bad%2Fid")).status()).toBe(404);
});

test("the checks run with the network cut after load", async ({ page, context }) => {
  const { credentialId } = credentials[0]!;
  await openVerified(page, `/verify/${credentialId}`, "valid");
  const answer = (await (await page.request.get(`/api/credentials/${credentialId}`)).json()) as { sdJwt: string };
  await context.setOffline(true);
  // A new presentation in the fragment re-runs every check in the page, with no network.
  await page.evaluate((hash) => (window.location.hash = hash), `c=${editOneByte(answer.sdJwt)}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "tampered");
  await page.evaluate((hash) => (window.location.hash = hash), `c=${answer.sdJwt}`);
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", "valid");
  for (const check of ["sdJwt", "entry", "inclusion", "checkpoint"]) {
    await expect(page.locator(`[data-check="${check}"]`)).toHaveAttribute("data-state", "passed");
  }
  await context.setOffline(false);
});

test("the /verify form opens a credential by id", async ({ page }) => {
  const { credentialId } = credentials[0]!;
  await page.goto("/verify");
  await page.getByLabel("凭证编号").fill(credentialId);
  await page.getByRole("button", { name: "核验" }).click();
  await expect(page).toHaveURL(new RegExp(`/verify/${credentialId}$`));
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /valid|pending/);
});

test("the holder downloads the PDF whose QR target is the verify page; others cannot", async ({ page, signInAs, request }) => {
  const resident = DEMO_RESIDENTS[0]!;
  const data = buildSeedData();
  const person = data.persons.findIndex((p) => p.residentId === resident.residentId);
  const units = new Set(data.properties.filter((p) => p.holders.some((h) => h.person === person)).map((p) => p.unitNumber));
  const own = credentials.find((c) => units.has(c.unitNumber));
  expect(own, `a seeded property held by ${resident.phone}`).toBeDefined();

  expect((await request.get(`/api/credentials/${own!.credentialId}/pdf`)).status()).toBe(401);
  await signInAs("resident");
  const response = await page.request.get(`/api/credentials/${own!.credentialId}/pdf`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="deedchain-credential-/);
  const bytes = await response.body();
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const streams = [...bytes.toString("latin1").matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
    } catch {
      return "";
    }
  });
  // pdf-lib writes text as hex strings: decode them and find the printed verify URL.
  const texts = [...streams.join("\n").matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, "hex").toString("latin1"));
  const printed = texts.find((t) => t.endsWith(`/verify/${own!.credentialId}`));
  expect(printed, `texts: ${texts.join(" | ")}`).toMatch(/^https?:\/\/[^/]+\/verify\//);
  expect(new URL(printed!).port).toBe(new URL(response.url()).port);
  // The QR image decodes (jsQR, independently of the library that drew it) to the same URL.
  expect(await decodePdfQr(bytes)).toBe(printed);

  const other = credentials.find((c) => !units.has(c.unitNumber))!;
  expect((await page.request.get(`/api/credentials/${other.credentialId}/pdf`)).status()).toBe(404);
});

test("the verify pages speak English too and have no serious accessibility violations", async ({ page, context, baseURL }) => {
  const { credentialId } = credentials[0]!;
  for (const locale of ["zh-CN", "en"] as const) {
    await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
    await openVerified(page, `/verify/${credentialId}`, "valid");
    if (locale === "en") await expect(page.getByTestId("verdict").getByRole("heading")).toHaveText("Valid");
    for (const path of [`/verify/${credentialId}`, "/verify", "/developers"]) {
      if (path !== `/verify/${credentialId}`) await page.goto(path);
      else await expect(page.locator('[data-check="checkpoint"]')).toHaveAttribute("data-state", "passed");
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${locale} ${path} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  }
});
