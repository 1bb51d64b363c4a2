import { compactVerify, importJWK } from "jose";
import { describe, expect, it } from "vitest";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { fromBase64Url, toBase64Url, utf8Decode, utf8Encode } from "@/lib/crypto/bytes";
import { generateEd25519, signEd25519 } from "@/lib/crypto/ed25519-node";
import { issueSdJwt, verifySdJwt } from "./sd-jwt";

const key = generateEd25519();

function issue() {
  return issueSdJwt({
    backend: nodeBackend,
    keyName: "deedchain-credential-test",
    visibleClaims: { credentialId: "cred-000001", unitNumber: "431302001001GB00001F00010001", status: { registered: true } },
    disclosableClaims: { holderName: "张伟", holderId: "431302198503150016" },
    sign: (input) => signEd25519(key.seed, input),
  });
}

describe("SD-JWT (RFC 9901)", () => {
  it("verifies with an independent JOSE library, and the disclosures hash to the _sd digests", async () => {
    const issued = issue();
    const jwk = await importJWK({ kty: "OKP", crv: "Ed25519", x: toBase64Url(key.publicKey) }, "EdDSA");
    const { payload, protectedHeader } = await compactVerify(issued.jws, jwk);
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", typ: "dc+sd-jwt" });
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(claims._sd_alg).toBe("sha-256");
    expect(claims.holderName).toBeUndefined();
    const { createHash } = await import("node:crypto");
    for (const d of issued.disclosures) {
      expect(claims._sd).toContain(createHash("sha256").update(d.encoded).digest("base64url"));
    }
  });

  it("reveals only what was disclosed, on both backends", () => {
    const issued = issue();
    const nameOnly = `${issued.jws}~${issued.disclosures.find((d) => d.name === "holderName")!.encoded}~`;
    for (const backend of [nodeBackend, nobleBackend]) {
      const bare = verifySdJwt(backend, issued.sdJwt, key.publicKey);
      expect(bare).toMatchObject({ ok: true, disclosed: {} });
      const partial = verifySdJwt(backend, nameOnly, key.publicKey);
      expect(partial).toMatchObject({ ok: true, disclosed: { holderName: "张伟" } });
      expect(partial.ok && "holderId" in partial.disclosed).toBe(false);
    }
  });

  it("refuses an edited payload, a foreign disclosure, a duplicate and a wrong key", () => {
    const issued = issue();
    const [h, p, s] = issued.jws.split(".") as [string, string, string];
    const edited = JSON.parse(utf8Decode(fromBase64Url(p)));
    edited.status.registered = false;
    const tampered = `${h}.${toBase64Url(utf8Encode(JSON.stringify(edited)))}.${s}~`;
    expect(verifySdJwt(nodeBackend, tampered, key.publicKey)).toMatchObject({ ok: false, reason: "BAD_SIGNATURE" });

    const foreign = toBase64Url(utf8Encode(JSON.stringify(["c2FsdA", "holderName", "李四"])));
    expect(verifySdJwt(nodeBackend, `${issued.jws}~${foreign}~`, key.publicKey)).toMatchObject({ ok: false, reason: "UNKNOWN_DISCLOSURE" });

    const d = issued.disclosures[0]!.encoded;
    expect(verifySdJwt(nodeBackend, `${issued.jws}~${d}~${d}~`, key.publicKey)).toMatchObject({ ok: false, reason: "DUPLICATE_DISCLOSURE" });

    expect(verifySdJwt(nodeBackend, issued.sdJwt, generateEd25519().publicKey)).toMatchObject({ ok: false, reason: "BAD_SIGNATURE" });
    expect(verifySdJwt(nodeBackend, "garbage~", key.publicKey)).toMatchObject({ ok: false, reason: "MALFORMED" });
  });
});
