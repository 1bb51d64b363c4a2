// Next.js 16 Proxy (the former middleware): security headers, the CSP nonce, and the refusal
// of cross-site writes (lib/http/cross-site.ts). It decides nothing about who may see
// what — lib/dal does, on every page, action and route.
import { NextResponse, type NextRequest } from "next/server";
import { oversizeBody } from "@/lib/http/body-limits";
import { isCrossSiteWrite } from "@/lib/http/cross-site";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { env } from "@/lib/env";

const HTTPS = env.NEXTAUTH_URL?.startsWith("https://") ?? false;
const PUBLIC_HOST = env.NEXTAUTH_URL ? new URL(env.NEXTAUTH_URL).host : null;

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    https: HTTPS,
    development: env.NODE_ENV === "development",
  });
  if (
    isCrossSiteWrite({
      method: request.method,
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
      hosts: [request.headers.get("host"), request.headers.get("x-forwarded-host"), PUBLIC_HOST].filter((h): h is string => Boolean(h)),
    })
  ) {
    return Response.json(
      { error: "This request came from another website and was refused. Open the portal itself and try again." },
      { status: 403, headers: { ...headers, "Cache-Control": "no-store" } },
    );
  }
  if (oversizeBody(request.method, request.headers.get("content-length"))) {
    // Refused before any action or route runs (Next's own action limit would answer 500).
    return Response.json(
      { error: "The request is larger than 11 MB: upload each document (at most 10 MB) on its own. 请求超过 11 MB：每份材料（不超过 10 MB）请单独上传。" },
      { status: 413, headers: { ...headers, "Cache-Control": "no-store", Connection: "close" } },
    );
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's immutable static files.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
