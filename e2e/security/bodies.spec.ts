// Hostile bodies against the running portal (issue 7 §3): what only the server shows — its
// body-size limits, compressed and non-JSON bodies on the route handlers, malformed server
// action payloads — each answered with a 4xx and a message, no stack trace, and nothing
// written (the ledger's size and the draft's documents unchanged). The use-cases' own checks
// are in lib/dal/registration/hostile-input.test.ts and lib/http/*.test.ts.
import { request as httpRequest } from "node:http";
import { gzipSync } from "node:zlib";
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/drizzle/seed/demo-accounts";
import { expect, formAlert, signInWithApi, test, text } from "../fixtures";
import { actionId } from "../access/server-actions";
import { ledgerSize, PDF } from "../registration/flow";
import { homeOf, resident } from "../registration/seeded";

const MB = 1024 * 1024;
const STACK = /\n\s+at [\w$.<>]+ \(|node_modules\/|\.next\/server\/|webpack-internal:|PostgresError/;
const zh = (key: string) => text("zh-CN", key);
const en = (key: string) => text("en", key);

type Part = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Calls a `useActionState` server action (prevState, formData) as the browser does: the form's
 * fields as `_1_<name>`, then the root row `0` that refers to them (React's reply format;
 * the order matters, so a FormData rather than an object whose "0" key would sort first).
 */
async function callAction(request: APIRequestContext, origin: string, pathname: string, id: string, fields: Record<string, Part>, headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(`_1_${k}`, typeof v === "string" ? v : new File([new Uint8Array(v.buffer)], v.name, { type: v.mimeType }));
  form.append("0", '[null,"$K1"]');
  return request.post(pathname, { headers: { "Next-Action": id, Accept: "text/x-component", Origin: origin, ...headers }, multipart: form, maxRedirects: 0, timeout: 120_000 });
}

/** POSTs `body` without a declared length (Transfer-Encoding: chunked, 256 KiB a chunk). */
function postChunked(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = httpRequest(url, { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        answered = true;
        resolve({ status: response.statusCode ?? 0, body: text });
      });
    });
    // A server that answers before reading everything may close the socket under the writer.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    let offset = 0;
    const pump = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + 256 * 1024);
        offset += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

/** The ledger's size once the publisher has had time to show anything just appended. */
async function settledLedgerSize(request: APIRequestContext): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return ledgerSize(request);
}

/** A resident's draft on the documents step; returns its id. */
async function draftOnDocumentsStep(page: Page): Promise<string> {
  const seller = resident("陈刚");
  await page.goto("/resident/applications/new");
  await page.getByLabel(zh("flow.kinds.transfer")).check();
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.getByLabel(zh("flow.wizard.unit")).fill(homeOf("陈刚", 1));
  await page.getByRole("button", { name: zh("flow.wizard.continue") }).click();
  await page.waitForURL(/step=parties/);
  const id = /applications\/(app-[0-9a-f-]+)\//.exec(page.url())![1]!;
  await page.goto(`/resident/applications/${id}/edit?step=documents`);
  expect(seller.phone).toBeTruthy();
  return id;
}

