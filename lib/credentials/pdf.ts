// The printable credential: an A4 PDF (pdf-lib) with a QR code (qrcode, ISO/IEC 18004)
// pointing to the public verify page `/verify/{id}` (DESIGN.md §6), in Chinese with English
// beside it. Chinese is drawn in Noto Sans SC, embedded and subsetted (cjk-font.ts); ids and
// the URL in Courier, so they read unambiguously.
//
// The QR code is embedded as a PNG image (8 px per module, 4-module quiet zone), the form a
// phone camera or any QR reader takes; pdf-lib stores its pixels Flate-compressed in an
// image XObject. PDF viewers draw images without interpolation by default, so it stays sharp.
import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import QRCode from "qrcode";
import { CjkText } from "./cjk-font";

/** The words on the paper, in one language (lib/i18n/messages/<locale>/credentialPdf.json). */
export interface CredentialPdfText {
  centre: string;
  title: string;
  labels: Record<"holders" | "credentialId" | "unitNumber" | "rights" | "area" | "use" | "district" | "issued" | "ledgerSeq" | "printedStatus", string>;
  /** With `{area}`. */
  areaValue: string;
  /** With `{district}`. */
  districtValue: string;
  flags: Record<"registered" | "mortgaged" | "seized" | "inTransaction" | "none", string>;
  uses: Record<string, string>;
  statuses: Record<"valid" | "superseded" | "revoked", string>;
  scan: string;
  note: string;
  privacy: string;
}

export interface CredentialPdfInput {
  credentialId: string;
  unitNumber: string;
  status: "valid" | "superseded" | "revoked";
  flags: { registered: boolean; mortgaged: boolean; seized: boolean; inTransaction: boolean };
  area: number;
  use: string;
  district: { zh: string; en: string };
  /** The right holders' names (the holder downloads their own credential). */
  holderNames: readonly string[];
  issuedAt: Date;
  ledgerSeq: number;
  /** Absolute URL of /verify/{id}: what the QR code encodes. */
  verifyUrl: string;
  text: { zh: CredentialPdfText; en: CredentialPdfText };
}

const INK = rgb(0.043, 0.047, 0.047);
const MUTED = rgb(0.31, 0.35, 0.37);
const BRAND = rgb(0.043, 0.239, 0.569);
const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const LEFT = 56;

/** The standard fonts encode WinAnsi only: anything else would throw, so replace it. */
function latin(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}

/** The QR symbol of `text` as a PNG: black modules on white, no smoothing needed. */
async function qrPng(text: string): Promise<Uint8Array> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 4, scale: 8, color: { dark: "#000000ff", light: "#ffffffff" } });
}

