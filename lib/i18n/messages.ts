// Messages live one namespace to a file: lib/i18n/messages/<locale>/<namespace>.json, the
// file's name being the namespace (`t = useTranslations("verify")` reads verify.json). A new
// area adds its own file in both locales instead of editing a shared one;
// lib/i18n/messages.test.ts checks both locales carry the same keys.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { Locale } from "./config";

export type Messages = { [key: string]: string | Messages };

export const MESSAGES_DIR = path.join(process.cwd(), "lib", "i18n", "messages");

const cache = new Map<Locale, Messages>();

/** Every namespace of `locale`, read once per process (re-read on each call in development). */
export function loadMessages(locale: Locale): Messages {
  const cached = cache.get(locale);
  if (cached) return cached;
  const dir = path.join(MESSAGES_DIR, locale);
  const messages: Messages = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    messages[file.slice(0, -".json".length)] = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Messages;
  }
  if (env.NODE_ENV === "production") cache.set(locale, messages);
  return messages;
}
