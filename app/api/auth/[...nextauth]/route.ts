// next-auth's endpoints (csrf, session, callback/credentials, signout). A throttled sign-in
// answers 429 with Retry-After instead of next-auth's generic 401, so clients and proxies
// can tell "wrong password" from "slow down".
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions, SIGN_IN_ERRORS } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handle(request: NextRequest, context: Context): Promise<Response> {
  const handler = NextAuth(authOptions()) as (request: NextRequest, context: Context) => Promise<Response>;
  const response = await handler(request, context);
  if (response.status !== 401 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const body = (await response.clone().json().catch(() => null)) as { url?: string } | null;
  const error = body?.url ? new URL(body.url, "http://localhost").searchParams.get("error") : null;
  const match = error ? new RegExp(`^${SIGN_IN_ERRORS.throttled}:(\\d+)$`).exec(error) : null;
  if (!match) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", match[1]!);
  return new Response(response.body, { status: 429, headers });
}

export { handle as GET, handle as POST };
