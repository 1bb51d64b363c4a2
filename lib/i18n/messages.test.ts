import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";
import { loadMessages, MESSAGES_DIR, type Messages } from "./messages";

/** "ns.key.sub" for every leaf string. */
function leaves(messages: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(name, value);
    else for (const [k, v] of leaves(value, name)) out.set(k, v);
  }
  return out;
}

describe("messages", () => {
  it("has the same namespace files in every locale", () => {
    const files = LOCALES.map((l) => readdirSync(path.join(MESSAGES_DIR, l)).sort());
    for (const f of files) expect(f).toEqual(files[0]);
  });

  it("has the same keys in zh-CN and English, none empty", () => {
    const [zh, en] = LOCALES.map((l) => leaves(loadMessages(l)));
    expect([...zh!.keys()].filter((k) => !en!.has(k))).toEqual([]);
    expect([...en!.keys()].filter((k) => !zh!.has(k))).toEqual([]);
    for (const table of [zh!, en!]) expect([...table].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
  });

  it("keeps Chinese text out of the English messages", () => {
    const en = leaves(loadMessages("en"));
    // The language switch names 中文 in its own script on purpose.
    const mixed = [...en].filter(([k, v]) => /[\u4e00-\u9fff]/.test(v) && !k.startsWith("language."));
    expect(mixed.map(([k]) => k)).toEqual([]);
  });
});
