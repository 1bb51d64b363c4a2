// Document intake: the type is sniffed from the bytes (magic numbers), never trusted from
// the name or the browser; names with path tricks or control characters are refused; the
// bytes are AES-256-GCM encrypted under the registry's data key with the document id as
// AAD, and only their SHA-256 reaches the ledger (DESIGN.md §2.1, §7).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type { Queryable } from "@/lib/db";
import type { DocumentMediaType } from "@/lib/db/schema";
import { departmentDataKey } from "@/lib/crypto/personal-data";
import { hasHiddenCharacters } from "@/lib/domain/plain-text";
import { MAX_DOCUMENT_BYTES } from "@/lib/http/body-limits";
import { FlowError, fieldError } from "./errors";

export { MAX_DOCUMENT_BYTES } from "@/lib/http/body-limits";

/** PDF (ISO 32000 "%PDF-"), PNG (8-byte signature), JPEG (SOI + marker). */
export function sniffMediaType(bytes: Uint8Array): DocumentMediaType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

/** Refuses what a file name must never carry; returns the trimmed name. */
export function checkFileName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new FlowError("FILE_NAME_INVALID", 400, "The file needs a name.", { fileName: [fieldError("fileNameEmpty")] });
  if (trimmed.length > 200) throw new FlowError("FILE_NAME_INVALID", 400, "The file name is longer than 200 characters; rename the file.", { fileName: [fieldError("fileNameTooLong")] });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new FlowError("FILE_NAME_INVALID", 400, "The file name contains control characters (such as NUL); rename the file.", { fileName: [fieldError("fileNameControl")] });
  }
  if (hasHiddenCharacters(trimmed)) {
    throw new FlowError("FILE_NAME_INVALID", 400, "The file name contains a right-to-left override or a zero-width character; rename the file.", { fileName: [fieldError("fileNameHidden")] });
  }
  if (/[\\/]/.test(trimmed) || trimmed.split(".").every((p) => p === "") || trimmed.includes("..")) {
    throw new FlowError("FILE_NAME_INVALID", 400, "The file name may not contain '/', '\\' or '..'; rename the file.", { fileName: [fieldError("fileNamePath")] });
  }
  return trimmed;
}

/** Size and type checks; returns the sniffed media type. */
export function checkDocumentBytes(bytes: Uint8Array, declaredType?: string): DocumentMediaType {
  if (bytes.length === 0) throw new FlowError("FILE_EMPTY", 400, "The file is empty.", { file: [fieldError("fileEmpty")] });
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new FlowError("FILE_TOO_LARGE", 413, "The file is larger than 10 MB; scan it at a lower resolution or split it.", { file: [fieldError("fileTooLarge")] });
  }
  const sniffed = sniffMediaType(bytes);
  if (!sniffed) throw new FlowError("FILE_TYPE_REFUSED", 415, "Only PDF, PNG and JPEG files are accepted, and this file's content is none of them.", { file: [fieldError("fileTypeRefused")] });
  if (declaredType !== undefined && declaredType !== "" && declaredType !== sniffed) {
    throw new FlowError("FILE_TYPE_MISMATCH", 415, `The file says it is ${declaredType} but its content is ${sniffed}; upload the original file.`, { file: [fieldError("fileTypeMismatch")] }, {
      declared: declaredType,
      sniffed,
    });
  }
  return sniffed;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const aad = (documentId: string) => Buffer.from(`registry:document:${documentId}`, "utf8");

export async function encryptDocument(q: Queryable, documentId: string, bytes: Uint8Array): Promise<Uint8Array> {
  const key = await departmentDataKey(q, "registry");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(documentId));
  return new Uint8Array(Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]));
}

export async function decryptDocument(q: Queryable, documentId: string, sealed: Uint8Array): Promise<Uint8Array> {
  const key = await departmentDataKey(q, "registry");
  const buf = Buffer.from(sealed);
  const decipher = createDecipheriv("aes-256-gcm", key, buf.subarray(0, 12));
  decipher.setAAD(aad(documentId));
  decipher.setAuthTag(buf.subarray(buf.length - 16));
  return new Uint8Array(Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]));
}
