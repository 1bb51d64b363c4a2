// The two Ed25519/SHA-256 backends must agree on every input (DESIGN.md §3): the server
// audits with node:crypto, the browser verify page with noble, and a signature one accepts
// and the other refuses would make the same ledger verify in one place and not the other.
import { randomBytes, verify as opensslVerify, createPublicKey } from "node:crypto";
import { ed25519, ED25519_TORSION_SUBGROUP } from "@noble/curves/ed25519.js";
import { sha512 } from "@noble/hashes/sha2.js";
import { describe, expect, it } from "vitest";
import { ED25519_L, ed25519PublicKeyAcceptable, littleEndianToBigInt, type CryptoBackend } from "./backend";
import { nobleBackend } from "./backend-noble";
import { nodeBackend } from "./backend-node";
import { concatBytes, fromHex, toHex } from "./bytes";
import { ed25519Signer, generateEd25519, publicKeyFromSeed, signEd25519 } from "./ed25519-node";
import rfc8032 from "./testdata/rfc8032-ed25519.json";

const backends: CryptoBackend[] = [nodeBackend, nobleBackend];
const P = 2n ** 255n - 19n;
const Point = ed25519.Point;

function bigIntToLittleEndian(value: bigint, length = 32): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return out;
}

function bothSay(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  const node = nodeBackend.ed25519Verify(signature, message, publicKey);
  const noble = nobleBackend.ed25519Verify(signature, message, publicKey);
  if (node !== noble) {
    throw new Error(`backends disagree (node ${node}, noble ${noble}) on sig ${toHex(signature)} msg ${toHex(message)} key ${toHex(publicKey)}`);
  }
  return node;
}

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[bit >> 3] = copy[bit >> 3]! ^ (1 << (bit & 7));
  return copy;
}

/** Signs with an arbitrary nonce point R = [r]B + T, as a dishonest key holder could. */
function signWithTorsion(seed: Uint8Array, message: Uint8Array, torsionHex: string, publicKey?: Uint8Array) {
  const { scalar } = ed25519.utils.getExtendedPublicKey(seed);
  const A = publicKey ?? publicKeyFromSeed(seed);
  const r = littleEndianToBigInt(randomBytes(64)) % ED25519_L;
  const R = Point.BASE.multiply(r).add(Point.fromHex(torsionHex)).toBytes();
  const k = littleEndianToBigInt(sha512(concatBytes(R, A, message))) % ED25519_L;
  const S = (r + k * scalar) % ED25519_L;
  return concatBytes(R, bigIntToLittleEndian(S));
}

