// Next.js 16 Proxy (the former middleware): security headers, the CSP nonce, and the refusal
// of cross-site writes (lib/http/cross-site.ts). It decides nothing about who may see
// what — lib/dal does, on every page, action and route.
import { NextResponse, type NextRequest } from "next/server";
import { actionPayloadProblem, formReplyParts, textReplyParts } from "@/lib/http/action-payload";
import { MAX_REQUEST_BODY_BYTES, oversizeBody } from "@/lib/http/body-limits";
import { isCrossSiteWrite } from "@/lib/http/cross-site";
import { refusalMessage, type Refusal } from "@/lib/http/refusal-messages";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { env } from "@/lib/env";
import { LOCALE_COOKIE } from "@/lib/i18n/config";

const HTTPS = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
const PUBLIC_HOST = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host : null;

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    https: HTTPS,
    development: env.NODE_ENV === "development",
  });
  const locale = request.cookies.get(LOCALE_COOKIE)?.value;
  /** A refusal in the visitor's language (and, for developers, the reason in English). */
  const refuse = (status: number, refusal: Refusal, extraHeaders: Record<string, string> = {}, detail: Record<string, string> = {}) =>
    Response.json({ error: refusalMessage(refusal, locale), ...detail }, { status, headers: { ...headers, "Cache-Control": "no-store", ...extraHeaders } });
  if (
    isCrossSiteWrite({
      method: request.method,
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      hosts: [request.headers.get("host"), request.headers.get("x-forwarded-host"), PUBLIC_HOST].filter((h): h is string => Boolean(h)),
    })
  ) {
    return refuse(403, "crossSite");
  }
  if (oversizeBody(request.method, request.headers.get("content-length"))) {
    // Refused before any action or route runs (Next's own action limit would answer 500).
    return refuse(413, "tooLarge", { Connection: "close" });
  }
  // Read here only what Next would otherwise answer with 500 before any of our code runs: a
  // body of undeclared length (chunked: Next's 11 MB action limit answers 500; the proxy's
  // buffer is 12 MB, so a longer body shows here as longer than 11 MB) and a server action's
  // payload it cannot decode (lib/http/action-payload.ts).
  const action = request.method === "POST" && request.headers.has("next-action");
  const undeclared = request.method === "POST" && !request.headers.get("content-length");
  if (action || undeclared) {
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > MAX_REQUEST_BODY_BYTES) return refuse(413, "tooLarge", { Connection: "close" });
    if (action) {
      const problem = await undecodableAction(request.headers.get("content-type"), body);
      if (problem) return refuse(400, "undecodable", {}, { reason: problem });
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** Why a server action's body cannot be decoded, or null (multipart as Next tells it: by prefix). */
async function undecodableAction(contentType: string | null, body: Uint8Array): Promise<string | null> {
  if (contentType?.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
    } catch {
      return "the body is not a multipart form";
    }
    return actionPayloadProblem(formReplyParts(form));
  }
  return actionPayloadProblem(textReplyParts(new TextDecoder().decode(body)));
}

export const config = {
  // Everything but the build's immutable static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
