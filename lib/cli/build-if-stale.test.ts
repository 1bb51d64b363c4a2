import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildStaleness } from "./build-if-stale";

describe("buildStaleness", () => {
  let root = "";
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const file = (rel: string, secondsAgo: number) => {
    const full = path.join(root, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, "x");
    const t = Date.now() / 1000 - secondsAgo;
    utimesSync(full, t, t);
  };

  it("asks for a build when there is none, or when a source file is newer than it", () => {
    root = mkdtempSync(path.join(tmpdir(), "deedchain-build-"));
    file("app/page.tsx", 100);
    expect(buildStaleness(root)).toMatchObject({ stale: true, reason: expect.stringContaining("BUILD_ID") });
    file(".next/BUILD_ID", 50);
    expect(buildStaleness(root).stale).toBe(false);
    file("lib/ledger/store.ts", 10);
    expect(buildStaleness(root)).toEqual({ stale: true, reason: `${path.join("lib", "ledger", "store.ts")} changed after the last build` });
  });

  it("ignores tests and command-line tools, which are not in the bundle", () => {
    root = mkdtempSync(path.join(tmpdir(), "deedchain-build-"));
    file("app/page.tsx", 100);
    file(".next/BUILD_ID", 50);
    file("lib/ledger/store.test.ts", 10);
    file("e2e/auth/signup.spec.ts", 10);
    file("lib/cli/seed.ts", 10);
    expect(buildStaleness(root).stale).toBe(false);
    file("package.json", 5);
    expect(buildStaleness(root)).toMatchObject({ stale: true, reason: "package.json changed after the last build" });
  });
});
