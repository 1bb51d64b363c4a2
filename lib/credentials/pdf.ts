// The printable credential: an A4 PDF (pdf-lib) with a QR code (qrcode, ISO/IEC 18004)
// pointing to the public verify page `/verify/{id}` (DESIGN.md §6). The QR is drawn as
// vector squares, so it prints sharp at any size.
//
// Text is Latin only: the PDF standard fonts cannot draw Chinese, and no CJK font ships with
// the project (embedding one means a ~10 MB font file plus @pdf-lib/fontkit). Chinese names
// of districts and holders are therefore left off the paper; the verify page shows them.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";

export interface CredentialPdfInput {
  credentialId: string;
  unitNumber: string;
  status: "valid" | "superseded" | "revoked";
  flags: { registered: boolean; mortgaged: boolean; seized: boolean; inTransaction: boolean };
  area: number;
  use: string;
  /** English district name. */
  district: string;
  issuedAt: Date;
  ledgerSeq: number;
  /** Absolute URL of /verify/{id}: what the QR code encodes. */
  verifyUrl: string;
}

const INK = rgb(0.043, 0.047, 0.047);
const MUTED = rgb(0.31, 0.35, 0.37);
const BRAND = rgb(0.043, 0.239, 0.569);

/** The standard fonts encode WinAnsi only: anything else would throw, so replace it. */
function latin(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  const quiet = 4; // the quiet zone ISO/IEC 18004 asks for, in modules
  const cell = size / (count + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (!qr.modules.get(row, col)) continue;
      // PDF y grows upwards; QR rows grow downwards.
      page.drawRectangle({
        x: x + (quiet + col) * cell,
        y: y + size - (quiet + row + 1) * cell,
        width: cell + 0.01,
        height: cell + 0.01,
        color: INK,
      });
    }
  }
}

function row(page: PDFPage, fonts: { regular: PDFFont; bold: PDFFont }, label: string, value: string, y: number): void {
  page.drawText(latin(label), { x: 56, y, size: 11, font: fonts.bold, color: MUTED });
  page.drawText(latin(value), { x: 210, y, size: 12, font: fonts.regular, color: INK });
}

export async function credentialPdf(input: CredentialPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(latin(`Electronic property credential ${input.credentialId}`));
  doc.setSubject(latin(`Property unit ${input.unitNumber}`));
  doc.setProducer("Deedchain");
  doc.setCreator("Deedchain - Loudi Real Estate Registration Centre");
  const page = doc.addPage([595.28, 841.89]); // A4 in points
  const fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const mono = await doc.embedFont(StandardFonts.Courier);

  page.drawRectangle({ x: 0, y: 801.89, width: 595.28, height: 40, color: BRAND });
  page.drawText("Deedchain - Loudi Real Estate Registration Centre", { x: 56, y: 816, size: 12, font: fonts.bold, color: rgb(1, 1, 1) });
  page.drawText("Electronic Property Credential", { x: 56, y: 750, size: 24, font: fonts.bold, color: INK });
  page.drawText("Bu dong chan dian zi ping zheng", { x: 56, y: 728, size: 11, font: fonts.regular, color: MUTED });

  const flags = (["registered", "mortgaged", "seized", "inTransaction"] as const).filter((f) => input.flags[f]);
  const flagText = flags.length ? flags.map((f) => (f === "inTransaction" ? "in transaction" : f)).join(", ") : "not registered";
  let y = 680;
  const rows: [string, string][] = [
    ["Credential id", input.credentialId],
    ["Property unit number", input.unitNumber],
    ["Rights status", flagText],
    ["Floor area", `${input.area.toFixed(2)} m2`],
    ["Use", input.use],
    ["District", `${input.district}, Loudi`],
    ["Issued", input.issuedAt.toISOString().slice(0, 10)],
    ["Ledger entry", `#${input.ledgerSeq}`],
    ["Status when printed", input.status],
  ];
  for (const [label, value] of rows) {
    row(page, fonts, label, value, y);
    y -= 24;
  }

  const qrSize = 200;
  const qrY = 180;
  drawQr(page, input.verifyUrl, 56, qrY, qrSize);
  const noteX = 56 + qrSize + 24;
  const lines = [
    "Scan to verify, or open:",
    input.verifyUrl,
    "",
    "The verify page checks this credential in your own",
    "browser: the registration centre's signature, its",
    "ledger entry, the Merkle inclusion proof and the",
    "departments' cosignatures, and shows its live status.",
    "A printed credential may be out of date: always verify.",
  ];
  lines.forEach((line, i) => {
    const isUrl = i === 1;
    page.drawText(latin(line), { x: noteX, y: qrY + qrSize - 14 - i * 15, size: isUrl ? 8 : 10, font: isUrl ? mono : fonts.regular, color: isUrl ? BRAND : INK, maxWidth: 595.28 - noteX - 40 });
  });
  page.drawText(latin(input.credentialId), { x: 56 + 16, y: qrY - 14, size: 9, font: mono, color: INK });
  page.drawText("Holder names and ID numbers are not printed: the holder shares them by link when needed.", {
    x: 56,
    y: 100,
    size: 9,
    font: fonts.regular,
    color: MUTED,
  });
  return doc.save();
}
