import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with HTTP 403 (lib/dal/auth/get-actor.ts).
  // Documents are uploaded through server actions: up to 10 MB each (lib/dal/registration/documents.ts).
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "11mb" } },
};

export default withNextIntl(nextConfig);
