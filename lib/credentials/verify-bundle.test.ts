import { describe, expect, it } from "vitest";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { generateEd25519, signEd25519 } from "@/lib/crypto/ed25519-node";
import { encodeEntry, type LedgerEntry } from "@/lib/ledger/entry";
import { checkpointBody, noteKeyHash, signNote } from "@/lib/ledger/note";
import { leafHash, TreeBuilder } from "@/lib/ledger/merkle";
import { issueSdJwt } from "./sd-jwt";
import { sdJwtDigest, verifyCredentialBundle, type CredentialBundle, type PublishedKey } from "./verify-bundle";

const b = nodeBackend;
const keyPair = (name: string, department: string, role: PublishedKey["role"]) => {
  const k = generateEd25519();
  const published: PublishedKey = { name, department, role, status: "active", publicKey: toBase64(k.publicKey), validFrom: "2026-01-01T00:00:00Z", validUntil: null };
  return { ...k, name, published, keyHash: noteKeyHash(b, name, k.publicKey), sign: (m: Uint8Array) => signEd25519(k.seed, m) };
};

const log = keyPair("deedchain-log", "registry", "log");
const registry = keyPair("deedchain-registry", "registry", "department");
const tax = keyPair("deedchain-tax", "tax", "department");
const police = keyPair("deedchain-police", "police", "department");
const credential = keyPair("deedchain-credential", "registry", "credential");
const keys = [log, registry, tax, police, credential].map((k) => k.published);

/** A five-entry ledger whose entry 3 issues credential `cred-0001`. */
function buildBundle(): CredentialBundle & { jws: string } {
  const issued = issueSdJwt({
    backend: b,
    keyName: credential.name,
    visibleClaims: { credentialId: "cred-0001", unitNumber: "431302001001GB00001F00010001", ledgerSeq: 3 },
    disclosableClaims: { holderName: "张伟" },
    sign: credential.sign,
  });
  const tree = new TreeBuilder(b);
  const leaves: Uint8Array[] = [];
  const texts: string[] = [];
  let prev = "";
  for (let seq = 0; seq < 5; seq++) {
    const entry: LedgerEntry = {
      v: 1,
      seq,
      type: seq === 3 ? "credential.issued" : "application.submitted",
      contract: "registration@1",
      department: "registry",
      actor: "actor-1",
      time: `2026-11-0${seq + 1}T08:00:00Z`,
      subject: "app-1",
      payload: seq === 3 ? { credentialId: "cred-0001", sdJwtSha256: sdJwtDigest(b, issued.jws) } : {},
      prev,
    };
    const text = encodeEntry(entry);
    const leaf = leafHash(b, utf8Encode(text));
    texts.push(text);
    leaves.push(leaf);
    tree.append(leaf);
    prev = toBase64(leaf);
  }
  // Audit path for leaf 3 in a 5-leaf tree: [leaf2, h(leaf0,leaf1), leaf4].
  const n = (l: Uint8Array, r: Uint8Array) => b.sha256(new Uint8Array([1, ...l, ...r]));
  const proof = [leaves[2]!, n(leaves[0]!, leaves[1]!), leaves[4]!];
  const checkpoint = signNote(checkpointBody("deedchain.test/ledger", 5, tree.root()), [log, tax, police]);
  return {
    jws: issued.jws,
    answer: {
      id: "cred-0001",
      status: "valid",
      sdJwt: issued.sdJwt,
      ledger: { seq: 3, checkpoint, inclusionProof: { seq: 3, treeSize: 5, leafHash: toBase64(leaves[3]!), proof: proof.map(toBase64) } },
    },
    keys,
    entry: { seq: 3, entry: texts[3]!, leafHash: toBase64(leaves[3]!), signature: toBase64(registry.sign(utf8Encode(texts[3]!))), keyName: registry.name },
    disclosures: [issued.disclosures[0]!.encoded],
  };
}

