// Witnesses: in-process cosigning up to the quorum, the HTTP path a remote witness takes
// (through the public API handlers), and loud refusals of smaller, forked, inconsistent,
// foreign or unsigned checkpoints.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { DEPARTMENT_CODES } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { toBase64 } from "@/lib/crypto/bytes";
import { runInProcessWitnesses, startLedgerBackgroundFor } from "./background";
import { latestCheckpoint, newestCheckpoint, publishCheckpoint } from "./checkpoints";
import { activeSigningKey, ensureLedgerKeys } from "./keys";
import {
  getConsistencyProof,
  getKeys,
  getNewestCheckpoint,
  postCosignature,
} from "./public-api";
import { appendSamples } from "./testing/sample";
import { httpWitnessSource, witnessOnce, type WitnessSource, type WitnessState, type WitnessStateStore } from "./witness";

function memoryState(initial: WitnessState | null = null): WitnessStateStore & { current: WitnessState | null } {
  const store = {
    current: initial,
    async load() {
      return store.current;
    },
    async save(state: WitnessState) {
      store.current = state;
    },
  };
  return store;
}

/** fetch that routes the public API to its handlers, as a remote witness would reach them. */
function fetchThroughHandlers(handle: TestDb): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const { pathname } = new URL(request.url);
    if (pathname === "/api/ledger/checkpoint/newest") return getNewestCheckpoint(handle.db, request);
    if (pathname === "/api/ledger/keys") return getKeys(handle.db, request);
    if (pathname === "/api/ledger/proof/consistency") return getConsistencyProof(handle.db, request);
    if (pathname === "/api/ledger/cosignatures") return postCosignature(handle.db, request);
    return new Response("not found", { status: 404 });
  }) as typeof fetch;
}

describe("witnesses", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
  });
  afterAll(async () => handle.close());

  it("have nothing to do on an empty log", async () => {
    const outcomes = await runInProcessWitnesses(handle.db, ["tax"]);
    expect(outcomes.get("tax")).toEqual({ kind: "empty" });
  });

  it("cosign in process until the checkpoint is witnessed, and follow consistent growth", async () => {
    await appendSamples(handle.db, 5);
    await publishCheckpoint(handle.db);
    const first = await runInProcessWitnesses(handle.db, DEPARTMENT_CODES);
    for (const department of DEPARTMENT_CODES) expect(first.get(department)).toEqual({ kind: "cosigned", treeSize: 5, firstUse: true });
    const witnessed = (await latestCheckpoint(handle.db))!;
    expect(witnessed.witnessed).toBe(true);
    expect(witnessed.cosigners).toHaveLength(DEPARTMENT_CODES.length);
    // Nothing new: nothing to sign.
    expect((await runInProcessWitnesses(handle.db, ["tax"])).get("tax")).toEqual({ kind: "unchanged", treeSize: 5 });
    await appendSamples(handle.db, 4, { tag: "second" });
    await publishCheckpoint(handle.db);
    const second = await runInProcessWitnesses(handle.db, ["tax", "police"]);
    expect(second.get("tax")).toEqual({ kind: "cosigned", treeSize: 9, firstUse: false });
    expect((await latestCheckpoint(handle.db, 2))!.treeSize).toBe(9);
    expect((await latestCheckpoint(handle.db, 3))!.treeSize).toBe(5);
  });

  it("cosign over HTTP through the public API, as the CLI does", async () => {
    await appendSamples(handle.db, 2, { tag: "http" });
    await publishCheckpoint(handle.db);
    const source = httpWitnessSource("http://portal.test/", fetchThroughHandlers(handle));
    const state = memoryState();
    const signer = await activeSigningKey(handle.db, "land", "department");
    const outcome = await witnessOnce({ b: nodeBackend, department: "land", source, state, signer: async () => signer, origin: env.LEDGER_ORIGIN });
    expect(outcome).toEqual({ kind: "cosigned", treeSize: 11, firstUse: true });
    expect((await newestCheckpoint(handle.db))!.cosigners).toContain(signer.name);
    expect(state.current?.treeSize).toBe(11);
    await appendSamples(handle.db, 6, { tag: "http-2" });
    await publishCheckpoint(handle.db);
    expect(await witnessOnce({ b: nodeBackend, department: "land", source, state, signer: async () => signer })).toEqual({
      kind: "cosigned",
      treeSize: 17,
      firstUse: false,
    });
  });

  describe("refuse", () => {
    const run = async (state: WitnessStateStore, source?: WitnessSource, origin?: string) => {
      const signer = await activeSigningKey(handle.db, "court", "department");
      return witnessOnce({
        b: nodeBackend,
        department: "court",
        source: source ?? httpWitnessSource("http://portal.test/", fetchThroughHandlers(handle)),
        state,
        signer: async () => signer,
        origin,
      });
    };
    const currentRoot = async () => (await newestCheckpoint(handle.db))!.rootHash;
    const otherRoot = toBase64(new Uint8Array(32).fill(7));

    it("a checkpoint smaller than the one it cosigned", async () => {
      const outcome = await run(memoryState({ origin: env.LEDGER_ORIGIN, treeSize: 1000, rootHash: otherRoot }));
      expect(outcome).toMatchObject({ kind: "refused", reason: "SMALLER" });
    });

    it("a different root at the size it cosigned (a fork)", async () => {
      const size = (await newestCheckpoint(handle.db))!.treeSize;
      const state = memoryState({ origin: env.LEDGER_ORIGIN, treeSize: size, rootHash: otherRoot });
      expect(await run(state)).toMatchObject({ kind: "refused", reason: "INCONSISTENT" });
      // and it does not move on from there
      expect(state.current!.rootHash).toBe(otherRoot);
    });

    it("a tree that does not extend the one it cosigned", async () => {
      expect(await run(memoryState({ origin: env.LEDGER_ORIGIN, treeSize: 3, rootHash: otherRoot }))).toMatchObject({
        kind: "refused",
        reason: "INCONSISTENT",
      });
    });

    it("another origin", async () => {
      expect(await run(memoryState(), undefined, "elsewhere.example/log")).toMatchObject({ kind: "refused", reason: "OTHER_ORIGIN" });
      expect(await run(memoryState({ origin: "elsewhere.example/log", treeSize: 1, rootHash: await currentRoot() }))).toMatchObject({
        kind: "refused",
        reason: "OTHER_ORIGIN",
      });
    });

    it("a checkpoint the log key did not sign", async () => {
      const real = httpWitnessSource("http://portal.test/", fetchThroughHandlers(handle));
      const note = (await real.newestCheckpoint())!;
      const forged: WitnessSource = { ...real, newestCheckpoint: async () => note.replace(/\n(\d+)\n/, (_, n: string) => `\n${Number(n) + 1}\n`) };
      expect(await run(memoryState(), forged)).toMatchObject({ kind: "refused", reason: "BAD_LOG_SIGNATURE" });
    });
  });
});

describe("the server's background work", () => {
  it("publishes checkpoints after appends and gets them witnessed in process, without being asked", async () => {
    const handle = await createTestDb();
    const stop = await startLedgerBackgroundFor(handle, { witnesses: true });
    try {
      await appendSamples(handle.db, 12, { perTransaction: 5 });
      const deadline = Date.now() + 20_000;
      let latest = await latestCheckpoint(handle.db);
      while (!(latest?.witnessed && latest.treeSize === 12) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        latest = await latestCheckpoint(handle.db);
      }
      expect(latest).toMatchObject({ treeSize: 12, witnessed: true });
    } finally {
      await stop();
      await handle.close();
    }
  });
});