test("uploads: over 11 MB refused with 413 before the body is read, a 10 MB document accepted whole", async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  await signInWithApi(page.request, resident("陈刚").phone, DEMO_PASSWORD, page.context());
  const applicationId = await draftOnDocumentsStep(page);
  const upload = actionId("app/resident/applications/actions.ts", "uploadDocumentStep");
  const before = await settledLedgerSize(page.request);

  for (const size of [50 * MB, 12 * MB]) {
    const started = Date.now();
    const refused = await callAction(page.request, origin, `/resident/applications/${applicationId}/edit`, upload, { applicationId, kind: "sale_contract", file: { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.concat([PDF, Buffer.alloc(size)]) } });
    expect(refused.status(), `${size / MB} MB`).toBe(413);
    const body = await refused.text();
    expect(body).toContain("11 MB");
    expect(body).toContain("请求超过 11 MB");
    expect(body).not.toMatch(STACK);
    expect(Date.now() - started, "refused without waiting for 50 MB to be stored").toBeLessThan(60_000);
  }
  // The same 12 MB without a declared length (chunked): the proxy sees more than 11 MB and
  // refuses it too (Next's own action limit answered 500). A small chunked form goes through.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const chunkedHeaders = { "Next-Action": upload, Accept: "text/x-component", Origin: origin, Cookie: cookie, "Content-Type": "multipart/form-data; boundary=chunked" };
  const tooLong = await postChunked(`${origin}/resident/applications/${applicationId}/edit`, chunkedHeaders, Buffer.alloc(12 * MB, 0x20));
  expect(tooLong.status).toBe(413);
  expect(tooLong.body).toContain("请求超过 11 MB");
  expect(tooLong.body).not.toMatch(STACK);
  const small = `--chunked\r\nContent-Disposition: form-data; name="_1_applicationId"\r\n\r\n${applicationId}\r\n--chunked\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null,"$K1"]\r\n--chunked--\r\n`;
  const smallAnswer = await postChunked(`${origin}/resident/applications/${applicationId}/edit`, chunkedHeaders, Buffer.from(small));
  expect(smallAnswer.status).toBe(200);
  expect(smallAnswer.body).toContain('"ok":false'); // no kind, no file: the form's own errors

  expect(await settledLedgerSize(page.request)).toBe(before);
  await page.reload();
  await expect(page.getByText(zh("flow.wizard.noDocuments"))).toBeVisible();

  // Exactly 10 MB fits in one request: Next's proxy body buffer (10 MB by default) used to cut it short.
  const whole = Buffer.concat([PDF, Buffer.alloc(10 * MB - PDF.length, 0x20)]);
  const accepted = await callAction(page.request, origin, `/resident/applications/${applicationId}/edit`, upload, { applicationId, kind: "sale_contract", file: { name: "scan.pdf", mimeType: "application/pdf", buffer: whole } });
  expect(accepted.status()).toBe(200);
  expect(await accepted.text()).toContain('"ok":true');
  await page.reload();
  await expect(page.getByTestId("documents").locator("li")).toHaveCount(1);
});

test("the filing form refuses a file over 10 MB in the browser and a hidden-character name on the server, in both languages", async ({ page }) => {
  test.setTimeout(180_000);
  await signInWithApi(page.request, resident("陈刚").phone, DEMO_PASSWORD, page.context());
  await draftOnDocumentsStep(page);
  const before = await settledLedgerSize(page.request);
  const listed = await page.getByTestId("documents").locator("li").count();
  const fileField = (label: string) => page.getByLabel(label);

  for (const [locale, t] of [["zh-CN", zh], ["en", en]] as const) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: page.url() }]);
    await page.reload();
    await page.getByLabel(t("flow.wizard.documentKind")).selectOption("sale_contract");
    // U+202E shows "invoice‮fdp.exe" as "invoiceexe.pdf": refused, the field says why.
    await fileField(t("flow.wizard.file")).setInputFiles({ name: "invoice\u202Efdp.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: t("flow.wizard.upload"), exact: true }).click();
    await expect(formAlert(page)).toBeVisible();
    await expect(page.getByText(t("errors.flow.field.fileNameHidden"))).toBeVisible();

    await fileField(t("flow.wizard.file")).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.concat([PDF, Buffer.alloc(10 * MB)]) });
    await page.getByRole("button", { name: t("flow.wizard.upload"), exact: true }).click();
    await expect(page.getByText(t("errors.flow.field.fileTooLarge"))).toBeVisible();
  }
  await expect(page.getByTestId("documents").locator("li")).toHaveCount(listed);
  expect(await settledLedgerSize(page.request)).toBe(before);
});

