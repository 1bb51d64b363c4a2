// RFC 8785 (JCS) examples: §3.2.2 (the sample object), §3.2.3 (sorting by UTF-16 code units)
// and Appendix B (number serialisation).
import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalJsonOfParsed } from "./canonical-json";

describe("canonicalJson (RFC 8785)", () => {
  it("§3.2.2: the RFC's sample object", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("§3.2.3: keys sorted by UTF-16 code units, recursively", () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    );
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [{ z: 0, y: 1 }] })).toBe('{"a":[{"y":1,"z":0}],"b":{"c":2,"d":1}}');
  });

  it.each([
    [0, "0"],
    [-0, "0"],
    [1e30, "1e+30"],
    [4.5, "4.5"],
    [0.002, "0.002"],
    [1e21, "1e+21"],
    [1e-7, "1e-7"],
    [123456789012345680000, "123456789012345680000"],
    [9007199254740991, "9007199254740991"],
    [-1.7976931348623157e308, "-1.7976931348623157e+308"],
    [5e-324, "5e-324"],
    [0.1 + 0.2, "0.30000000000000004"],
  ])("Appendix B number %d → %s", (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it("escapes only what JSON requires and keeps non-ASCII literal", () => {
    expect(canonicalJson("\u0000\u001f\u007f\u2028é😀\t")).toBe('"\\u0000\\u001f\u007f\u2028é😀\\t"');
  });

  it.each([
    ["undefined", undefined],
    ["undefined property", { a: undefined }],
    ["undefined in array", [1, undefined]],
    ["NaN", Number.NaN],
    ["Infinity", { a: Infinity }],
    ["bigint", 1n],
    ["function", () => 1],
    ["symbol", Symbol("x")],
    ["Date", new Date(0)],
    ["Map", new Map()],
    ["lone surrogate", "\uD800"],
    ["sparse array", [1, , 3]],
  ])("throws on %s", (_label, value) => {
    expect(() => canonicalJson(value)).toThrow();
  });

  it("throws on circular structures", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => canonicalJson(a)).toThrow();
  });

  it("allows the same object twice when it is not circular", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});

describe("canonicalJsonOfParsed", () => {
  it("matches canonicalJson on parsed JSON and refuses lone surrogates in values and keys", () => {
    const text = '{"b":[1,2.50,{"d":null,"c":"\\u00e9"}],"a":-0}';
    expect(canonicalJsonOfParsed(JSON.parse(text))).toBe(canonicalJson(JSON.parse(text)));
    expect(() => canonicalJsonOfParsed(JSON.parse('{"a":"\\ud800"}'))).toThrow();
    expect(() => canonicalJsonOfParsed(JSON.parse('{"\\udc00":1}'))).toThrow();
  });
});
