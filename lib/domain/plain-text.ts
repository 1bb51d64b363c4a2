// Text typed by a person (names, notes, case numbers, file names) must look like what it is.
// Refused: control characters (NUL and friends; tab and line breaks are allowed in notes),
// bidirectional controls that reorder what is shown — U+202E RIGHT-TO-LEFT OVERRIDE turns
// "invoice‮fdp.exe" into "invoiceexe.pdf" (Unicode TR #36 §2.1, CVE-2021-42574 "Trojan
// Source") — and zero-width characters that make two different strings look the same.
import { z } from "zod";

// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/u;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\t\n\r]/;

/** Whether the text carries a character that is invisible or rearranges what is shown. */
export function hasHiddenCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return HIDDEN.test(text) || (!options.multiline && LINE_BREAKS.test(text));
}

/**
 * A trimmed single-line (or, with `multiline`, multi-line) text field; hidden characters are
 * refused with the `errors.hiddenCharacters` message (lib/i18n/messages/<locale>/errors.json).
 */
export function plainText(options: { min?: number; max: number; multiline?: boolean; minMessage?: string }) {
  const base = z.string().trim();
  const sized = options.min !== undefined ? base.min(options.min, options.minMessage) : base;
  return sized.max(options.max).refine((text) => !hasHiddenCharacters(text, { multiline: options.multiline }), "hiddenCharacters");
}