test("server actions: wrong types, 10,000 repeated fields, hidden characters and malformed payloads get a 4xx or a field error, nothing written", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const signUp = actionId("app/signup/actions.ts", "signUp");
  const before = await settledLedgerSize(page.request);
  const phone = "13912340777";
  const form = { name: "王小明", residentId: "431302198806120514", phone, password: "Loudi-house-2026" };

  // Sign-up with a right-to-left override in the name: the field error in the visitor's language.
  for (const [locale, t] of [["zh-CN", zh], ["en", en]] as const) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: origin }]);
    const answer = await callAction(page.request, origin, "/signup", signUp, { ...form, name: "王\u202E明小" });
    expect(answer.status()).toBe(200);
    const body = await answer.text();
    expect(body).toContain('"ok":false');
    expect(body).toContain(t("errors.signUp.nameInvalid"));
  }
  // 10,000 values for one field, and a file where text belongs: wrong types, refused by field.
  const boundary = "----deedchain-bodies";
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const many = await page.request.post("/signup", {
    headers: { "Next-Action": signUp, Accept: "text/x-component", Origin: origin, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    data: Buffer.from(`${Array.from({ length: 10_000 }, () => part("_1_name", "王小明")).join("")}${part("_1_phone", phone)}${part("0", '[null,"$K1"]')}--${boundary}--\r\n`),
    maxRedirects: 0,
  });
  expect(many.status()).toBeLessThan(500);
  const manyBody = await many.text();
  expect(manyBody).not.toMatch(STACK);
  expect(manyBody).toContain('"ok":false');
  const typed = await callAction(page.request, origin, "/signup", signUp, { ...form, phone: { name: "phone.txt", mimeType: "text/plain", buffer: Buffer.from(phone) } });
  expect(await typed.text()).toContain('"ok":false');

  // An unknown action: 4xx. A payload Next cannot decode (it would answer 500 before any of
  // our code runs): 400 from proxy.ts with a sentence in the visitor's language. One that
  // decodes to something else than a form: the action's own field errors.
  const unknown = await page.request.post("/signup", { headers: { "Next-Action": "00".repeat(21), Accept: "text/x-component", Origin: origin, "Content-Type": "text/plain;charset=UTF-8" }, data: "[]", maxRedirects: 0 });
  expect(unknown.status()).toBeGreaterThanOrEqual(400);
  expect(unknown.status()).toBeLessThan(500);
  const postAction = (data: string | FormData, contentType?: string) =>
    page.request.post("/signup", { headers: { "Next-Action": signUp, Accept: "text/x-component", Origin: origin, ...(contentType ? { "Content-Type": contentType } : {}) }, ...(typeof data === "string" ? { data } : { multipart: data }), maxRedirects: 0 });
  const noRoot = new FormData();
  noRoot.append("_1_name", "王小明");
  const brokenPart = new FormData();
  brokenPart.append("0", '["$1"]');
  brokenPart.append("1", "{not json");
  for (const [locale, t] of [["zh-CN", zh], ["en", en]] as const) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: origin }]);
    const undecodable: [string, string | FormData, string?][] = [
      ["not JSON", "not the React wire format", "text/plain;charset=UTF-8"],
      ["not a list", '{"__proto__": {"polluted": 1}}', "text/plain;charset=UTF-8"],
      ["a part it does not hold", '["$1"]', "text/plain;charset=UTF-8"],
      ["a form without its root", noRoot],
      ["a part that is not JSON", brokenPart],
      ["a multipart type with no form", "garbage", "multipart/form-data; boundary=nothing"],
    ];
    for (const [what, data, contentType] of undecodable) {
      const response = await postAction(data, contentType);
      expect(response.status(), `${locale}: ${what}`).toBe(400);
      const answer = (await response.json()) as { error: string; reason: string };
      expect(answer.error, what).toBe(t("requestRefusals.undecodable"));
      expect(answer.reason, what).toBeTruthy();
    }
    // Decodes, but to no form: the sign-up form's own field errors, in the visitor's language.
    const noForm = await postAction('["$K999999"]', "text/plain;charset=UTF-8");
    expect(noForm.status()).toBe(200);
    const noFormAnswer = await noForm.text();
    expect(noFormAnswer).not.toMatch(STACK);
    expect(noFormAnswer).toContain('"ok":false');
    expect(noFormAnswer).toContain(t("errors.checkForm"));
  }
  // Nothing was written: no ledger entry, and the phone has no account.
  expect(await settledLedgerSize(page.request)).toBe(before);
  await expect(signInWithApi(page.request, phone)).rejects.toThrow(/refused/);
});

