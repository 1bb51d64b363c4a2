import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  bytesEqual,
  concatBytes,
  fromBase64,
  fromBase64Url,
  fromHex,
  toBase64,
  toBase64Url,
  toHex,
  utf8Decode,
  utf8Encode,
} from "./bytes";

const enc = (s: string) => new TextEncoder().encode(s);

describe("base64 (RFC 4648 §4, padded)", () => {
  // RFC 4648 §10 test vectors.
  const vectors: Array<[string, string]> = [
    ["", ""],
    ["f", "Zg=="],
    ["fo", "Zm8="],
    ["foo", "Zm9v"],
    ["foob", "Zm9vYg=="],
    ["fooba", "Zm9vYmE="],
    ["foobar", "Zm9vYmFy"],
  ];
  it.each(vectors)("%j ↔ %j", (plain, encoded) => {
    expect(toBase64(enc(plain))).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(enc(plain));
  });

  it("matches Buffer on random data and round-trips", () => {
    for (let len = 0; len < 100; len++) {
      const data = new Uint8Array(randomBytes(len));
      const text = toBase64(data);
      expect(text).toBe(Buffer.from(data).toString("base64"));
      expect(fromBase64(text)).toEqual(data);
      expect(toBase64Url(data)).toBe(Buffer.from(data).toString("base64url"));
      expect(fromBase64Url(toBase64Url(data))).toEqual(data);
    }
  });

  it.each([
    ["Zg", "missing padding"],
    ["Zg=", "short padding"],
    ["Zg===", "too much padding"],
    ["Zh==", "non-zero trailing bits"],
    ["Zm9=", "non-zero trailing bits (2 bytes)"],
    ["Zm 9v", "whitespace"],
    ["Zm9v\n", "newline"],
    ["Zm-v", "url alphabet"],
    ["Z===", "impossible padding"],
    ["=Zm9", "padding first"],
    ["Zm=v", "padding in the middle"],
    ["Zm9vü===", "non-ASCII"],
  ])("rejects %j (%s)", (text) => {
    expect(() => fromBase64(text)).toThrow();
  });

  it.each(["Zg==", "Zh", "a+b/", "Zm9vY"])("base64url rejects %j", (text) => {
    expect(() => fromBase64Url(text)).toThrow();
  });
});

describe("hex", () => {
  it("round-trips lowercase and accepts uppercase input", () => {
    expect(toHex(Uint8Array.from([0, 1, 171, 255]))).toBe("0001abff");
    expect(fromHex("0001ABff")).toEqual(Uint8Array.from([0, 1, 171, 255]));
  });
  it.each(["0", "zz", "0x00", " 00"])("rejects %j", (text) => {
    expect(() => fromHex(text)).toThrow();
  });
});

describe("utf8", () => {
  it("round-trips non-ASCII text and keeps a leading BOM", () => {
    const text = "\uFEFF不动产 — ok 😀";
    expect(utf8Decode(utf8Encode(text))).toBe(text);
  });
  it("refuses malformed UTF-8 and lone surrogates", () => {
    expect(() => utf8Decode(Uint8Array.from([0xc3, 0x28]))).toThrow();
    expect(() => utf8Decode(Uint8Array.from([0xed, 0xa0, 0x80]))).toThrow();
    expect(() => utf8Encode("a\uD800b")).toThrow();
  });
});

describe("concatBytes / bytesEqual", () => {
  it("concatenates in order", () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
  });
  it("compares contents and lengths", () => {
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
  });
});