describe("credential proof bundle", () => {
  it("is authentic on both backends, with the disclosed holder name", () => {
    const bundle = buildBundle();
    for (const backend of [nodeBackend, nobleBackend]) {
      const v = verifyCredentialBundle(backend, bundle, { quorum: 2 });
      expect(v.checks.map((c) => [c.check, c.ok])).toEqual([["sdJwt", true], ["entry", true], ["inclusion", true], ["checkpoint", true]]);
      expect(v.authentic).toBe(true);
      expect(v.disclosed).toEqual({ holderName: "张伟" });
      expect(v.cosigners).toEqual([tax.name, police.name]);
    }
  });

  it("names the failing check for each kind of tampering", () => {
    const reasonOf = (bundle: CredentialBundle, quorum = 2) => {
      const v = verifyCredentialBundle(b, bundle, { quorum });
      expect(v.authentic).toBe(false);
      return v.checks.find((c) => !c.ok)!.check;
    };
    const edited = buildBundle();
    edited.entry.entry = edited.entry.entry.replace("08:00:00Z", "09:00:00Z");
    expect(reasonOf(edited)).toBe("entry");

    const otherCredential = buildBundle();
    otherCredential.answer.sdJwt = buildBundle().answer.sdJwt; // validly signed, but not the one logged
    otherCredential.disclosures = [];
    expect(reasonOf(otherCredential)).toBe("entry");

    const badProof = buildBundle();
    badProof.answer.ledger.inclusionProof.proof.reverse();
    expect(reasonOf(badProof)).toBe("inclusion");

    expect(reasonOf(buildBundle(), 3)).toBe("checkpoint");

    const forgedCheckpoint = buildBundle();
    forgedCheckpoint.answer.ledger.checkpoint = forgedCheckpoint.answer.ledger.checkpoint.replace("\n5\n", "\n6\n");
    expect(reasonOf(forgedCheckpoint)).toBe("inclusion");

    const wrongKey = buildBundle();
    wrongKey.keys = wrongKey.keys.map((k) => (k.role === "credential" ? { ...k, publicKey: log.published.publicKey } : k));
    expect(reasonOf(wrongKey)).toBe("sdJwt");
  });

  it("refuses an entry signed by a department key after that key was retired (rotation)", () => {
    // The registry key was rotated on 2026-11-03: the issuing entry of 2026-11-04 carries a
    // valid signature by the retired key, which the verify page must not accept.
    const rotated = buildBundle();
    rotated.keys = rotated.keys.map((k) => (k.name === registry.name ? { ...k, status: "retired", validUntil: "2026-11-03T00:00:00Z" } : k));
    const verdict = verifyCredentialBundle(b, rotated, { quorum: 2 });
    expect(verdict.authentic).toBe(false);
    expect(verdict.checks.find((c) => c.check === "entry")).toEqual({ check: "entry", ok: false, reason: "the entry was signed outside its key's validity" });
    // Retired after the entry's time: the old signature still verifies.
    const later = buildBundle();
    later.keys = later.keys.map((k) => (k.name === registry.name ? { ...k, status: "retired", validUntil: "2026-11-05T00:00:00Z" } : k));
    expect(verifyCredentialBundle(b, later, { quorum: 2 }).authentic).toBe(true);
  });

  it("refuses a corrupted cosignature before the quorum, and a checkpoint without the log's line", () => {
    const corrupted = buildBundle();
    const lines = corrupted.answer.ledger.checkpoint.split("\n");
    // Lines: origin, size, root, "", log, tax, police, "" — flip one base64 character of tax's signature.
    const taxLine = lines.findIndex((l) => l.startsWith(`— ${tax.name} `));
    const sig = lines[taxLine]!;
    lines[taxLine] = sig.slice(0, -6) + (sig.at(-6) === "A" ? "B" : "A") + sig.slice(-5);
    corrupted.answer.ledger.checkpoint = lines.join("\n");
    const v = verifyCredentialBundle(b, corrupted, { quorum: 2 });
    expect(v.authentic).toBe(false);
    expect(v.checks.find((c) => c.check === "checkpoint")).toMatchObject({ ok: false, reason: `the cosignature of ${tax.name} does not verify` });

    const unsigned = buildBundle();
    unsigned.answer.ledger.checkpoint = unsigned.answer.ledger.checkpoint
      .split("\n")
      .filter((l) => !l.startsWith(`— ${log.name} `))
      .join("\n");
    const u = verifyCredentialBundle(b, unsigned, { quorum: 2 });
    expect(u.checks.find((c) => c.check === "checkpoint")).toMatchObject({ ok: false, reason: "the checkpoint lacks the log's signature" });

    // Quorum 1 stops after the first cosignature: the verdict names only what it checked.
    expect(verifyCredentialBundle(b, buildBundle(), { quorum: 1 }).cosigners).toEqual([tax.name]);
  });
});