test("department answer and court desk actions refuse hidden characters, wrong types and an SVG order, in both languages, writing nothing", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const before = await settledLedgerSize(page.request);

  await signInWithApi(page.request, "admin.police", DEMO_PASSWORD, page.context());
  const refuse = actionId("app/department/actions.ts", "refuseInboxRequest");
  for (const [locale, t] of [["zh-CN", zh], ["en", en]] as const) {
    await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: origin }]);
    const answer = await callAction(page.request, origin, "/department", refuse, { requestId: "vr-000", reasonCode: "not_authorised", note: "refused \u202Edias eh" });
    expect(answer.status()).toBe(200);
    const body = await answer.text();
    expect(body).toContain('"ok":false');
    expect(body).toContain(t("errors.hiddenCharacters"));
    expect(body).not.toMatch(STACK);
  }
  const typed = await callAction(page.request, origin, "/department", refuse, { requestId: { name: "id.txt", mimeType: "text/plain", buffer: Buffer.from("vr-000") }, reasonCode: "x" });
  expect(await typed.text()).toContain('"ok":false');

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "zh-CN", url: origin }]);
  await signInWithApi(page.request, "court.officer", DEMO_PASSWORD, page.context());
  const seize = actionId("app/institution/actions.ts", "fileSeizure");
  const order = { name: "order.pdf", mimeType: "application/pdf", buffer: PDF };
  const hidden = await callAction(page.request, origin, "/institution", seize, { unitNumber: homeOf("张伟"), caseNumber: "(2026)湘1302执\u200B123号", order });
  const hiddenBody = await hidden.text();
  expect(hiddenBody).toContain('"ok":false');
  expect(hiddenBody).toContain(zh("errors.hiddenCharacters"));
  const svg = { name: "order.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') };
  const svgAnswer = await callAction(page.request, origin, "/institution", seize, { unitNumber: homeOf("张伟"), caseNumber: "(2026)湘1302执123号", order: svg });
  expect(svgAnswer.status()).toBeLessThan(500);
  const svgBody = await svgAnswer.text();
  expect(svgBody).toContain('"ok":false');
  expect(svgBody).not.toMatch(STACK);

  expect(await settledLedgerSize(page.request)).toBe(before);
});

test("route handlers: not JSON, wrong types, 10,000-item arrays, gzip bombs and 50 MB bodies are refused with a JSON 4xx", async ({ request }) => {
  test.setTimeout(120_000);
  const visitor = { "x-forwarded-for": "203.0.113.78" };
  const before = await settledLedgerSize(request);
  const bomb = gzipSync(Buffer.alloc(20 * MB, 0x20));
  const cases: { url: string; headers?: Record<string, string>; data: string | Buffer; status: number | number[] }[] = [
    { url: "/api/ledger/cosignatures", data: "treeSize=1&line=x", status: 400 },
    { url: "/api/ledger/cosignatures", data: '{"treeSize": "1", "line": 5}', status: 400 },
    { url: "/api/ledger/cosignatures", data: '{"treeSize": "2026-02-30", "line": "— x AAAA\\n"}', status: 400 },
    { url: "/api/ledger/cosignatures", data: JSON.stringify(Array.from({ length: 10_000 }, (_, i) => i)), status: 400 },
    { url: "/api/ledger/cosignatures", data: JSON.stringify({ treeSize: 1, line: Array.from({ length: 10_000 }, () => "x") }), status: 400 },
    { url: "/api/ledger/cosignatures", data: bomb, headers: { "Content-Type": "application/json", "Content-Encoding": "gzip" }, status: 415 },
    { url: "/api/ledger/cosignatures", data: `{"line": "${"x".repeat(200_000)}"}`, status: 413 },
    { url: "/api/ledger/cosignatures", data: Buffer.alloc(50 * MB, 0x20), status: 413 },
    { url: "/api/credentials/dc-unknown-000/lookup", headers: { Authorization: "Bearer not-a-key" }, data: "<xml/>", status: 400 },
    { url: "/api/credentials/dc-unknown-000/lookup", headers: { Authorization: "Bearer not-a-key", "Content-Encoding": "gzip" }, data: bomb, status: 415 },
    { url: "/api/credentials/dc-unknown-000/lookup", headers: { Authorization: "Bearer not-a-key" }, data: JSON.stringify({ disclosures: Array.from({ length: 10_000 }, () => 1) }), status: [400, 401] },
  ];
  for (const c of cases) {
    const label = `${c.url} ${c.headers?.["Content-Encoding"] ?? ""} ${typeof c.data === "string" ? c.data.slice(0, 40) : `${c.data.length} bytes`}`;
    // A Buffer is sent as it is (Playwright JSON-encodes a string sent as application/json).
    const response = await request.post(c.url, { headers: { "Content-Type": "application/json", ...visitor, ...c.headers }, data: Buffer.from(c.data), maxRedirects: 0, timeout: 60_000 });
    expect([c.status].flat(), `${label} → ${response.status()}`).toContain(response.status());
    expect(response.headers()["content-type"], label).toContain("application/json");
    const body = await response.text();
    expect(body, label).not.toMatch(STACK);
    expect(((JSON.parse(body) as { error?: string }).error ?? "").length, label).toBeGreaterThan(10);
  }
  expect(await settledLedgerSize(request)).toBe(before);
});
