// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the built
// portal, started fresh on its own data folder (or on DATABASE_URL when that is set).
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "zh-CN",
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // lib/cli/start.ts migrates, seeds and serves; the test runner has built already.
    command: `npx tsx lib/cli/start.ts --port ${port} --no-build`,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
      WITNESS_IN_PROCESS: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The test runner stands in for one reverse proxy: a spec that plays another visitor
      // names it in X-Forwarded-For (lib/auth/client-ip.ts; the default, 0, ignores the header).
      TRUSTED_PROXY_HOPS: "1",
    },
  },
});