describe("SHA-256", () => {
  it.each(backends)("$name matches the FIPS 180-2 examples", (b) => {
    expect(toHex(b.sha256(new Uint8Array()))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(b.sha256(new TextEncoder().encode("abc")))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("both backends agree on random inputs", () => {
    for (let len = 0; len < 300; len += 7) {
      const data = new Uint8Array(randomBytes(len));
      expect(toHex(nodeBackend.sha256(data))).toBe(toHex(nobleBackend.sha256(data)));
    }
  });
});

describe("Ed25519 RFC 8032 §7.1", () => {
  for (const v of rfc8032.vectors) {
    it(`${v.name}: signing reproduces the signature and both backends accept it`, () => {
      const seed = fromHex(v.seed);
      expect(toHex(publicKeyFromSeed(seed))).toBe(v.publicKey);
      expect(toHex(signEd25519(seed, fromHex(v.message)))).toBe(v.signature);
      expect(toHex(ed25519Signer(seed)(fromHex(v.message)))).toBe(v.signature);
      expect(bothSay(fromHex(v.signature), fromHex(v.message), fromHex(v.publicKey))).toBe(true);
    });
  }
});

describe("node:crypto and noble accept and reject exactly the same inputs", () => {
  it("random valid signatures verify in both", () => {
    for (let i = 0; i < 50; i++) {
      const { seed, publicKey } = generateEd25519();
      const message = new Uint8Array(randomBytes(i * 3));
      expect(bothSay(signEd25519(seed, message), message, publicKey)).toBe(true);
    }
  });

  it("every single-bit flip of signature, message and key", () => {
    const { seed, publicKey } = generateEd25519();
    const message = new Uint8Array(randomBytes(24));
    const signature = signEd25519(seed, message);
    let accepted = 0;
    for (let bit = 0; bit < 512; bit++) if (bothSay(flipBit(signature, bit), message, publicKey)) accepted++;
    for (let bit = 0; bit < message.length * 8; bit++) if (bothSay(signature, flipBit(message, bit), publicKey)) accepted++;
    for (let bit = 0; bit < 256; bit++) if (bothSay(signature, message, flipBit(publicKey, bit))) accepted++;
    expect(accepted).toBe(0);
  });

  it("S + L (malleated signature) is refused by both", () => {
    const { seed, publicKey } = generateEd25519();
    const message = new Uint8Array(randomBytes(10));
    const signature = signEd25519(seed, message);
    const s = littleEndianToBigInt(signature.subarray(32));
    const malleated = concatBytes(signature.subarray(0, 32), bigIntToLittleEndian(s + ED25519_L));
    expect(bothSay(malleated, message, publicKey)).toBe(false);
  });

  it("non-canonical public key encodings (y ≥ p) are refused by both", () => {
    const message = new Uint8Array([1, 2, 3]);
    const signature = new Uint8Array(randomBytes(64));
    signature[63] = 0;
    for (let i = 0n; i < 19n; i++) {
      for (const sign of [0n, 1n << 255n]) {
        const key = bigIntToLittleEndian(P + i + sign);
        expect(ed25519PublicKeyAcceptable(key)).toBe(false);
        expect(bothSay(signature, message, key)).toBe(false);
      }
    }
  });

  it("non-canonical R encodings are refused by both", () => {
    const { seed, publicKey } = generateEd25519();
    const message = new Uint8Array(randomBytes(8));
    const s = signEd25519(seed, message).subarray(32);
    for (let i = 0n; i < 19n; i++) {
      for (const sign of [0n, 1n << 255n]) {
        expect(bothSay(concatBytes(bigIntToLittleEndian(P + i + sign), s), message, publicKey)).toBe(false);
      }
    }
  });

  it("small-order public keys are refused by both, even where plain OpenSSL would accept", () => {
    const message = new Uint8Array(randomBytes(16));
    const zeroS = new Uint8Array(32);
    let opensslAccepted = 0;
    for (const torsionHex of ED25519_TORSION_SUBGROUP) {
      const canonical = fromHex(torsionHex);
      const withSign = Uint8Array.from(canonical);
      withSign[31] = withSign[31]! ^ 0x80;
      for (const key of [canonical, withSign]) {
        expect(ed25519PublicKeyAcceptable(key)).toBe(false);
        for (const rHex of ED25519_TORSION_SUBGROUP) {
          const signature = concatBytes(fromHex(rHex), zeroS);
          expect(bothSay(signature, message, key)).toBe(false);
          try {
            const spki = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), key]);
            if (opensslVerify(null, message, createPublicKey({ key: spki, format: "der", type: "spki" }), signature)) opensslAccepted++;
          } catch {
            // OpenSSL may refuse to load some encodings; that is a rejection too.
          }
        }
      }
    }
    // The reason for the rule: with the identity as key, (R = identity, S = 0) "signs" anything.
    expect(opensslAccepted).toBeGreaterThan(0);
  });

  it("signatures whose R has a torsion component: both refuse (noble's cofactored verify would accept)", () => {
    const { seed, publicKey } = generateEd25519();
    let cofactoredAccepted = 0;
    for (const torsionHex of ED25519_TORSION_SUBGROUP.slice(1)) {
      const message = new Uint8Array(randomBytes(12));
      const signature = signWithTorsion(seed, message, torsionHex);
      expect(bothSay(signature, message, publicKey)).toBe(false);
      if (ed25519.verify(signature, message, publicKey)) cofactoredAccepted++;
    }
    expect(cofactoredAccepted).toBe(ED25519_TORSION_SUBGROUP.length - 1);
  });

  it("public keys with a torsion component: both give the same answer per message", () => {
    const seed = new Uint8Array(randomBytes(32));
    const { scalar } = ed25519.utils.getExtendedPublicKey(seed);
    const order8 = ED25519_TORSION_SUBGROUP.find((h) => Point.fromHex(h).multiply(4n).is0() === false)!;
    const mixedKey = Point.BASE.multiply(scalar).add(Point.fromHex(order8)).toBytes();
    expect(ed25519PublicKeyAcceptable(mixedKey)).toBe(true);
    const results = { true: 0, false: 0 };
    for (let i = 0; i < 128; i++) {
      const message = new Uint8Array(randomBytes(12));
      const signature = signWithTorsion(seed, message, ED25519_TORSION_SUBGROUP[0]!, mixedKey);
      results[String(bothSay(signature, message, mixedKey)) as "true" | "false"]++;
    }
    // Cofactorless verification accepts exactly when 8 | k, about one message in eight.
    expect(results.true).toBeGreaterThan(0);
    expect(results.false).toBeGreaterThan(0);
  });

  it("wrong lengths and wrong types return false and never throw", () => {
    const { seed, publicKey } = generateEd25519();
    const message = new Uint8Array([7]);
    const signature = signEd25519(seed, message);
    const cases: Array<[unknown, unknown, unknown]> = [
      [signature.subarray(0, 63), message, publicKey],
      [concatBytes(signature, new Uint8Array(1)), message, publicKey],
      [new Uint8Array(), message, publicKey],
      [signature, message, publicKey.subarray(0, 31)],
      [signature, message, concatBytes(publicKey, new Uint8Array(1))],
      [signature, message, new Uint8Array()],
      ["not bytes", message, publicKey],
      [signature, "not bytes", publicKey],
      [signature, message, null],
    ];
    for (const [s, m, k] of cases) {
      for (const b of backends) {
        expect(b.ed25519Verify(s as Uint8Array, m as Uint8Array, k as Uint8Array)).toBe(false);
      }
    }
  });

  it("the byte-level small-order check covers every point of the torsion subgroup", () => {
    for (const hex of ED25519_TORSION_SUBGROUP) {
      expect(Point.fromHex(hex).isSmallOrder()).toBe(true);
      expect(ed25519PublicKeyAcceptable(fromHex(hex))).toBe(false);
    }
  });
});
