// Integration: append, storage, checkpoints, keys and the public API against a real
// database (PGlite in memory, or PostgreSQL when DATABASE_URL is set).
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { ledgerHashes, ledgerHead } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { fromBase64, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { advanceTree, appendEntry } from "./append";
import { createSignatureWorkerPool } from "./audit-workers";
import { addCosignature, latestCheckpoint, newestCheckpoint, publishCheckpoint } from "./checkpoints";
import { decodeEntry } from "./entry";
import { activeSigningKey, ensureLedgerKeys, listLedgerKeys, rotateDepartmentKey } from "./keys";
import { checkRecord, checkTree, leafHash, storedHashCount, storedHashIndex, TreeBuilder } from "./merkle";
import { formatSignatureLine, parseCheckpointBody, verifyNote } from "./note";
import {
  getCheckpoint,
  getConsistencyProof,
  getEntry,
  getInclusionProof,
  getKeys,
  getNewestCheckpoint,
  postCosignature,
} from "./public-api";
import { consistencyProof, inclusionProof, postgresLedgerStore, rootAt } from "./store";
import { appendSamples, sampleInput } from "./testing/sample";
import { verifyLedger } from "./verify";

const b = nodeBackend;
const vectors = JSON.parse(readFileSync(path.join(import.meta.dirname, "testdata", "merkle-rfc6962.json"), "utf8")) as {
  entries: string[];
  leafHashes: string[];
  roots: Record<string, string>;
  inclusion: { seq: number; treeSize: number; leafHash: string; proof: string[] }[];
  consistency: { from: number; to: number; proof: string[] }[];
};

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
}

async function count(db: TestDb, table: string): Promise<number> {
  const [row] = rowsOf(await db.db.execute(sql.raw(`select count(*)::int as n from ${table}`)));
  return Number(row!.n);
}

const get = (url: string, ip = "198.51.100.7") => new Request(`http://portal.test${url}`, { headers: { "x-forwarded-for": ip } });

describe("ledger storage filled with the tlog vector leaves", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    // Write the vector tree through the append path's tree arithmetic (advanceTree), straight
    // into storage, so storage-backed roots and proofs can be compared with tlog's.
    let frontier: Uint8Array = new Uint8Array();
    const rows: { idx: number; hash: Uint8Array }[] = [];
    vectors.entries.forEach(() => undefined);
    for (let n = 0; n < vectors.entries.length; n++) {
      const leaf = leafHash(b, utf8Encode(vectors.entries[n]!));
      expect(toBase64(leaf)).toBe(vectors.leafHashes[n]);
      const advanced = advanceTree(b, n, frontier, leaf);
      advanced.hashes.forEach((hash, i) => rows.push({ idx: storedHashIndex(0, n) + i, hash }));
      frontier = advanced.frontier;
    }
    await handle.db.insert(ledgerHashes).values(rows);
    await handle.db.update(ledgerHead).set({ size: vectors.entries.length, frontier, lastLeafHash: fromBase64(vectors.leafHashes.at(-1)!) });
  });
  afterAll(async () => handle.close());

  it("gives tlog's root at every size", async () => {
    const store = postgresLedgerStore(handle.db);
    for (const [size, root] of Object.entries(vectors.roots)) {
      expect(toBase64(await rootAt(b, store, Number(size))), `root at ${size}`).toBe(root);
    }
  });

  it("gives tlog's inclusion and consistency proofs, also through the public API", async () => {
    const store = postgresLedgerStore(handle.db);
    for (const v of vectors.inclusion) {
      expect((await inclusionProof(b, store, v.seq, v.treeSize)).map(toBase64)).toEqual(v.proof);
    }
    for (const v of vectors.consistency) {
      expect((await consistencyProof(b, store, v.from, v.to)).map(toBase64)).toEqual(v.proof);
    }
    for (const v of vectors.inclusion) {
      const response = await getInclusionProof(handle.db, get(`/api/ledger/proof/inclusion?seq=${v.seq}&size=${v.treeSize}`, "198.51.100.8"));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ seq: v.seq, treeSize: v.treeSize, leafHash: v.leafHash, proof: v.proof });
    }
    const consistency = vectors.consistency.find((v) => v.from === 3 && v.to === 17)!;
    const answer = await getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=3&to=17"));
    expect(await answer.json()).toEqual({ from: 3, to: 17, proof: consistency.proof });
  });
});

