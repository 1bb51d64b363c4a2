// Chinese text in the credential PDF. Noto Sans SC (SIL Open Font License 1.1, from the
// `noto-sans-sc` npm package, installed with the app: no download at run time) ships as ~100
// WOFF2 files, each covering a unicode-range, as browsers load it. For a page we embed only
// the files whose ranges hold the characters on it, each subsetted by pdf-lib + fontkit to
// the glyphs used, so a credential stays a few tens of kB.
import { readFileSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont, PDFPage, RGB } from "pdf-lib";

const FONT_DIR = path.join(process.cwd(), "node_modules", "noto-sans-sc", "noto_sans_sc_regular");

interface Face {
  file: string;
  ranges: [number, number][];
}

let faces: Face[] | null = null;
const fileBytes = new Map<string, Uint8Array>();

/** The @font-face rules of the package's stylesheet: one WOFF2 file per unicode-range list. */
function loadFaces(): Face[] {
  if (faces) return faces;
  const css = readFileSync(path.join(FONT_DIR, "css.css"), "utf8");
  faces = [...css.matchAll(/src:\s*url\(([^)]+)\)[^;]*;\s*unicode-range:\s*([^;]+);/g)].map((m) => ({
    file: m[1]!.replace(/['"]/g, ""),
    ranges: m[2]!.split(",").map((r) => {
      const [lo, hi = lo] = r.trim().replace(/^U\+/i, "").split("-");
      return [parseInt(lo!, 16), parseInt(hi!, 16)] as [number, number];
    }),
  }));
  if (faces.length === 0) throw new Error(`no @font-face rules in ${FONT_DIR}/css.css`);
  return faces;
}

function faceOf(codePoint: number): Face | undefined {
  return loadFaces().find((f) => f.ranges.some(([lo, hi]) => codePoint >= lo && codePoint <= hi));
}

/** Text drawn in Noto Sans SC, whatever mix of Chinese and Latin it holds. */
export class CjkText {
  private readonly embedded = new Map<string, PDFFont>();

  private constructor(
    private readonly doc: PDFDocument,
    /** For characters no Noto file covers (none in practice): drawn as "?". */
    private readonly fallback: PDFFont,
  ) {}

  static async forDocument(doc: PDFDocument, fallback: PDFFont): Promise<CjkText> {
    doc.registerFontkit(fontkit);
    return new CjkText(doc, fallback);
  }

  /** Consecutive characters that share a font file. */
  private async runs(text: string): Promise<{ font: PDFFont; text: string }[]> {
    const runs: { font: PDFFont; text: string }[] = [];
    for (const ch of text) {
      const face = faceOf(ch.codePointAt(0)!);
      const font = face ? await this.fontFor(face) : this.fallback;
      const shown = face ? ch : "?";
      const last = runs.at(-1);
      if (last && last.font === font) last.text += shown;
      else runs.push({ font, text: shown });
    }
    return runs;
  }

  private async fontFor(face: Face): Promise<PDFFont> {
    const ready = this.embedded.get(face.file);
    if (ready) return ready;
    let bytes = fileBytes.get(face.file);
    if (!bytes) {
      bytes = readFileSync(path.join(FONT_DIR, face.file));
      fileBytes.set(face.file, bytes);
    }
    const font = await this.doc.embedFont(bytes, { subset: true });
    this.embedded.set(face.file, font);
    return font;
  }

  async width(text: string, size: number): Promise<number> {
    let width = 0;
    for (const run of await this.runs(text)) width += run.font.widthOfTextAtSize(run.text, size);
    return width;
  }

  async draw(page: PDFPage, text: string, options: { x: number; y: number; size: number; color: RGB }): Promise<number> {
    let x = options.x;
    for (const run of await this.runs(text)) {
      page.drawText(run.text, { x, y: options.y, size: options.size, font: run.font, color: options.color });
      x += run.font.widthOfTextAtSize(run.text, options.size);
    }
    return x - options.x;
  }
}
