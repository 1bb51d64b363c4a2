// A department admin of the registry corrects a property record (e.g. a wrong area) with a
// reason code (issue 6 item 6). The correction is a new signed `property.revised` entry that
// names the field, the value it supersedes and the new one; earlier entries are never touched.
// The `properties` row is the register's cache of the current values and moves with it, in the
// same transaction. Property facts (area, use, floor, year built) are not personal data.
// A correction of a claim the unit's credential shows (area, use) reissues the credential in
// the same transaction: the corrected one supersedes the old (lib/dal/credentials/reissue-credential.ts).
import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db, Queryable } from "@/lib/db";
import { credentials, ledgerEntries, properties, PROPERTY_USES } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { CREDENTIAL_CLAIM_FIELDS, reissueCredential } from "../credentials/reissue-credential";
import { ActionError } from "../action-error";

export const PROPERTY_CONTRACT_ID = "property@1";
export const REVISABLE_FIELDS = ["area", "use", "floor", "builtYear"] as const;
export type RevisableField = (typeof REVISABLE_FIELDS)[number];
export const REVISION_REASONS = ["survey_error", "data_entry_error", "court_judgment", "demolition_or_rebuild"] as const;

const UNIT = /^[0-9]{12}[A-Z]{2}[0-9]{5}[FLQW][0-9]{8}$/;

export const revisePropertyInputSchema = z.object({
  unitNumber: z.string().trim().regex(UNIT, "adminRevisions.unitForm"),
  field: z.enum(REVISABLE_FIELDS),
  value: z.string().trim().min(1).max(20),
  reason: z.enum(REVISION_REASONS),
});

/** The new value in its stored form, or the errors.* key of why it cannot be. */
function parseValue(field: RevisableField, text: string): { ok: true; value: string | number | null } | { ok: false; message: string } {
  switch (field) {
    case "area": {
      const n = Number(text);
      if (!/^\d{1,6}(\.\d{1,2})?$/.test(text) || !(n > 0)) return { ok: false, message: "adminRevisions.areaForm" };
      return { ok: true, value: n.toFixed(2) };
    }
    case "use":
      return (PROPERTY_USES as readonly string[]).includes(text) ? { ok: true, value: text } : { ok: false, message: "adminRevisions.useForm" };
    case "floor": {
      if (text === "-" || text === "none") return { ok: true, value: null };
      const n = Number(text);
      return Number.isInteger(n) && n >= -5 && n <= 200 ? { ok: true, value: n } : { ok: false, message: "adminRevisions.floorForm" };
    }
    case "builtYear": {
      const n = Number(text);
      return Number.isInteger(n) && n >= 1900 && n <= new Date().getUTCFullYear() ? { ok: true, value: n } : { ok: false, message: "adminRevisions.yearForm" };
    }
  }
}

function assertRegistryAdmin(actor: Actor): void {
  assertCan(actor, "record.revise");
  // The property register is the registry's; other departments revise their own records.
  if (actor.department !== "registry") throw new ForbiddenError("Property records are the registry's to revise.", "record.revise");
}

export interface PropertyRecord {
  unitNumber: string;
  district: string;
  address: string;
  area: string;
  use: string;
  floor: number | null;
  builtYear: number;
}

export interface PropertyRevision {
  seq: number;
  time: string;
  actor: string;
  field: RevisableField;
  before: string | number | null;
  after: string | number | null;
  reason: string;
}

/** Why a credential was reissued after a revision (its `reason`, shown on /verify). */
export const REVISION_CREDENTIAL_REASON = "record_revision";

export interface RevisionResult {
  seq: number;
  /** The credential issued with the corrected record, when the field is one of its claims and the unit had one. */
  credential: { id: string; seq: number; superseded: string | null } | null;
}

export async function reviseProperty(db: Db, options: { actor: Actor; input: z.input<typeof revisePropertyInputSchema> }): Promise<RevisionResult> {
  assertRegistryAdmin(options.actor);
  const input = revisePropertyInputSchema.parse(options.input);
  const parsed = parseValue(input.field, input.value);
  if (!parsed.ok) throw new ActionError(parsed.message, { fieldErrors: { value: [parsed.message] } });
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(properties).where(eq(properties.unitNumber, input.unitNumber)).for("update");
    if (!row) throw new ActionError("adminRevisions.noUnit", { fieldErrors: { unitNumber: ["adminRevisions.noUnit"] } });
    const before = input.field === "area" ? Number(row.area).toFixed(2) : row[input.field];
    if (before === parsed.value) throw new ActionError("adminRevisions.unchanged", { fieldErrors: { value: ["adminRevisions.unchanged"] } });
    await tx
      .update(properties)
      .set({ [input.field]: parsed.value } as Partial<typeof properties.$inferInsert>)
      .where(eq(properties.id, row.id));
    const entry = await appendEntry(tx, {
      type: "property.revised",
      contract: PROPERTY_CONTRACT_ID,
      department: "registry",
      actor: options.actor.userId,
      subject: input.unitNumber,
      payload: { unitNumber: input.unitNumber, field: input.field, before, after: parsed.value, reason: input.reason },
    });
    const claim = (CREDENTIAL_CLAIM_FIELDS as readonly string[]).includes(input.field);
    const reissued = claim ? await reissueCredential(tx, { unitNumber: input.unitNumber, reason: REVISION_CREDENTIAL_REASON, actor: options.actor.userId }) : null;
    return { seq: entry.seq, credential: reissued ? { id: reissued.credentialId, seq: reissued.ledgerSeq, superseded: reissued.superseded } : null };
  });
}

/** The unit's current record and every revision of it, oldest first. */
export async function getPropertyForRevision(
  q: Queryable,
  options: { actor: Actor; unitNumber: string },
): Promise<{ record: PropertyRecord; revisions: PropertyRevision[]; credentialId: string | null } | null> {
  assertRegistryAdmin(options.actor);
  if (!UNIT.test(options.unitNumber)) return null;
  const [row] = await q.select().from(properties).where(eq(properties.unitNumber, options.unitNumber));
  if (!row) return null;
  return {
    record: { unitNumber: row.unitNumber, district: row.district, address: row.address, area: Number(row.area).toFixed(2), use: row.use, floor: row.floor, builtYear: row.builtYear },
    revisions: await listRevisions(q, options.unitNumber),
    credentialId: (await q.select({ id: credentials.id }).from(credentials).where(and(eq(credentials.unitNumber, options.unitNumber), eq(credentials.status, "valid"))))[0]?.id ?? null,
  };
}

export async function listRevisions(q: Queryable, unitNumber: string): Promise<PropertyRevision[]> {
  const rows = await q
    .select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.type, "property.revised"), eq(ledgerEntries.subject, unitNumber)))
    .orderBy(asc(ledgerEntries.seq));
  return rows.map((r) => {
    const e = JSON.parse(r.entry) as { time: string; actor: string; payload: Omit<PropertyRevision, "seq" | "time" | "actor"> };
    return { seq: r.seq, time: e.time, actor: e.actor, field: e.payload.field, before: e.payload.before, after: e.payload.after, reason: e.payload.reason };
  });
}
