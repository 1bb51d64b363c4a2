// Cross-site requests (issue 7 §3): a server action or a state-changing route handler
// called with another site's Origin (or Sec-Fetch-Site: cross-site) is refused with 403
// before anything runs, and nothing is written: the session it tried to end still works,
// the cookie it tried to set is not set. The same sign-out from the portal's own origin works.
import type { APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { expect, signInWithApi, test, text } from "../fixtures";
import { actionId } from "../access/server-actions";

const EVIL = "https://evil.example";

// Only the headers given are sent (no Origin added), so a bare `Sec-Fetch-Site: cross-site` is
// tested as such; fields are encoded as e2e/access/server-actions.ts does (React 19.2's "_1_").
async function callAction(request: APIRequestContext, id: string, fields: Record<string, string>, headers: Record<string, string>) {
  const body = new FormData();
  for (const [name, value] of Object.entries({ probe: "1", ...fields })) body.append(`_1_${name}`, value);
  body.append("0", '[null,"$K1"]');
  return request.post("/", { headers: { "Next-Action": id, Accept: "text/x-component", ...headers }, multipart: body, maxRedirects: 0 });
}

test("a server action from another site is refused and changes nothing", async ({ page, baseURL }) => {
  await signInWithApi(page.request, DEMO_RESIDENTS[2]!.phone);
  const signOut = actionId("app/components/actions.ts", "signOut");
  const setLocale = actionId("app/components/actions.ts", "setLocale");

  const foreign: Record<string, string>[] = [{ Origin: EVIL }, { Origin: "null" }, { "Sec-Fetch-Site": "cross-site" }, { Origin: `${new URL(baseURL!).protocol}//${new URL(baseURL!).hostname}:1` }];
  for (const headers of foreign) {
    const refused = await callAction(page.request, signOut, {}, headers);
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
    // In the visitor's language: no locale cookie yet, so Chinese.
    expect(((await refused.json()) as { error: string }).error).toBe(text("zh-CN", "requestRefusals.crossSite"));
    // Nothing happened: the session still opens the resident's pages.
    expect((await page.request.get("/resident", { maxRedirects: 0 })).status()).toBe(200);

    const locale = await callAction(page.request, setLocale, { locale: "en" }, headers);
    expect(locale.status()).toBe(403);
    expect(locale.headers()["set-cookie"] ?? "").not.toContain("NEXT_LOCALE");
  }
  expect((await page.context().cookies()).some((c) => c.name === "NEXT_LOCALE")).toBe(false);

  // From the portal's own origin the same actions work (the refusals above are about the origin,
  // not a body the action could not read): the locale cookie is set, the session ends.
  const ownLocale = await callAction(page.request, setLocale, { locale: "en" }, { Origin: new URL(baseURL!).origin });
  expect(ownLocale.headers()["set-cookie"] ?? "").toContain("NEXT_LOCALE=en");
  const inEnglish = await callAction(page.request, signOut, {}, { Origin: EVIL });
  expect(((await inEnglish.json()) as { error: string }).error).toBe(text("en", "requestRefusals.crossSite"));
  await callAction(page.request, signOut, {}, { Origin: new URL(baseURL!).origin });
  expect((await page.request.get("/resident", { maxRedirects: 0 })).status()).toBe(307);
});

test("state-changing route handlers called cross-site are refused", async ({ page }) => {
  await signInWithApi(page.request, DEMO_RESIDENTS[2]!.phone);
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  // Sign-out forced by another site (next-auth's endpoint): refused, the session lives on.
  const signOut = await page.request.post("/api/auth/signout", { form: { csrfToken, json: "true" }, headers: { Origin: EVIL }, maxRedirects: 0 });
  expect(signOut.status()).toBe(403);
  expect((await page.request.get("/resident", { maxRedirects: 0 })).status()).toBe(200);

  // Login CSRF (signing the victim into the attacker's account): refused.
  const login = await page.request.post("/api/auth/callback/credentials", {
    form: { login: DEMO_RESIDENTS[3]!.phone, password: DEMO_PASSWORD, csrfToken, json: "true" },
    headers: { Origin: EVIL },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(403);

  // Public and API-key POST routes: a browser on another site is refused too.
  for (const url of ["/api/ledger/cosignatures", "/api/credentials/unknown-credential-0/lookup"]) {
    const response = await page.request.post(url, { data: {}, headers: { Origin: EVIL }, maxRedirects: 0 });
    expect(response.status(), url).toBe(403);
    expect(response.headers()["content-type"]).toContain("application/json");
  }
});