describe("ledger", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle.close());

  it("generates the keys once: one log, one credential, one department key per department", async () => {
    const created = await ensureLedgerKeys(handle.db);
    expect(created).toContain("deedchain-log-" + new Date().getUTCFullYear() + "a");
    expect(created).toHaveLength(10);
    expect(await ensureLedgerKeys(handle.db)).toEqual([]);
    const keys = await listLedgerKeys(handle.db);
    expect(keys.filter((k) => k.role === "log" && k.status === "active")).toHaveLength(1);
    expect(keys.filter((k) => k.role === "department").map((k) => k.department).sort()).toEqual(
      ["bank", "civil", "court", "housing", "land", "police", "registry", "tax"],
    );
  });

  it("answers 404 for the checkpoint of an empty log", async () => {
    expect((await getCheckpoint(handle.db, get("/api/ledger/checkpoint"))).status).toBe(404);
  });

  it("leaves nothing behind when the caller's transaction rolls back", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await appendEntry(tx, sampleInput(0, "rolled-back"));
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await count(handle, "ledger_entries")).toBe(0);
    expect(await count(handle, "ledger_hashes")).toBe(0);
    expect(await postgresLedgerStore(handle.db).treeSize()).toBe(0);
  });

  it("appends gapless, chained, signed entries whose stored tree matches a recomputed one", async () => {
    const results = await appendSamples(handle.db, 40, { perTransaction: 7 });
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const store = postgresLedgerStore(handle.db);
    const keys = new Map((await listLedgerKeys(handle.db)).map((k) => [k.name, k]));
    const tree = new TreeBuilder(b);
    let prev = "";
    for (let seq = 0; seq < 40; seq++) {
      const stored = (await store.entry(seq))!;
      const entry = decodeEntry(stored.entry);
      expect(entry.seq).toBe(seq);
      expect(entry.prev).toBe(prev);
      const bytes = utf8Encode(stored.entry);
      const leaf = leafHash(b, bytes);
      expect(toBase64(leaf)).toBe(stored.leafHash);
      const key = keys.get(stored.keyName)!;
      expect(key.department).toBe(entry.department);
      expect(b.ed25519Verify(fromBase64(stored.signature), bytes, key.publicKey)).toBe(true);
      tree.append(leaf);
      expect(toBase64(await rootAt(b, store, seq + 1))).toBe(toBase64(tree.root()));
      prev = stored.leafHash;
    }
    expect(await count(handle, "ledger_hashes")).toBe(storedHashCount(40));
  });

  it("publishes a log-signed checkpoint only when the tree grew, and keeps every one", async () => {
    expect(await publishCheckpoint(handle.db)).toBe(40);
    expect(await publishCheckpoint(handle.db)).toBeNull();
    await appendSamples(handle.db, 3, { tag: "more" });
    expect(await publishCheckpoint(handle.db)).toBe(43);
    expect(await count(handle, "ledger_checkpoints")).toBe(2);
    const response = await getCheckpoint(handle.db, get("/api/ledger/checkpoint"));
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const note = await response.text();
    const keys = ((await (await getKeys(handle.db, get("/api/ledger/keys"))).json()) as { name: string; role: string; publicKey: string }[])
      .filter((k) => k.role === "log")
      .map((k) => ({ name: k.name, publicKey: fromBase64(k.publicKey) }));
    const verified = verifyNote(b, note, keys);
    expect(verified.ok).toBe(true);
    const body = parseCheckpointBody(verified.ok ? verified.body : "");
    expect(body.ok && body.size).toBe(43);
    expect(body.ok && toBase64(body.rootHash)).toBe(toBase64(await rootAt(b, postgresLedgerStore(handle.db), 43)));
  });

  it("serves entries and inclusion proofs that check against the checkpoint", async () => {
    const note = await (await getCheckpoint(handle.db, get("/api/ledger/checkpoint"))).text();
    const body = parseCheckpointBody(note.slice(0, note.indexOf("\n\n") + 1));
    if (!body.ok) throw new Error("bad checkpoint");
    for (const seq of [0, 17, 42]) {
      const entryResponse = await getEntry(handle.db, get(`/api/ledger/entries/${seq}`), String(seq));
      expect(entryResponse.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const entry = (await entryResponse.json()) as { seq: number; entry: string; leafHash: string; signature: string; keyName: string };
      expect(Object.keys(entry)).toEqual(["seq", "entry", "leafHash", "signature", "keyName"]);
      const proofResponse = await getInclusionProof(handle.db, get(`/api/ledger/proof/inclusion?seq=${seq}&size=${body.size}`));
      expect(proofResponse.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const proof = (await proofResponse.json()) as { leafHash: string; proof: string[] };
      expect(proof.leafHash).toBe(entry.leafHash);
      const leaf = leafHash(b, utf8Encode(entry.entry));
      expect(checkRecord(b, proof.proof.map(fromBase64), body.size, body.rootHash, seq, leaf)).toBe(true);
      expect(checkRecord(b, proof.proof.map(fromBase64), body.size, body.rootHash, seq === 0 ? 1 : 0, leaf)).toBe(false);
    }
    const consistency = (await (await getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=40&to=43"))).json()) as { proof: string[] };
    const old = await rootAt(b, postgresLedgerStore(handle.db), 40);
    expect(checkTree(b, consistency.proof.map(fromBase64), 43, body.rootHash, 40, old)).toBe(true);
    const same = (await (await getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=43&to=43"))).json()) as { proof: string[] };
    expect(same.proof).toEqual([]);
  });

  it("answers 400 with a clear JSON error for bad parameters, never 500", async () => {
    const cases: [string, () => Promise<Response>, RegExp][] = [
      ["negative seq", () => getEntry(handle.db, get("/api/ledger/entries/-1"), "-1"), /negative/],
      ["non-numeric seq", () => getEntry(handle.db, get("/api/ledger/entries/abc"), "abc"), /non-negative decimal integer/],
      ["entry beyond the tree", () => getEntry(handle.db, get("/api/ledger/entries/43"), "43"), /beyond the tree/],
      ["huge seq", () => getEntry(handle.db, get("/api/ledger/entries/99999999999999999999"), "99999999999999999999"), /too large/],
      ["missing size", () => getInclusionProof(handle.db, get("/api/ledger/proof/inclusion?seq=1")), /size is required/],
      ["seq = size", () => getInclusionProof(handle.db, get("/api/ledger/proof/inclusion?seq=5&size=5")), /smaller than size/],
      ["size beyond the tree", () => getInclusionProof(handle.db, get("/api/ledger/proof/inclusion?seq=1&size=44")), /beyond the tree/],
      ["fractional size", () => getInclusionProof(handle.db, get("/api/ledger/proof/inclusion?seq=1&size=2.5")), /decimal integer/],
      ["from > to", () => getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=9&to=3")), /must not exceed/],
      ["from = 0", () => getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=0&to=3")), /at least 1/],
      ["to beyond the tree", () => getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=1&to=100")), /beyond the tree/],
      ["negative from", () => getConsistencyProof(handle.db, get("/api/ledger/proof/consistency?from=-2&to=3")), /negative/],
    ];
    for (const [name, call, message] of cases) {
      const response = await call();
      expect(response.status, name).toBe(400);
      expect(response.headers.get("cache-control"), name).toBe("no-store");
      const body = (await response.json()) as { error: string };
      expect(body.error, name).toMatch(message);
    }
  });

  it("limits each address and says when to come back", async () => {
    const ip = "203.0.113.99";
    // A burst of 300 is allowed, then 20 per second: well before 1,000 quick requests, 429.
    let last: Response | undefined;
    let answered = 0;
    while (answered < 1000 && last?.status !== 429) {
      last = await getEntry(handle.db, get("/api/ledger/entries/x", ip), "x");
      answered++;
    }
    expect(last!.status).toBe(429);
    expect(answered).toBeGreaterThan(300);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    // Another address is not affected.
    expect((await getEntry(handle.db, get("/api/ledger/entries/x", "203.0.113.100"), "x")).status).toBe(400);
  });

  it("stores a valid cosignature line and refuses forged ones", async () => {
    const tax = await activeSigningKey(handle.db, "tax", "department");
    const police = await activeSigningKey(handle.db, "police", "department");
    const checkpoint = (await newestCheckpoint(handle.db))!;
    const body = checkpoint.note.slice(0, checkpoint.note.indexOf("\n\n") + 1);
    const line = formatSignatureLine(tax.name, tax.keyHash, tax.sign(utf8Encode(body)));
    const post = (payload: unknown) =>
      postCosignature(handle.db, new Request("http://portal.test/api/ledger/cosignatures", { method: "POST", body: JSON.stringify(payload), headers: { "x-forwarded-for": "192.0.2.1" } }));
    // Signed by police but claiming to be tax.
    const forged = formatSignatureLine(tax.name, tax.keyHash, police.sign(utf8Encode(body)));
    expect((await post({ treeSize: 43, line: forged })).status).toBe(403);
    // The log key is not a department key.
    const log = await activeSigningKey(handle.db, "registry", "log");
    expect((await post({ treeSize: 43, line: formatSignatureLine(log.name, log.keyHash, log.sign(utf8Encode(body))) })).status).toBe(403);
    expect((await post({ treeSize: 43, line: "hello" })).status).toBe(400);
    expect((await post({ treeSize: "43", line })).status).toBe(400);
    expect((await post({ treeSize: 7, line })).status).toBe(404);
    expect((await post({ treeSize: 43, line })).status).toBe(201);
    expect((await post({ treeSize: 43, line })).status).toBe(200);
    const served = (await newestCheckpoint(handle.db))!;
    expect(served.cosigners).toEqual([tax.name]);
    expect(served.note.endsWith(line)).toBe(true);
  });

  it("serves the newest checkpoint that meets the quorum, else the newest log-signed one", async () => {
    await appendSamples(handle.db, 2, { tag: "quorum" });
    expect(await publishCheckpoint(handle.db)).toBe(45);
    // Quorum 1: size 43 has the tax cosignature, 45 has none yet.
    expect((await latestCheckpoint(handle.db, 1))!.treeSize).toBe(43);
    expect((await latestCheckpoint(handle.db, 2))!.treeSize).toBe(45);
    expect((await latestCheckpoint(handle.db, 0))!.treeSize).toBe(45);
    const police = await activeSigningKey(handle.db, "police", "department");
    const checkpoint = (await newestCheckpoint(handle.db))!;
    const body = checkpoint.note.slice(0, checkpoint.note.indexOf("\n\n") + 1);
    await addCosignature(handle.db, { treeSize: 45, line: formatSignatureLine(police.name, police.keyHash, police.sign(utf8Encode(body))) });
    expect((await latestCheckpoint(handle.db, 1))!.treeSize).toBe(45);
    const newest = await (await getNewestCheckpoint(handle.db, get("/api/ledger/checkpoint/newest"))).text();
    expect(newest).toBe(checkpoint.note + formatSignatureLine(police.name, police.keyHash, police.sign(utf8Encode(body))));
  });

  it("rotates a department key as a ledger entry; old entries keep verifying", async () => {
    const before = await activeSigningKey(handle.db, "tax", "department");
    const rotation = await handle.db.transaction((tx) => rotateDepartmentKey(tx, { department: "tax", actor: "user:senior-admin" }));
    expect(rotation.retired).toBe(before.name);
    expect(rotation.activated).toBe(before.name.slice(0, -1) + "b");
    const after = await activeSigningKey(handle.db, "tax", "department");
    expect(after.name).toBe(rotation.activated);
    const store = postgresLedgerStore(handle.db);
    const rotationEntry = (await store.entry(rotation.seq))!;
    expect(rotationEntry.keyName).toBe(after.name);
    const parsed = decodeEntry(rotationEntry.entry);
    expect(parsed.type).toBe("key.rotated");
    // The next tax entry is signed by the new key; an old one still by the old key.
    const next = await handle.db.transaction((tx) => appendEntry(tx, { ...sampleInput(3, "after-rotation"), department: "tax" }));
    expect(next.keyName).toBe(after.name);
    const keys = (await (await getKeys(handle.db, get("/api/ledger/keys"))).json()) as { name: string; status: string; validUntil: string | null; validFrom: string; verifierKey: string }[];
    const old = keys.find((k) => k.name === before.name)!;
    expect(old.status).toBe("retired");
    expect(old.validUntil).toBe(keys.find((k) => k.name === after.name)!.validFrom);
    expect(old.verifierKey).toMatch(/^deedchain-tax-\d{4}a\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const oldTaxEntry = (await store.entriesAfter(-1, 100)).find((e) => e.department === "tax" && e.seq < rotation.seq)!;
    expect(oldTaxEntry.keyName).toBe(before.name);
    expect(b.ed25519Verify(fromBase64(oldTaxEntry.signature), utf8Encode(oldTaxEntry.entry), before.publicKey)).toBe(true);
    expect(Date.parse(decodeEntry(oldTaxEntry.entry).time)).toBeLessThan(Date.parse(old.validUntil!));
  });

  it("never signs with the key of a rotation that rolled back", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await rotateDepartmentKey(tx, { department: "land", actor: "user:senior-admin" });
        // The rotation's own entry was signed with the new key in this transaction…
        throw new Error("the admin action failed afterwards");
      }),
    ).rejects.toThrow("failed afterwards");
    // …which never committed; a later rotation must not reuse that cached key.
    await handle.db.transaction((tx) => rotateDepartmentKey(tx, { department: "land", actor: "user:senior-admin" }));
    const active = await activeSigningKey(handle.db, "land", "department");
    const appended = await handle.db.transaction((tx) => appendEntry(tx, { ...sampleInput(5, "after-rollback"), department: "land" }));
    expect(appended.keyName).toBe(active.name);
    expect(b.ed25519Verify(fromBase64(appended.signature), utf8Encode(appended.canonical), active.publicKey)).toBe(true);
  });

  it("verifies end to end, key rotation included, in small and large batches", async () => {
    await publishCheckpoint(handle.db);
    for (const batchSize of [1, 5, 5000]) {
      const result = await verifyLedger(handle.db, { batchSize, allCheckpoints: batchSize === 5 });
      expect(result.problem, `batch ${batchSize}`).toBeUndefined();
      expect(result.entries).toBe(await postgresLedgerStore(handle.db).treeSize());
    }
    const pool = createSignatureWorkerPool(2);
    try {
      const pooled = await verifyLedger(handle.db, { batchSize: 10, signatures: { verify: (batch) => pool.verify(batch.checks) } });
      expect(pooled.problem).toBeUndefined();
    } finally {
      await pool.close();
    }
  });
});
