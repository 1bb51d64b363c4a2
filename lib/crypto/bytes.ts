// Byte helpers shared by the server, the CLI and the browser: plain Uint8Array, no Buffer,
// no node: imports. Base64 is RFC 4648 §4 (standard alphabet, `=` padding) as DESIGN.md §5
// requires, and §5 (URL-safe alphabet, no padding) for SD-JWT parts. Decoders are strict:
// anything a conforming encoder would not have produced (bad characters, missing or extra
// padding, non-zero trailing bits, whitespace) throws, so one value has exactly one text form.

const STD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function decodeTable(alphabet: string): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const STD_DECODE = decodeTable(STD_ALPHABET);
const URL_DECODE = decodeTable(URL_ALPHABET);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = "";
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + alphabet[v & 63]!;
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const v = bytes[full]! << 16;
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + (pad ? "==" : "");
  } else if (rest === 2) {
    const v = (bytes[full]! << 16) | (bytes[full + 1]! << 8);
    out += alphabet[v >> 18]! + alphabet[(v >> 12) & 63]! + alphabet[(v >> 6) & 63]! + (pad ? "=" : "");
  }
  return out;
}

function decode(text: string, table: Int16Array, padded: boolean, label: string): Uint8Array {
  if (typeof text !== "string") throw new TypeError(`${label}: expected a string`);
  let body = text;
  if (padded) {
    if (text.length % 4 !== 0) throw new Error(`${label}: length is not a multiple of 4`);
    if (text.endsWith("==")) body = text.slice(0, -2);
    else if (text.endsWith("=")) body = text.slice(0, -1);
  } else if (text.length % 4 === 1) {
    throw new Error(`${label}: impossible length`);
  }
  const rest = body.length % 4;
  if (padded && rest === 1) throw new Error(`${label}: bad padding`);
  const out = new Uint8Array(Math.floor(body.length / 4) * 3 + (rest === 0 ? 0 : rest - 1));
  const sextet = (i: number): number => {
    const c = body.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0) throw new Error(`${label}: invalid character at ${i}`);
    return v;
  };
  let o = 0;
  const full = body.length - rest;
  for (let i = 0; i < full; i += 4) {
    const v = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
    out[o++] = v & 255;
  }
  if (rest === 2) {
    const v = (sextet(full) << 18) | (sextet(full + 1) << 12);
    if (v & 0xffff) throw new Error(`${label}: non-canonical trailing bits`);
    out[o++] = v >> 16;
  } else if (rest === 3) {
    const v = (sextet(full) << 18) | (sextet(full + 1) << 12) | (sextet(full + 2) << 6);
    if (v & 0xff) throw new Error(`${label}: non-canonical trailing bits`);
    out[o++] = v >> 16;
    out[o++] = (v >> 8) & 255;
  }
  return out;
}

/** RFC 4648 §4 base64, standard alphabet, with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  return encode(bytes, STD_ALPHABET, true);
}

/** Strict inverse of toBase64: throws on anything toBase64 could not have produced. */
export function fromBase64(text: string): Uint8Array {
  return decode(text, STD_DECODE, true, "base64");
}

/** RFC 4648 §5 base64url without padding (JWS, SD-JWT). */
export function toBase64Url(bytes: Uint8Array): string {
  return encode(bytes, URL_ALPHABET, false);
}

/** Strict inverse of toBase64Url: no padding, no standard-alphabet characters. */
export function fromBase64Url(text: string): Uint8Array {
  return decode(text, URL_DECODE, false, "base64url");
}

const encoder = new TextEncoder();

/** True when the string cannot be encoded as UTF-8 without loss. */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}
// fatal: invalid UTF-8 throws instead of becoming U+FFFD; ignoreBOM: a leading BOM is kept,
// so decoding never silently drops bytes that were hashed or signed.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string. Lone surrogates would become U+FFFD, so they are refused. */
export function utf8Encode(text: string): Uint8Array {
  if (hasLoneSurrogate(text)) throw new Error("utf8Encode: string has a lone surrogate");
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: throws on malformed input. */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Equality of contents. Not constant-time: only for public values (hashes, signatures). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

/** Strict hex: even length, [0-9a-fA-F] only. */
export function fromHex(text: string): Uint8Array {
  if (typeof text !== "string" || text.length % 2 !== 0) throw new Error("hex: odd length");
  if (!/^[0-9a-fA-F]*$/.test(text)) throw new Error("hex: invalid character");
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
