// Reading a credential PDF back the way a verifier's tools would, for tests (vitest and
// Playwright): the QR image decoded by an independent reader (jsQR, not the library that drew
// it), and the text a PDF viewer would extract (through each font's ToUnicode map).
import { inflateSync } from "node:zlib";
import jsQR from "jsqr";
import { PDFDocument, PDFName, PDFNumber, PDFRawStream } from "pdf-lib";
import { PNG } from "pngjs";

export interface PdfImage {
  width: number;
  height: number;
  /** RGBA, 8 bits a channel, row by row: what a canvas or jsQR takes. */
  rgba: Uint8ClampedArray;
}

/** Every image XObject in the PDF, its pixels rebuilt: pdf-lib stores a PNG's pixels as raw
 * DeviceRGB / DeviceGray samples under FlateDecode (the alpha goes to a separate SMask). */
export async function pdfImages(bytes: Uint8Array): Promise<PdfImage[]> {
  const doc = await PDFDocument.load(bytes);
  const images: PdfImage[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const dict = object.dict;
    if (dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    const width = (dict.get(PDFName.of("Width")) as PDFNumber).asNumber();
    const height = (dict.get(PDFName.of("Height")) as PDFNumber).asNumber();
    const bits = (dict.get(PDFName.of("BitsPerComponent")) as PDFNumber).asNumber();
    const filter = dict.get(PDFName.of("Filter"));
    const colorSpace = dict.get(PDFName.of("ColorSpace"));
    if (bits !== 8) throw new Error(`image with ${bits} bits per component`);
    const samples = filter === PDFName.of("FlateDecode") ? inflateSync(object.contents) : Buffer.from(object.contents);
    const channels = colorSpace === PDFName.of("DeviceRGB") ? 3 : colorSpace === PDFName.of("DeviceGray") ? 1 : 0;
    if (channels === 0) throw new Error(`image in colour space ${String(colorSpace)}`);
    if (samples.length !== width * height * channels) throw new Error(`image of ${width}×${height}×${channels} has ${samples.length} bytes`);
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      rgba[i * 4] = samples[i * channels]!;
      rgba[i * 4 + 1] = samples[i * channels + (channels === 3 ? 1 : 0)]!;
      rgba[i * 4 + 2] = samples[i * channels + (channels === 3 ? 2 : 0)]!;
      rgba[i * 4 + 3] = 255;
    }
    images.push({ width, height, rgba });
  }
  return images;
}

/** The text of the first QR code found in the PDF's images, read by jsQR; null when none decodes. */
export async function decodePdfQr(bytes: Uint8Array): Promise<string | null> {
  for (const image of await pdfImages(bytes)) {
    const code = jsQR(image.rgba, image.width, image.height);
    if (code) return code.data;
  }
  return null;
}

/** An image as PNG bytes (e.g. to upload it as "a photo of the QR code"). */
export function pngOf(image: PdfImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength);
  return PNG.sync.write(png);
}

/** Every content stream, inflated. */
function streams(bytes: Uint8Array): string[] {
  return [...Buffer.from(bytes).toString("latin1").matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
    } catch {
      return m[1]!;
    }
  });
}

/** The characters the PDF's embedded fonts can show, from their ToUnicode maps: what a
 * viewer's copy-and-paste or a screen reader gets back. */
export function pdfUnicodeChars(bytes: Uint8Array): Set<string> {
  const chars = new Set<string>();
  const utf16 = (hex: string) => Buffer.from(hex, "hex").swap16().toString("utf16le");
  for (const cmap of streams(bytes).filter((x) => x.includes("begincmap"))) {
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const line of block[1]!.split("\n")) {
        const m = /^\s*<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>\s*$/.exec(line);
        if (m) chars.add(utf16(m[1]!));
      }
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const line of block[1]!.split("\n")) {
        const m = /^\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*$/.exec(line);
        if (!m) continue;
        const first = utf16(m[3]!).codePointAt(0)!;
        for (let i = 0; i <= parseInt(m[2]!, 16) - parseInt(m[1]!, 16); i++) chars.add(String.fromCodePoint(first + i));
      }
    }
  }
  return chars;
}
