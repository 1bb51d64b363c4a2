// Screenshots of the main pages at 375 px (a phone) and 1280 px (a desk) in both languages,
// written to e2e/screenshots/ (git-ignored) for people to look at. At 375 px the resident's
// pages, the public pages and the verify page must not scroll sideways: a wide table scrolls
// inside its own region, never the page.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { Role } from "@/drizzle/schema/identity";
import { expect, loginFor, signInWithApi, test } from "../fixtures";

const OUT = path.join(process.cwd(), "e2e", "screenshots");

async function firstCredentialId(request: APIRequestContext): Promise<string> {
  for (let seq = 0; seq < 400; seq++) {
    const response = await request.get(`/api/ledger/entries/${seq}`);
    if (!response.ok()) break;
    const entry = JSON.parse(((await response.json()) as { entry: string }).entry) as { type: string; payload: { credentialId?: string } };
    if (entry.type === "credential.issued" && entry.payload.credentialId) return entry.payload.credentialId;
  }
  throw new Error("no credential.issued entry on the ledger");
}

interface Shot {
  name: string;
  path: string | ((request: APIRequestContext) => Promise<string>);
  as: Role | null;
  /** Must fit 375 px without sideways scrolling. */
  mobile: boolean;
}

const SHOTS: Shot[] = [
  { name: "home", path: "/", as: null, mobile: true },
  { name: "signin", path: "/signin", as: null, mobile: true },
  { name: "signup", path: "/signup", as: null, mobile: true },
  { name: "progress", path: "/progress", as: null, mobile: true },
  { name: "verify", path: "/verify", as: null, mobile: true },
  { name: "verify-credential", path: async (request) => `/verify/${await firstCredentialId(request)}`, as: null, mobile: true },
  { name: "resident", path: "/resident", as: "resident", mobile: true },
  { name: "resident-applications", path: "/resident/applications", as: "resident", mobile: true },
  { name: "resident-new-application", path: "/resident/applications/new", as: "resident", mobile: true },
  { name: "resident-properties", path: "/resident/properties", as: "resident", mobile: true },
  { name: "resident-queue-numbers", path: "/resident/queue-numbers?service=enquiry", as: "resident", mobile: true },
  { name: "resident-access-log", path: "/resident/access-log", as: "resident", mobile: true },
  { name: "resident-account", path: "/resident/account", as: "resident", mobile: true },
  { name: "clerk-queue", path: "/clerk", as: "clerk", mobile: false },
  { name: "clerk-queue-numbers", path: "/clerk/queue-numbers", as: "clerk", mobile: false },
  { name: "department-inbox", path: "/department", as: "department_admin", mobile: false },
  { name: "admin", path: "/admin", as: "senior_admin", mobile: false },
  { name: "admin-keys", path: "/admin/keys", as: "senior_admin", mobile: false },
  { name: "institution", path: "/institution", as: "institution", mobile: false },
];

test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

for (const width of [375, 1280] as const) {
  for (const locale of ["zh-CN", "en"] as const) {
    test(`main pages at ${width} px in ${locale}`, async ({ browser, baseURL }) => {
      test.setTimeout(240_000);
      const contexts = new Map<Role | null, Awaited<ReturnType<typeof browser.newContext>>>();
      const contextFor = async (role: Role | null) => {
        let context = contexts.get(role);
        if (!context) {
          context = await browser.newContext({ baseURL, locale, viewport: { width, height: width === 375 ? 812 : 900 }, deviceScaleFactor: 1 });
          await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: baseURL! }]);
          if (role) await signInWithApi(context.request, loginFor(role), undefined, context);
          contexts.set(role, context);
        }
        return context;
      };
      const tooWide: string[] = [];
      for (const shot of SHOTS) {
        const context = await contextFor(shot.as);
        const page = await context.newPage();
        const target = typeof shot.path === "string" ? shot.path : await shot.path(context.request);
        const response = await page.goto(target);
        expect(response?.status(), `${shot.name}: HTTP status`).toBe(200);
        await page.waitForLoadState("networkidle");
        await page.screenshot({ path: path.join(OUT, `${width}-${locale}-${shot.name}.png`), fullPage: true });
        if (width === 375 && shot.mobile) {
          const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
          if (scrollWidth > 375) tooWide.push(`${shot.name}: ${scrollWidth} px`);
        }
        await page.close();
      }
      for (const context of contexts.values()) await context.close();
      expect(tooWide, "pages that scroll sideways at 375 px").toEqual([]);
    });
  }
}
