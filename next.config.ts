import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with HTTP 403 (lib/dal/auth/get-actor.ts).
  // Documents are uploaded through server actions: up to 10 MB each, 11 MB a request
  // (lib/http/body-limits.ts). proxy.ts refuses a larger declared body with 413 first; Next's
  // own limit answers 500. The proxy's body buffer (10 MB by default) would silently cut a
  // 10 MB document short; at 12 MB a body of undeclared length (chunked) that is too long
  // shows in the proxy as longer than 11 MB, and is refused there with 413 too.
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "11mb" }, proxyClientMaxBodySize: "12mb" },
};

export default withNextIntl(nextConfig);
