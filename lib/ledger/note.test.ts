// C2SP signed notes against golang.org/x/mod/sumdb/note output (testdata/signed-note.json,
// a copy of shared/vectors), plus notes a strict parser must refuse.
import { describe, expect, it } from "vitest";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { fromBase64, toBase64, toHex } from "@/lib/crypto/bytes";
import { publicKeyFromSeed, signEd25519 } from "@/lib/crypto/ed25519-node";
import {
  addSignatureLines,
  checkpointBody,
  formatSignatureLine,
  isValidKeyName,
  noteKeyHash,
  parseCheckpointBody,
  parseSignatureLine,
  parseSignedNote,
  parseVerifierKey,
  signNote,
  verifierKey,
  verifyNote,
  type NoteSigner,
} from "./note";
import malformed from "./testdata/malformed-notes.json";
import vector from "./testdata/signed-note.json";
import merkle from "./testdata/merkle-rfc6962.json";

const b = nodeBackend;
const keys = vector.keys.map((k) => {
  const seed = fromBase64(k.seed);
  const publicKey = publicKeyFromSeed(seed);
  return { ...k, seed, publicKey, keyHash: noteKeyHash(b, k.name, publicKey) };
});
const signers: NoteSigner[] = keys.map((k) => ({ name: k.name, keyHash: k.keyHash, sign: (m) => signEd25519(k.seed, m) }));
const [logKey, taxKey, policeKey] = keys as [typeof keys[0], typeof keys[0], typeof keys[0]];

describe("checkpoint body", () => {
  it("matches the vector's body for the 17-leaf tree", () => {
    expect(checkpointBody("deedchain.example/ledger", 17, fromBase64(merkle.roots["17"]))).toBe(vector.body);
  });

  it("parses back", () => {
    const parsed = parseCheckpointBody(vector.body);
    expect(parsed.ok && { origin: parsed.origin, size: parsed.size, root: merkle.roots["17"], ext: parsed.extensions }).toEqual({
      origin: "deedchain.example/ledger",
      size: 17,
      root: merkle.roots["17"],
      ext: [],
    });
  });

  it.each([
    ["deedchain.example/ledger\n17\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=", "NOT_TERMINATED"],
    ["\n17\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=\n", "BAD_ORIGIN"],
    ["o\n017\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=\n", "BAD_SIZE"],
    ["o\n-1\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=\n", "BAD_SIZE"],
    ["o\n+1\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=\n", "BAD_SIZE"],
    ["o\n99999999999999999\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=\n", "BAD_SIZE"],
    ["o\n17\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw\n", "BAD_ROOT_HASH"],
    ["o\n17\nAAAA\n", "BAD_ROOT_HASH"],
    ["o\n17\n", "BAD_ROOT_HASH"],
    ["o\n17\ns4mpc6PN7n3YFm8w7OBvPhwa8xIjYaAS1jqDRagsfAw=\n\n", "EMPTY_EXTENSION_LINE"],
  ])("refuses %j (%s)", (text, reason) => {
    expect(parseCheckpointBody(text)).toEqual({ ok: false, reason });
  });

  it("refuses to build a body from bad parts", () => {
    const root = new Uint8Array(32);
    expect(() => checkpointBody("a\nb", 1, root)).toThrow();
    expect(() => checkpointBody("", 1, root)).toThrow();
    expect(() => checkpointBody("o", -1, root)).toThrow();
    expect(() => checkpointBody("o", 1.5, root)).toThrow();
    expect(() => checkpointBody("o", 1, new Uint8Array(31))).toThrow();
  });
});

describe("keys", () => {
  it.each(vector.keys.map((k, i) => [k.name, i] as const))("%s: verifier key matches the vector", (_name, i) => {
    const k = keys[i]!;
    expect(verifierKey(b, k.name, k.publicKey)).toBe(k.verifierKey);
    expect(verifierKey(nobleBackend, k.name, k.publicKey)).toBe(k.verifierKey);
    const parsed = parseVerifierKey(k.verifierKey, b);
    expect(parsed.ok && [parsed.name, toHex(parsed.keyHash), toHex(parsed.publicKey)]).toEqual([
      k.name,
      toHex(k.keyHash),
      toHex(k.publicKey),
    ]);
  });

  it("refuses malformed verifier keys", () => {
    const good = logKey.verifierKey;
    const [name, hash, key] = good.split("+") as [string, string, string];
    expect(parseVerifierKey(`${name}+${hash}`)).toMatchObject({ ok: false, reason: "MALFORMED" });
    expect(parseVerifierKey(`${name}+${hash.toUpperCase()}+${key}`)).toMatchObject({ ok: false, reason: "MALFORMED" });
    expect(parseVerifierKey(`bad name+${hash}+${key}`)).toMatchObject({ ok: false, reason: "BAD_NAME" });
    const keyBytes = fromBase64(key);
    const withAlg = (alg: number, bytes: Uint8Array) => toBase64(Uint8Array.from([alg, ...bytes]));
    expect(parseVerifierKey(`${name}+${hash}+${withAlg(2, keyBytes.slice(1))}`)).toMatchObject({ ok: false, reason: "UNKNOWN_ALGORITHM" });
    expect(parseVerifierKey(`${name}+${hash}+${withAlg(1, keyBytes.slice(2))}`)).toMatchObject({ ok: false, reason: "BAD_KEY_LENGTH" });
    expect(parseVerifierKey(`${name}+${hash}+${key.slice(0, -1)}`)).toMatchObject({ ok: false, reason: "MALFORMED" });
    expect(parseVerifierKey(`${name}+00000000+${key}`, b)).toMatchObject({ ok: false, reason: "KEY_HASH_MISMATCH" });
    expect(parseVerifierKey(`${name}+00000000+${key}`).ok).toBe(true); // syntax only without a backend
  });

  it("key names: non-empty, no whitespace, no '+'", () => {
    expect(isValidKeyName("deedchain.example/tax")).toBe(true);
    for (const bad of ["", "a b", "a+b", "a\tb", "a\u00a0b", "a\nb"]) expect(isValidKeyName(bad)).toBe(false);
    expect(() => noteKeyHash(b, "a+b", logKey.publicKey)).toThrow();
  });
});