/** Greedy line breaking: at spaces for English, between any two characters for Chinese. */
async function wrap(text: string, maxWidth: number, measure: (line: string) => number | Promise<number>): Promise<string[]> {
  const lines: string[] = [];
  let line = "";
  for (const token of text.match(/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+/g) ?? []) {
    const next = line + token;
    if (line !== "" && (await measure(next.trimEnd())) > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line = next;
  }
  if (line.trim() !== "") lines.push(line.trimEnd());
  return lines;
}

export async function credentialPdf(input: CredentialPdfInput): Promise<Uint8Array> {
  const { zh, en } = input.text;
  const doc = await PDFDocument.create();
  doc.setTitle(`${zh.title} ${input.credentialId}`);
  doc.setSubject(latin(`Property unit ${input.unitNumber}`));
  doc.setLanguage("zh-CN");
  doc.setProducer("Deedchain");
  doc.setCreator(latin(`Deedchain - ${en.centre}`));
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const cjk = await CjkText.forDocument(doc, helvetica);

  page.drawRectangle({ x: 0, y: PAGE.height - 40, width: PAGE.width, height: 40, color: BRAND });
  await cjk.draw(page, zh.centre, { x: LEFT, y: PAGE.height - 26, size: 12, color: rgb(1, 1, 1) });
  await cjk.draw(page, zh.title, { x: LEFT, y: 750, size: 24, color: INK });
  page.drawText(latin(en.title), { x: LEFT, y: 730, size: 11, font: helvetica, color: MUTED });

  const flags = (["registered", "mortgaged", "seized", "inTransaction"] as const).filter((f) => input.flags[f]);
  const flagText = (t: CredentialPdfText) => (flags.length ? flags.map((f) => t.flags[f]) : [t.flags.none]);
  const area = input.area.toFixed(2);
  const rows: { label: keyof CredentialPdfText["labels"]; zh: string; en?: string; mono?: boolean }[] = [
    { label: "holders", zh: input.holderNames.join("、") },
    { label: "credentialId", zh: input.credentialId, mono: true },
    { label: "unitNumber", zh: input.unitNumber, mono: true },
    { label: "rights", zh: flagText(zh).join("、"), en: flagText(en).join(", ") },
    { label: "area", zh: zh.areaValue.replace("{area}", area), en: en.areaValue.replace("{area}", area) },
    { label: "use", zh: zh.uses[input.use] ?? input.use, en: en.uses[input.use] ?? input.use },
    { label: "district", zh: zh.districtValue.replace("{district}", input.district.zh), en: en.districtValue.replace("{district}", input.district.en) },
    { label: "issued", zh: input.issuedAt.toISOString().slice(0, 10), mono: true },
    { label: "ledgerSeq", zh: `#${input.ledgerSeq}`, mono: true },
    { label: "printedStatus", zh: zh.statuses[input.status], en: en.statuses[input.status] },
  ];
  let y = 690;
  for (const row of rows) {
    await cjk.draw(page, zh.labels[row.label], { x: LEFT, y, size: 11, color: MUTED });
    page.drawText(latin(en.labels[row.label]), { x: LEFT, y: y - 11, size: 7.5, font: helvetica, color: MUTED });
    const valueX = 200;
    if (row.mono) page.drawText(latin(row.zh), { x: valueX, y, size: 11, font: mono, color: INK });
    else {
      const drawn = await cjk.draw(page, row.zh, { x: valueX, y, size: 12, color: INK });
      if (row.en && row.en !== row.zh) page.drawText(latin(`· ${row.en}`), { x: valueX + drawn + 8, y, size: 9, font: helvetica, color: MUTED });
    }
    y -= 30;
  }

  const qrSize = 190;
  const qrY = 150;
  page.drawImage(await doc.embedPng(await qrPng(input.verifyUrl)), { x: LEFT, y: qrY, width: qrSize, height: qrSize });
  const noteX = LEFT + qrSize + 20;
  const noteWidth = PAGE.width - noteX - 40;
  let noteY = qrY + qrSize - 20;
  await cjk.draw(page, zh.scan, { x: noteX, y: noteY, size: 10, color: INK });
  page.drawText(latin(en.scan), { x: noteX, y: noteY - 12, size: 8, font: helvetica, color: MUTED });
  noteY -= 28;
  page.drawText(latin(input.verifyUrl), { x: noteX, y: noteY, size: 7.5, font: mono, color: BRAND, maxWidth: noteWidth });
  noteY -= 22;
  for (const line of await wrap(zh.note, noteWidth, (l) => cjk.width(l, 9))) {
    await cjk.draw(page, line, { x: noteX, y: noteY, size: 9, color: INK });
    noteY -= 13;
  }
  noteY -= 4;
  for (const line of await wrap(latin(en.note), noteWidth, (l) => helvetica.widthOfTextAtSize(l, 7.5))) {
    page.drawText(latin(line), { x: noteX, y: noteY, size: 7.5, font: helvetica, color: MUTED });
    noteY -= 10;
  }
  page.drawText(latin(input.credentialId), { x: LEFT + 12, y: qrY - 12, size: 9, font: mono, color: INK });
  await cjk.draw(page, zh.privacy, { x: LEFT, y: 96, size: 9, color: MUTED });
  page.drawText(latin(en.privacy), { x: LEFT, y: 84, size: 7.5, font: helvetica, color: MUTED });
  return doc.save();
}
