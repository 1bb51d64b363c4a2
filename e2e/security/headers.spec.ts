// Security headers (issue 7 §4) as a browser meets them: each page carries a CSP whose script
// nonce is fresh per request and sits on every script Next.js wrote into the HTML; pages still
// hydrate under it (the sign-in form signs in through next-auth's client, the verify page
// checks a credential in the browser) with no CSP violation reported; personal pages are
// no-store, only /verify may use the camera, and downloads come as attachments.
import type { APIResponse, Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { expect, test } from "../fixtures";

function scriptNonce(response: APIResponse | { headers(): Record<string, string> }): string {
  const csp = response.headers()["content-security-policy"] ?? "";
  const match = /script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp);
  expect(match, `CSP has a script nonce: ${csp}`).not.toBeNull();
  return match![1]!;
}

function expectCommonHeaders(headers: Record<string, string>, where: string) {
  const csp = headers["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc, where).not.toContain("'unsafe-inline'");
  expect(scriptSrc, where).not.toContain("'unsafe-eval'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"], where).toBeUndefined();
}

/** Records CSP violations (the browser's own event) and console errors that mention the policy. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

async function firstCredentialId(request: import("@playwright/test").APIRequestContext): Promise<string> {
  for (let seq = 0; seq < 400; seq++) {
    const response = await request.get(`/api/ledger/entries/${seq}`);
    if (!response.ok()) break;
    const entry = JSON.parse(((await response.json()) as { entry: string }).entry) as { type: string; payload: { credentialId?: string } };
    if (entry.type === "credential.issued" && entry.payload.credentialId) return entry.payload.credentialId;
  }
  throw new Error("no credential.issued entry on the ledger");
}

test("public pages: a fresh nonce per request, on every script Next.js writes", async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ["/", "/signin", "/signup", "/verify", "/developers"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectCommonHeaders(response.headers(), path);
    const nonce = scriptNonce(response);
    nonces.add(nonce);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes, `${path}: <script${attributes}>`).toContain(`nonce="${nonce}"`);
    expect(response.headers()["cache-control"] ?? "", path).not.toContain("public");
  }
  expect(nonces.size, "one nonce per response").toBe(5);
  // The same page twice: two nonces.
  expect(scriptNonce(await request.get("/"))).not.toBe(scriptNonce(await request.get("/")));
});

test("the camera is allowed on /verify only", async ({ request }) => {
  for (const path of ["/verify", "/verify/unknown-credential"]) {
    expect((await request.get(path)).headers()["permissions-policy"], path).toMatch(/(^|, )camera=\(self\)/);
  }
  for (const path of ["/", "/signin", "/resident", "/api/health"]) {
    const policy = (await request.get(path, { maxRedirects: 0 })).headers()["permissions-policy"] ?? "";
    expect(policy, path).toMatch(/(^|, )camera=\(\)/);
    expect(policy, path).toContain("microphone=()");
  }
});

test("pages with personal data are never stored; the PDF comes as an attachment", async ({ page, signInAs }) => {
  const resident = DEMO_RESIDENTS[0]!.phone;
  await signInAs(resident);
  for (const path of ["/resident", "/resident/applications", "/resident/properties", "/resident/access-log"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expectCommonHeaders(response.headers(), path);
    expect(response.headers()["cache-control"], path).toBe("no-store");
  }
  await page.goto("/resident/properties");
  const href = await page.getByTestId("pdf").first().getAttribute("href");
  expect(href).toMatch(/^\/api\/credentials\/.+\/pdf$/);
  const pdf = await page.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["cache-control"]).toBe("no-store");
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
});

test("staff desks are never stored", async ({ pageAs }) => {
  for (const [who, path] of [
    ["clerk.registry", "/clerk"],
    ["admin.registry", "/department"],
    ["bank.officer", "/institution"],
  ] as const) {
    const desk = await pageAs(who);
    const response = await desk.request.get(path, { maxRedirects: 0 });
    expect(response.status(), `${who} ${path}`).toBe(200);
    expect(response.headers()["cache-control"], path).toBe("no-store");
    expectCommonHeaders(response.headers(), path);
  }
});

test("under the CSP the sign-in form hydrates and signs in, with no violation", async ({ page }) => {
  const violations = await watchViolations(page);
  const resident = DEMO_RESIDENTS[3]!.phone;
  const response = await page.goto("/signin");
  expectCommonHeaders(response!.headers(), "/signin");
  await page.locator('input[name="login"]').fill(resident);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form[action="/api/auth/callback/credentials"] button[type="submit"]').click();
  // The client-side signIn() of next-auth ran: only then does the browser land on the desk.
  await page.waitForURL(/\/resident(\/|$)/);
  await expect(page.locator("main h1")).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("under the CSP the verify page checks a credential in the browser, with no violation", async ({ page, request }) => {
  const id = await firstCredentialId(request);
  await expect.poll(async () => (await request.get(`/api/credentials/${id}`)).status(), { timeout: 20_000 }).toBe(200);
  const violations = await watchViolations(page);
  await page.goto(`/verify/${encodeURIComponent(id)}`);
  // The verdict is computed by the page's own script after hydration.
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-verdict", /valid|superseded/, { timeout: 30_000 });
  expect(await violations()).toEqual([]);
});

test("injected markup cannot run script: no inline handler, no script from elsewhere", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto("/signin");
  // What an HTML injection would plant: an inline event handler and a parser-inserted script.
  await page.evaluate(() => {
    const box = document.createElement("div");
    box.innerHTML = '<img src="/favicon.ico?x" onload="window.__injected = 1" onerror="window.__injected = 1">';
    document.body.appendChild(box);
  });
  await expect.poll(violations).toContainEqual(expect.stringMatching(/^script-src(-attr)? inline/));
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
});
