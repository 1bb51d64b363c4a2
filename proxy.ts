// Next.js 16 Proxy (the former middleware): security headers and the CSP nonce only.
// It decides nothing about who may see what — lib/dal does, on every page, action and route.
import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeaders } from "@/lib/http/security-headers";
import { env } from "@/lib/env";

const HTTPS = env.NEXTAUTH_URL?.startsWith("https://") ?? false;

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    https: HTTPS,
    development: env.NODE_ENV === "development",
  });
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
