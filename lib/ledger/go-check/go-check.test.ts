// Cross-check with the Go reference implementation (issue #3, "Checked by"): a checkpoint
// from GET /api/ledger/checkpoint opens with golang.org/x/mod/sumdb/note using the verifier
// keys from GET /api/ledger/keys, and an inclusion proof from GET /api/ledger/proof/inclusion
// checks with tlog.CheckRecord against that checkpoint's root. The Go side is main.go here,
// built offline from Debian's golang-go + golang-golang-x-mod-dev (e2e/run-tests.sh installs
// them when root); without `go` the test is skipped and says why.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { DEPARTMENT_CODES } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { runInProcessWitnesses } from "../background";
import { publishCheckpoint } from "../checkpoints";
import { ensureLedgerKeys, type PublicKeyInfo } from "../keys";
import { getCheckpoint, getEntry, getInclusionProof, getKeys } from "../public-api";
import { appendSamples } from "../testing/sample";

const GOPATH = "/usr/share/gocode";
const NOTE_PACKAGE = path.join(GOPATH, "src/golang.org/x/mod/sumdb/note");

function goSkipReason(): string | null {
  const go = spawnSync("go", ["version"], { encoding: "utf8" });
  if (go.error || go.status !== 0) return "`go` is not installed (Debian: apt-get install golang-go golang-golang-x-mod-dev)";
  if (spawnSync("test", ["-d", NOTE_PACKAGE]).status !== 0) return `${NOTE_PACKAGE} is missing (Debian: apt-get install golang-golang-x-mod-dev)`;
  return null;
}

const skipReason = goSkipReason();
if (skipReason) console.log(`go-check.test.ts skipped: ${skipReason}.`);

interface Inclusion {
  seq: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
}

interface GoCheckInput {
  checkpoint: string;
  verifierKeys: string[];
  logKey: string;
  cosignerKeys: string[];
  quorum: number;
  entry: string;
  inclusion: Inclusion;
}

describe.skipIf(skipReason !== null)("the Go note and tlog packages accept the public API's answers", () => {
  let handle: TestDb;
  let buildDir: string;
  let binary: string;
  let accepted: GoCheckInput;

  /** Runs the Go verifier; returns its exit status and what it printed. */
  function goCheck(input: GoCheckInput): { status: number | null; output: string } {
    const run = spawnSync(binary, [], { input: JSON.stringify(input), encoding: "utf8" });
    return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
  }

  const request = (pathAndQuery: string) => new Request(`http://go-check.test${pathAndQuery}`, { headers: { "x-forwarded-for": "192.0.2.77" } });

  beforeAll(async () => {
    buildDir = mkdtempSync(path.join(tmpdir(), "deedchain-go-check-"));
    binary = path.join(buildDir, "go-check");
    execFileSync("go", ["build", "-o", binary, "."], {
      cwd: import.meta.dirname,
      env: { ...process.env, GO111MODULE: "off", GOPATH, GOFLAGS: "", GOCACHE: path.join(tmpdir(), "deedchain-go-cache"), GOPROXY: "off" },
      stdio: "pipe",
    });

    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
    await appendSamples(handle.db, 23, { tag: "go-check" });
    await publishCheckpoint(handle.db);
    await runInProcessWitnesses(handle.db, DEPARTMENT_CODES);

    const checkpoint = await getCheckpoint(handle.db, request("/api/ledger/checkpoint"));
    expect(checkpoint.status).toBe(200);
    const note = await checkpoint.text();
    const keys = (await (await getKeys(handle.db, request("/api/ledger/keys"))).json()) as PublicKeyInfo[];
    const treeSize = Number(note.split("\n")[1]);
    expect(treeSize).toBe(23);
    const seq = 13;
    const entry = (await (await getEntry(handle.db, request(`/api/ledger/entries/${seq}`), String(seq))).json()) as { entry: string };
    const inclusion = (await (await getInclusionProof(handle.db, request(`/api/ledger/proof/inclusion?seq=${seq}&size=${treeSize}`))).json()) as Inclusion;
    accepted = {
      checkpoint: note,
      verifierKeys: keys.map((k) => k.verifierKey),
      logKey: keys.find((k) => k.role === "log" && k.status === "active")!.name,
      cosignerKeys: keys.filter((k) => k.role === "department" && k.status === "active").map((k) => k.name),
      quorum: env.WITNESS_QUORUM,
      entry: entry.entry,
      inclusion,
    };
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it("note.Open verifies the log signature and the cosignatures; tlog.CheckRecord accepts the proof", () => {
    const result = goCheck(accepted);
    expect(result.output).toMatch(/^OK: note\.Open verified 9 signatures .*tlog\.CheckRecord accepted seq 13$/);
    expect(result.status).toBe(0);
  });

  it("refuses a checkpoint whose root was changed after signing", () => {
    const lines = accepted.checkpoint.split("\n");
    const root = Buffer.from(lines[2]!, "base64");
    root[0] = root[0]! ^ 1;
    lines[2] = root.toString("base64");
    const result = goCheck({ ...accepted, checkpoint: lines.join("\n") });
    expect(result.output).toMatch(/^FAIL: note\.Open: .*invalid signature/);
    expect(result.status).toBe(1);
  });

  it("refuses a checkpoint that no offered key signed, or that the log key did not sign", () => {
    const none = goCheck({ ...accepted, verifierKeys: [] });
    expect(none.output).toBe("FAIL: note.Open: note has no verifiable signatures");
    expect(none.status).toBe(1);
    // Cosignatures alone are not enough: the log key must have signed (first).
    const logKey = accepted.verifierKeys.find((k) => k.startsWith(`${accepted.logKey}+`))!;
    const withoutLog = goCheck({ ...accepted, verifierKeys: accepted.verifierKeys.filter((k) => k !== logKey) });
    expect(withoutLog.output).toMatch(new RegExp(`^FAIL: the log key ${accepted.logKey} did not sign first`));
    expect(withoutLog.status).toBe(1);
  });

  it("refuses an inclusion proof with one bit flipped", () => {
    const proof = [...accepted.inclusion.proof];
    const hash = Buffer.from(proof[1]!, "base64");
    hash[31] = hash[31]! ^ 0x80;
    proof[1] = hash.toString("base64");
    const result = goCheck({ ...accepted, inclusion: { ...accepted.inclusion, proof } });
    expect(result.output).toBe("FAIL: tlog.CheckRecord(seq 13, size 23): invalid transparency proof");
    expect(result.status).toBe(1);
  });

  it("refuses the proof for another entry's position", () => {
    const result = goCheck({ ...accepted, inclusion: { ...accepted.inclusion, seq: 12 } });
    expect(result.output).toBe("FAIL: tlog.CheckRecord(seq 12, size 23): invalid transparency proof");
    expect(result.status).toBe(1);
  });
});
