// Whether Next.js can decode a server-action payload (React's reply format) at all. Next
// answers a payload it cannot decode with 500 before any of our code runs, so proxy.ts asks
// this first and answers 400 with a sentence instead. Pure (no Node APIs).
//
// The reply format (react-server-dom's ReactFlightReplyServer, as Next 16.4 bundles it): the
// body is either one JSON text (Content-Type text/plain; in effect a form with only part "0")
// or a multipart form whose part "0" is the root JSON; the root is the array of the action's
// arguments. A string that starts with "$" is decoded by its second character:
// - "$", "H", "T", "K", "I", "-", "N", "u", "D": a value of its own (escape, undefined,
//   temporary reference, form-field prefix, Infinity, -0, NaN, undefined, date);
// - "n": a BigInt of at most 300 digits (more, or not digits, throws);
// - "B", "R", "r", "X", "x" and the typed arrays ("A O o U S s L l G g M m V"): a binary
//   or stream part, by hexadecimal number;
// - "@", "h", "Q", "W", "i", and anything else after "$": another JSON part by hexadecimal
//   number (optionally followed by ":path"), which decoding waits for until the body ends,
//   then fails.
// Next answers every failure with 500; these are the ones a payload shows on its face.

const OWN_VALUE = new Set(["$", "H", "T", "K", "I", "-", "N", "u", "D"]);
const BINARY_PART = new Set(["B", "R", "r", "X", "x", "A", "O", "o", "U", "S", "s", "L", "l", "G", "g", "M", "m", "V"]);
const JSON_PART_TAG = new Set(["@", "h", "Q", "W", "i"]);

/** The form's parts as React reads them: name → text, or null for a file. */
export type ReplyParts = ReadonlyMap<string, string | null>;

/** Why Next cannot decode this payload (a short English reason), or null when it may. */
export function actionPayloadProblem(parts: ReplyParts): string | null {
  if (typeof parts.get("0") !== "string") return "the payload has no root part";
  const seen = new Set<string>();
  const pending = ["0"];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const text = parts.get(name);
    if (typeof text !== "string") return `the payload refers to part ${name}, which it does not hold as text`;
    let model: unknown;
    try {
      model = JSON.parse(text);
    } catch {
      return name === "0" ? "the payload is not JSON" : `part ${name} is not JSON`;
    }
    if (name === "0" && !Array.isArray(model)) return "the payload's root is not a list of arguments";
    const problem = visit(model, parts, pending, 0);
    if (problem) return problem;
  }
  return null;
}

/** Checks the "$" strings in `model`, queueing the JSON parts they refer to. */
function visit(model: unknown, parts: ReplyParts, pending: string[], depth: number): string | null {
  if (depth > 64) return "the payload nests more than 64 levels deep";
  if (typeof model === "string") return model.startsWith("$") ? checkReference(model, parts, pending) : null;
  if (model === null || typeof model !== "object") return null;
  for (const value of Array.isArray(model) ? model : Object.values(model)) {
    const problem = visit(value, parts, pending, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function checkReference(value: string, parts: ReplyParts, pending: string[]): string | null {
  const tag = value[1] ?? "";
  if (OWN_VALUE.has(tag)) return null;
  if (tag === "n") return /^-?\d{1,300}$/.test(value.slice(2)) ? null : `"${value.slice(0, 40)}" is not a whole number of at most 300 digits`;
  const binary = BINARY_PART.has(tag);
  const hex = (binary || JSON_PART_TAG.has(tag) ? value.slice(2) : value.slice(1)).split(":")[0]!;
  if (!/^[0-9a-fA-F]{1,8}$/.test(hex)) return `"${value.slice(0, 40)}" refers to no part`;
  const name = String(parseInt(hex, 16));
  if (!parts.has(name)) return `the payload refers to part ${name}, which it does not hold`;
  if (!binary) pending.push(name);
  return null;
}

/** The parts of a text (one JSON) payload. */
export function textReplyParts(body: string): ReplyParts {
  return new Map([["0", body]]);
}

/** The parts of a multipart payload: text parts by name (a repeated name keeps the first, as FormData.get does). */
export function formReplyParts(form: FormData): ReplyParts {
  const parts = new Map<string, string | null>();
  for (const [name, value] of form.entries()) if (!parts.has(name)) parts.set(name, typeof value === "string" ? value : null);
  return parts;
}
