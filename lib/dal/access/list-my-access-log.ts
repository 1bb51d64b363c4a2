// Resident: every access to my data — who (department, role), when, why, authorised by
// whom, and the ledger seq (link to its public proof). These are the access-log@1 entries
// whose subject is my keyed ref; refusals are shown too (someone tried and was stopped).
import { and, desc, eq, inArray } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { ledgerEntries, users } from "@/lib/db/schema";
import { displayNamesOf } from "@/lib/dal/auth/user-identity";
import { flowActor } from "@/lib/dal/registration/actors";

export interface AccessLogItem {
  seq: number;
  time: string;
  outcome: "read" | "refused";
  /** Whose records were read (the department holding the data). */
  dataDepartment: string;
  /** What was read: a check (`identity`) or `case_view`. */
  check: string;
  purpose: string;
  applicationId: string | null;
  reader: { department: string | null; role: string; staffName: string | null };
  authorisedBy: { department: string | null; role: string; staffName: string | null; via: string; grantId: string | null } | null;
  refusalCode: string | null;
}

interface AccessPayload {
  department: string;
  check: string;
  purpose: string;
  requester: string | null;
  applicationId: string | null;
  authorisation?: { kind: string; via?: string; grantId: string | null; authorisedBy: string };
  code?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function listMyAccessLog(db: Db, options: { actor: Actor; limit?: number }): Promise<AccessLogItem[]> {
  assertCan(options.actor, "access_log.view_own");
  const actor = await flowActor(db, options.actor);
  if (!actor.personRef) return [];
  const rows = await db
    .select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.subject, actor.personRef), inArray(ledgerEntries.type, ["access.read", "access.refused"])))
    .orderBy(desc(ledgerEntries.seq))
    .limit(Math.min(Math.max(options.limit ?? 200, 1), 1000));
  const parsed = rows.map((r) => ({ seq: r.seq, entry: JSON.parse(r.entry) as { type: string; actor: string; time: string; payload: AccessPayload } }));
  const staffIds = new Set<string>();
  for (const { entry } of parsed) {
    if (UUID.test(entry.actor)) staffIds.add(entry.actor);
    const by = entry.payload.authorisation?.authorisedBy;
    if (by && UUID.test(by)) staffIds.add(by);
  }
  const accounts = staffIds.size === 0 ? [] : await db.select({ id: users.id, role: users.role, department: users.department }).from(users).where(inArray(users.id, [...staffIds]));
  // Names only of staff: a resident reader (the filer) is never named to another resident.
  const names = await displayNamesOf(db, accounts.filter((a) => a.role !== "resident").map((a) => a.id));
  const staff = accounts.map((a) => ({ ...a, name: names.get(a.id) ?? null }));
  const who = (id: string) => {
    const s = staff.find((x) => x.id === id);
    if (s) return { department: s.department, role: s.role, staffName: s.role === "resident" ? null : s.name };
    const system = /^system:([a-z]+)$/.exec(id);
    return { department: system?.[1] ?? null, role: "system", staffName: null };
  };
  return parsed.map(({ seq, entry }) => {
    const p = entry.payload;
    const a = p.authorisation;
    return {
      seq,
      time: entry.time,
      outcome: entry.type === "access.read" ? ("read" as const) : ("refused" as const),
      dataDepartment: p.department,
      check: p.check,
      purpose: p.purpose,
      applicationId: p.applicationId,
      reader: { ...who(entry.actor), department: p.requester ?? who(entry.actor).department },
      authorisedBy: a ? { ...who(a.authorisedBy), via: a.via ?? a.kind, grantId: a.grantId } : null,
      refusalCode: p.code ?? null,
    };
  });
}
