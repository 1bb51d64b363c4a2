// Credentials end to end on a throwaway database (PGlite, or PostgreSQL when DATABASE_URL is
// set): issue → public API → independent verification (our bundle verifier on both crypto
// backends, and `jose` on the bare JWS), supersede, 404s, rate limit, institution lookups.
import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { compactVerify, importJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { credentials, DEPARTMENT_CODES, ledgerEntries, properties, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { fromBase64, fromBase64Url, toBase64Url } from "@/lib/crypto/bytes";
import { verifyCredentialBundle, type CredentialAnswer, type PublishedEntry, type PublishedKey } from "@/lib/credentials/verify-bundle";
import { listMyAccessLog } from "@/lib/dal/access/list-my-access-log";
import { insertUser } from "@/lib/dal/auth/testing";
import { runInProcessWitnesses } from "@/lib/ledger/background";
import { publishCheckpoint } from "@/lib/ledger/checkpoints";
import { ensureLedgerKeys } from "@/lib/ledger/keys";
import { getEntry, getKeys } from "@/lib/ledger/public-api";
import { createRateLimiter } from "@/lib/http/rate-limit";
import { createApiKey } from "./create-api-key";
import { revokeApiKey } from "./revoke-api-key";
import { getCredential, postLookup } from "./credential-api";
import { issueCredential } from "./issue-credential";
import { revokeCredential } from "./revoke-credential";

const UNIT = "431302001001GB00001F00010001";
const HOLDER = { ref: "ref-holder-zhang-wei-000001", name: "张伟", residentId: "430000198001010011" };
const base = "http://portal.test";
const get = (path: string, headers: Record<string, string> = {}) => new Request(`${base}${path}`, { headers: { "x-forwarded-for": "203.0.113.9", ...headers } });

describe("property credentials", () => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb();
    await ensureLedgerKeys(handle.db);
    await handle.db.insert(properties).values({
      unitNumber: UNIT,
      district: "431302",
      address: "娄星区 乐坪大道 1 号",
      area: "89.50",
      use: "residential",
      builtYear: 2012,
      parcelOutline: { type: "Polygon", coordinates: [[[0, 0], [10, 0], [10, 9], [0, 9], [0, 0]]] },
    });
  });
  afterAll(async () => handle.close());

  async function issue(reason: string, status = { registered: true, mortgaged: false, seized: false, inTransaction: false }) {
    const issued = await handle.db.transaction((tx) => issueCredential(tx, { unitNumber: UNIT, holders: [HOLDER], reason, status }));
    await publishCheckpoint(handle.db);
    await runInProcessWitnesses(handle.db, DEPARTMENT_CODES);
    return issued;
  }

  async function bundleFor(id: string) {
    const response = await getCredential(handle.db, get(`/api/credentials/${id}`), id);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as CredentialAnswer;
    const keys = (await (await getKeys(handle.db, get("/api/ledger/keys"))).json()) as PublishedKey[];
    const entry = (await (await getEntry(handle.db, get(`/api/ledger/entries/${answer.ledger.seq}`), String(answer.ledger.seq))).json()) as PublishedEntry;
    return { answer, keys, entry, response };
  }

  let first: Awaited<ReturnType<typeof issue>>;

  it("issues a credential whose API answer verifies on both backends, with the holder's disclosures", async () => {
    first = await issue("first_registration");
    const { answer, keys, entry, response } = await bundleFor(first.credentialId);
    expect(answer).toMatchObject({ id: first.credentialId, status: "valid", sdJwt: first.sdJwt, ledger: { seq: first.ledgerSeq } });
    expect(answer.sdJwt.endsWith("~")).toBe(true);
    expect(answer.sdJwt.split("~").filter(Boolean)).toHaveLength(1); // no disclosures served publicly
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get("cache-control")).toContain("max-age");
    for (const backend of [nodeBackend, nobleBackend]) {
      const verdict = verifyCredentialBundle(backend, { answer, keys, entry, disclosures: Object.values(first.disclosures) }, { quorum: env.WITNESS_QUORUM });
      expect(verdict.checks.map((c) => [c.check, c.ok])).toEqual([["sdJwt", true], ["entry", true], ["inclusion", true], ["checkpoint", true]]);
      expect(verdict.claims).toMatchObject({
        credentialId: first.credentialId,
        unitNumber: UNIT,
        status: { registered: true, mortgaged: false, seized: false, inTransaction: false },
        area: 89.5,
        use: "residential",
        district: "431302",
        ledgerSeq: first.ledgerSeq,
      });
      expect(verdict.disclosed).toEqual({ holderNames: ["张伟"], holderIdNumbers: [HOLDER.residentId] });
    }
    // The ledger entry carries no personal data.
    expect(entry.entry).not.toContain("张伟");
    expect(entry.entry).not.toContain(HOLDER.residentId);
    // A one-byte edit of the served payload is caught.
    const [h, p, s] = answer.sdJwt.slice(0, -1).split(".") as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    payload.area = 98.5;
    const edited = { ...answer, sdJwt: `${h}.${toBase64Url(Buffer.from(JSON.stringify(payload)))}.${s}~` };
    expect(verifyCredentialBundle(nobleBackend, { answer: edited, keys, entry }, { quorum: env.WITNESS_QUORUM }).authentic).toBe(false);
  });

  it("serves an SD-JWT that jose verifies against the key from /api/ledger/keys, with disclosures hashing to _sd", async () => {
    const { answer, keys } = await bundleFor(first.credentialId);
    const jws = answer.sdJwt.slice(0, -1);
    const header = JSON.parse(Buffer.from(jws.split(".")[0]!, "base64url").toString("utf8"));
    expect(header).toMatchObject({ alg: "EdDSA", typ: "dc+sd-jwt" });
    const published = keys.find((k) => k.name === header.kid && k.role === "credential")!;
    expect(published).toBeDefined();
    const key = await importJWK({ kty: "OKP", crv: "Ed25519", x: toBase64Url(fromBase64(published.publicKey)) }, "EdDSA");
    const { payload, protectedHeader } = await compactVerify(jws, key);
    expect(protectedHeader.typ).toBe("dc+sd-jwt");
    const claims = JSON.parse(Buffer.from(payload).toString("utf8"));
    expect(claims._sd_alg).toBe("sha-256");
    for (const disclosure of Object.values(first.disclosures)) {
      expect(claims._sd).toContain(createHash("sha256").update(disclosure, "ascii").digest("base64url"));
      expect(JSON.parse(Buffer.from(fromBase64Url(disclosure)).toString("utf8"))).toHaveLength(3);
    }
    // And a tampered signature fails in jose too.
    const broken = jws.slice(0, -2) + (jws.endsWith("AA") ? "BA" : "AA");
    await expect(compactVerify(broken, key)).rejects.toThrow();
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const { response } = await bundleFor(first.credentialId);
    const again = await getCredential(handle.db, get(`/api/credentials/${first.credentialId}`, { "if-none-match": response.headers.get("etag")! }), first.credentialId);
    expect(again.status).toBe(304);
  });

  it("supersedes on a later change: the old one says superseded, the successor is valid, nothing is deleted", async () => {
    const second = await issue("seizure", { registered: true, mortgaged: false, seized: true, inTransaction: false });
    expect(second.superseded).toBe(first.credentialId);
    const old = await bundleFor(first.credentialId);
    expect(old.answer.status).toBe("superseded");
    // Still authentic: superseded is a status, not a forgery.
    expect(verifyCredentialBundle(nodeBackend, old, { quorum: env.WITNESS_QUORUM }).authentic).toBe(true);
    const successor = await bundleFor(second.credentialId);
    expect(successor.answer.status).toBe("valid");
    const verdict = verifyCredentialBundle(nodeBackend, successor, { quorum: env.WITNESS_QUORUM });
    expect(verdict.authentic).toBe(true);
    expect(verdict.claims?.status).toMatchObject({ seized: true });
    const [{ n }] = (await handle.db.select({ n: count() }).from(credentials).where(eq(credentials.unitNumber, UNIT))) as [{ n: number }];
    expect(n).toBe(2);
    const [row] = await handle.db.select().from(credentials).where(eq(credentials.id, first.credentialId));
    expect(row).toMatchObject({ status: "superseded", supersededBy: second.credentialId });
    const superseded = await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "credential.superseded"));
    expect(superseded).toHaveLength(1);
    expect(JSON.parse(superseded[0]!.entry).payload).toMatchObject({ credentialId: first.credentialId, supersededBy: second.credentialId });
    // Naming the wrong predecessor is refused and writes nothing.
    await expect(
      handle.db.transaction((tx) => issueCredential(tx, { unitNumber: UNIT, holders: [HOLDER], reason: "transfer", supersedes: first.credentialId })),
    ).rejects.toThrow(/not the current valid credential/);
    first = second;
  });

  it("answers 404 JSON for unknown and malformed ids", async () => {
    for (const id of ["dc-doesnotexist", "ab", "bad/id", "x".repeat(101), "含中文的编号"]) {
      const response = await getCredential(handle.db, get(`/api/credentials/${encodeURIComponent(id)}`), id);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(/No credential/);
    }
  });

  it("limits each address: 429 with Retry-After", async () => {
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 0.5 });
    const call = (ip: string) => getCredential(handle.db, get(`/api/credentials/${first.credentialId}`, { "x-forwarded-for": ip }), first.credentialId, limiter);
    expect((await call("198.51.100.1")).status).toBe(200);
    expect((await call("198.51.100.1")).status).toBe(200);
    const limited = await call("198.51.100.1");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call("198.51.100.2")).status).toBe(200);
  });

  it("lets an institution with a key read the disclosed claims and logs the lookup for the holder", async () => {
    const admin = await insertUser(handle.db, { login: "senior.test", password: "Password-123456", role: "senior_admin", department: "registry" });
    const actor: Actor = { userId: admin.id, role: "senior_admin", department: "registry", displayName: "senior", login: "senior.test" };
    const created = await createApiKey(handle.db, actor, { institution: "娄底农商银行", kind: "bank" });
    if (!created.ok) throw new Error(created.error);
    const lookup = (key: string, body: unknown) =>
      postLookup(
        handle.db,
        new Request(`${base}/api/credentials/${first.credentialId}/lookup`, {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-forwarded-for": "203.0.113.20" },
          body: JSON.stringify(body),
        }),
        first.credentialId,
      );
    const response = await lookup(created.key, { disclosures: [first.disclosures.holderNames], purpose: "mortgage" });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { status: string; disclosed: Record<string, unknown>; claims: Record<string, unknown> };
    expect(answer.status).toBe("valid");
    expect(answer.disclosed).toEqual({ holderNames: ["张伟"] }); // only what the holder shared
    expect(answer.claims.unitNumber).toBe(UNIT);
    const logged = await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.subject, HOLDER.ref));
    expect(logged.map((e) => e.type)).toEqual(["access.read"]);
    expect(JSON.parse(logged[0]!.entry).payload).toMatchObject({ check: "credential_lookup", institution: "娄底农商银行", disclosed: ["holderNames"], purpose: "mortgage" });

    // The holder sees it in their own access log (lib/dal/access), with the bank as reader.
    const holderUser = await insertUser(handle.db, { login: "13900000009", password: "Password-123456", role: "resident" });
    await handle.db.update(users).set({ residentIdHmac: HOLDER.ref }).where(eq(users.id, holderUser.id));
    const holderActor: Actor = { userId: holderUser.id, role: "resident", department: null, displayName: "张伟", login: "13900000009" };
    const seen = await listMyAccessLog(handle.db, { actor: holderActor });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ outcome: "read", check: "credential_lookup", purpose: "mortgage", reader: { department: "bank" } });

    // A GET with the key is an institutional lookup too: logged.
    const keyed = await getCredential(handle.db, get(`/api/credentials/${first.credentialId}`, { authorization: `Bearer ${created.key}` }), first.credentialId);
    expect(keyed.status).toBe(200);
    expect(await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.subject, HOLDER.ref))).toHaveLength(2);

    // Foreign disclosures, bad keys and revoked keys are refused.
    expect((await lookup(created.key, { disclosures: [toBase64Url(Buffer.from('["salt","holderNames",["李四"]]'))] })).status).toBe(400);
    expect((await lookup("dck_not-a-key", {})).status).toBe(401);
    expect(await revokeApiKey(handle.db, actor, created.keyId)).toEqual({ ok: true });
    expect((await lookup(created.key, {})).status).toBe(401);
    const resident: Actor = { ...actor, role: "resident", department: null };
    expect((await createApiKey(handle.db, resident, { institution: "x bank", kind: "bank" })).ok).toBe(false);
  });

  it("revokes on a senior admin's word only: the API then says revoked, and the proofs still verify", async () => {
    const admin = await insertUser(handle.db, { login: "senior.revoke", password: "Password-123456", role: "senior_admin", department: "registry" });
    const senior: Actor = { userId: admin.id, role: "senior_admin", department: "registry", displayName: "senior", login: "senior.revoke" };
    const clerk: Actor = { ...senior, role: "clerk" };
    const input = { credentialId: first.credentialId, reason: "issued_in_error" as const, note: "Wrong unit number keyed at intake." };
    expect(await revokeCredential(handle.db, clerk, input)).toMatchObject({ ok: false, status: 403 });
    expect(await revokeCredential(handle.db, senior, input)).toEqual({ ok: true });
    expect(await revokeCredential(handle.db, senior, input)).toMatchObject({ ok: false, status: 409 });
    await publishCheckpoint(handle.db);
    await runInProcessWitnesses(handle.db, DEPARTMENT_CODES);
    const revoked = await bundleFor(first.credentialId);
    expect(revoked.answer.status).toBe("revoked");
    expect(verifyCredentialBundle(nodeBackend, revoked, { quorum: env.WITNESS_QUORUM })).toMatchObject({ authentic: true, status: "revoked" });
    const [entry] = await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.type, "credential.revoked"));
    expect(entry!.entry).not.toContain("Wrong unit number");
  });
});
