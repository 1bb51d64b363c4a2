// Refused checkpoints, kept so the health page can raise an alert (issue 6, item 4): a
// witness that refuses to cosign has seen the log go back, fork, change origin or lose its
// signature, and a person must notice. Two sources: the in-process witnesses (background.ts)
// record their own refusals; the portal records the cosignature lines it refuses to store
// (addCosignature), which is what a remote witness's failures look like from here; and the
// refusals a remote witness reports itself, signed by its department key (below).
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Queryable } from "@/lib/db";
import { DEPARTMENT_CODES, ledgerKeys, ledgerWitnessRefusals, type DepartmentCode } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { fromBase64, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { canonicalJson } from "@/lib/crypto/canonical-json";

export interface WitnessRefusalInput {
  department: DepartmentCode | null;
  source: "witness" | "portal";
  treeSize?: number | null;
  reason: string;
  message: string;
  status?: number | null;
}

/** Never throws: failing to record an alert must not also break the witness or the API. */
export async function recordWitnessRefusal(db: Db, input: WitnessRefusalInput): Promise<void> {
  try {
    await db.insert(ledgerWitnessRefusals).values({
      department: input.department,
      source: input.source,
      treeSize: input.treeSize ?? null,
      reason: input.reason.slice(0, 64),
      message: input.message.slice(0, 500),
      status: input.status ?? null,
    });
  } catch (error) {
    console.error("[ledger] could not record a witness refusal:", error);
  }
}

/** The department of a key name, for refusals that only carry the name. */
export async function departmentOfKey(q: Queryable, name: string): Promise<DepartmentCode | null> {
  const [row] = await q.select({ department: ledgerKeys.department }).from(ledgerKeys).where(eq(ledgerKeys.name, name));
  return row?.department ?? null;
}

export async function listWitnessRefusals(q: Queryable, limit = 20) {
  return q.select().from(ledgerWitnessRefusals).orderBy(desc(ledgerWitnessRefusals.createdAt)).limit(limit);
}

// --- Refusals a remote witness reports (POST /api/ledger/witness-refusals) -----------------
// Not part of DESIGN.md §5's normative API: the CLI witness of lib/cli/witness.ts runs on a
// department's own machine, and without this its refusals would only be printed there. The
// report authenticates itself like a cosignature line: an Ed25519 signature by the
// department's active key, over a context string and the report's exact bytes. The context
// keeps the signature from ever passing for an entry (`{…`) or a checkpoint note (origin
// line) signed by the same key, and the report's time bounds how long a copy can be replayed
// (a replay of a recorded report is answered without a second alert anyway).

/** What the witness signs: this line, then the report JSON (UTF-8). */
export const REFUSAL_REPORT_CONTEXT = "deedchain witness refusal report v1\n";
/** How far a report's time may be from the portal's clock. */
export const REFUSAL_REPORT_MAX_SKEW_MS = 10 * 60_000;

export const WITNESS_REFUSAL_REASONS = ["OTHER_ORIGIN", "SMALLER", "INCONSISTENT", "BAD_LOG_SIGNATURE", "MALFORMED"] as const;

export const refusalReportSchema = z.object({
  department: z.enum(DEPARTMENT_CODES),
  keyName: z.string().min(1).max(200),
  reason: z.enum(WITNESS_REFUSAL_REASONS),
  message: z.string().min(1).max(500),
  treeSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  time: z.iso.datetime(),
});
export type RefusalReport = z.infer<typeof refusalReportSchema>;

export const refusalReportBodySchema = z.object({
  /** The report as JSON text: the exact bytes signed. */
  report: z.string().min(2).max(2000),
  /** base64 Ed25519 signature over REFUSAL_REPORT_CONTEXT ‖ report. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, "a base64 Ed25519 signature (88 characters)"),
});
export type RefusalReportBody = z.infer<typeof refusalReportBodySchema>;

export function refusalReportMessage(report: string): Uint8Array {
  return utf8Encode(REFUSAL_REPORT_CONTEXT + report);
}

/** The signed body a witness posts for a refusal. */
export function signRefusalReport(signer: { name: string; sign(message: Uint8Array): Uint8Array }, report: Omit<RefusalReport, "keyName">): RefusalReportBody {
  const text = canonicalJson({ ...report, keyName: signer.name });
  return { report: text, signature: toBase64(signer.sign(refusalReportMessage(text))) };
}

export type RefusalReportResult = { ok: true; stored: boolean } | { ok: false; status: 400 | 403; error: string };

/** Checks a reported refusal and records it as an alert (once per report). */
export async function acceptRefusalReport(db: Db, body: RefusalReportBody, now: Date = new Date()): Promise<RefusalReportResult> {
  let json: unknown;
  try {
    json = JSON.parse(body.report);
  } catch {
    return { ok: false, status: 400, error: "report must be JSON text (the exact bytes that were signed)" };
  }
  const parsed = refusalReportSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, status: 400, error: `invalid report: ${parsed.error.issues.map((i) => `${i.path.join(".") || "report"}: ${i.message}`).join("; ")}` };
  }
  const report = parsed.data;
  const [key] = await db
    .select()
    .from(ledgerKeys)
    .where(and(eq(ledgerKeys.name, report.keyName), eq(ledgerKeys.role, "department"), eq(ledgerKeys.status, "active")));
  if (!key || key.department !== report.department) {
    return { ok: false, status: 403, error: `${report.keyName} is not the active department key of ${report.department}` };
  }
  if (!nodeBackend.ed25519Verify(fromBase64(body.signature), refusalReportMessage(body.report), fromBase64(key.publicKey))) {
    return { ok: false, status: 403, error: `the signature does not verify with ${key.name}` };
  }
  const time = new Date(report.time);
  if (Math.abs(now.getTime() - time.getTime()) > REFUSAL_REPORT_MAX_SKEW_MS) {
    return {
      ok: false,
      status: 400,
      error: `the report's time ${report.time} is more than ${REFUSAL_REPORT_MAX_SKEW_MS / 60_000} minutes from the portal's clock (${now.toISOString()}): check the witness machine's clock`,
    };
  }
  const message = `${report.message} (reported by ${key.name} at ${report.time})`.slice(0, 500);
  // The same report again (a retry, a replay) is one alert, not two.
  const [already] = await db
    .select({ id: ledgerWitnessRefusals.id })
    .from(ledgerWitnessRefusals)
    .where(and(eq(ledgerWitnessRefusals.department, report.department), eq(ledgerWitnessRefusals.source, "witness"), eq(ledgerWitnessRefusals.message, message)))
    .limit(1);
  if (already) return { ok: true, stored: false };
  await db.insert(ledgerWitnessRefusals).values({ department: report.department, source: "witness", treeSize: report.treeSize, reason: report.reason, message });
  return { ok: true, stored: true };
}