describe("signed note", () => {
  it("signing the vector body with the vector seeds reproduces the note byte for byte", () => {
    expect(signNote(vector.body, signers)).toBe(vector.signedNote);
  });

  it.each([nodeBackend, nobleBackend])("verifies with every key under $name", (backend) => {
    const result = verifyNote(backend, vector.signedNote, keys);
    expect(result).toEqual({ ok: true, body: vector.body, verified: [logKey.name, taxKey.name, policeKey.name] });
  });

  it("skips lines from unknown keys, and needs at least one known key", () => {
    expect(verifyNote(b, vector.signedNote, [taxKey])).toEqual({ ok: true, body: vector.body, verified: [taxKey.name] });
    expect(verifyNote(b, vector.signedNote, [])).toEqual({ ok: false, reason: "NO_VERIFIED_SIGNATURE" });
    // Same name, different key: its key hash differs, so the line is not its.
    const impostor = { name: taxKey.name, publicKey: policeKey.publicKey };
    expect(verifyNote(b, vector.signedNote, [impostor])).toEqual({ ok: false, reason: "NO_VERIFIED_SIGNATURE" });
  });

  it("refuses a changed body and a changed signature", () => {
    const changedBody = vector.signedNote.replace("\n17\n", "\n18\n");
    expect(verifyNote(b, changedBody, keys)).toEqual({ ok: false, reason: "BAD_SIGNATURE", name: logKey.name });
    const parsed = parseSignedNote(vector.signedNote);
    if (!parsed.ok) throw new Error("vector must parse");
    const sig = parsed.signatures[1]!;
    const flipped = Uint8Array.from(sig.signature);
    flipped[10] = flipped[10]! ^ 1;
    const text = vector.signedNote.replace(formatSignatureLine(sig.name, sig.keyHash, sig.signature), formatSignatureLine(sig.name, sig.keyHash, flipped));
    expect(verifyNote(b, text, keys)).toEqual({ ok: false, reason: "BAD_SIGNATURE", name: taxKey.name });
  });

  it.each(malformed.cases)("refuses: $about ($reason)", ({ text, reason }) => {
    expect(parseSignedNote(text)).toEqual({ ok: false, reason });
    expect(verifyNote(b, text, keys)).toEqual({ ok: false, reason });
  });

  it("refuses notes over the size limit", () => {
    const line = formatSignatureLine(logKey.name, logKey.keyHash, new Uint8Array(64));
    expect(parseSignedNote(`${vector.body}\n${line.repeat(700)}`)).toEqual({ ok: false, reason: "TOO_LARGE" });
  });

  it("addSignatureLines appends cosignatures after the log line and drops duplicates", () => {
    const logOnly = signNote(vector.body, [signers[0]!]);
    const full = parseSignedNote(vector.signedNote);
    if (!full.ok) throw new Error("vector must parse");
    const [, tax, police] = full.signatures.map((s) => formatSignatureLine(s.name, s.keyHash, s.signature));
    const once = addSignatureLines(logOnly, [tax!]);
    const twice = addSignatureLines(once, [police!, tax!, police!]);
    expect(twice).toBe(vector.signedNote);
    expect(addSignatureLines(vector.signedNote, [tax!.slice(0, -1)])).toBe(vector.signedNote);
    expect(() => addSignatureLines(logOnly, ["— nope"])).toThrow();
    expect(() => addSignatureLines("not a note", [tax!])).toThrow();
  });

  it("parseSignatureLine accepts a line with or without its newline and refuses others", () => {
    const line = vector.signedNote.split("\n")[4]!;
    expect(parseSignatureLine(line)?.name).toBe(logKey.name);
    expect(parseSignatureLine(`${line}\n`)?.name).toBe(logKey.name);
    expect(parseSignatureLine(`${line}\n\n`)).toBeNull();
    expect(parseSignatureLine(line.replace("—", "-"))).toBeNull();
  });

  it("signNote refuses bodies a parser could not split back", () => {
    expect(() => signNote("no newline", signers)).toThrow();
    expect(() => signNote("a\n\nb\n", signers)).toThrow();
    expect(() => signNote("a\r\n", signers)).toThrow();
    expect(() => signNote(vector.body, [])).toThrow();
  });
});
