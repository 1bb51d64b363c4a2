// Resident: the applications I filed or that name me as a party, newest first.
import { arrayContains, desc, eq, or } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationApplications } from "@/lib/db/schema";
import { registration } from "@/contracts";
import { flowActor } from "./actors";
import { loadApplication } from "./application-store";

export interface MyApplication {
  applicationId: string;
  kind: string;
  unitNumber: string;
  status: string;
  /** "filer" when I filed it, otherwise "party". */
  relation: "filer" | "party";
  /** Waiting for my online confirmation (I am a counter-party who has not confirmed). */
  awaitingMyConfirmation: boolean;
  submittedAt: string | null;
  statusSince: string;
}

export async function listMyApplications(db: Db, options: { actor: Actor }): Promise<MyApplication[]> {
  assertCan(options.actor, "application.view_own");
  const actor = await flowActor(db, options.actor);
  const mine = eq(registrationApplications.filedBy, actor.account.userId);
  const rows = await db
    .select()
    .from(registrationApplications)
    .where(actor.personRef ? or(mine, arrayContains(registrationApplications.partyRefs, [actor.personRef])) : mine)
    .orderBy(desc(registrationApplications.createdAt))
    .limit(200);
  // Whether I still have to confirm: fold only the few cases waiting on confirmations.
  const waiting = new Set<string>();
  for (const r of rows) {
    if (r.status !== "awaiting_counterparty" || !actor.personRef) continue;
    const { state } = await loadApplication(db, r.id);
    const mine = state.content ? registration.partiesWithKeys(state.content).filter((p) => p.ref === actor.personRef).map((p) => p.key) : [];
    if (mine.some((k) => state.pendingConfirmations.includes(k))) waiting.add(r.id);
  }
  return rows
    .filter((r) => r.status !== "none")
    .map((r) => {
      const relation = r.filedBy === actor.account.userId ? ("filer" as const) : ("party" as const);
      return {
        applicationId: r.id,
        kind: r.kind,
        unitNumber: r.unitNumber,
        status: r.status,
        relation,
        awaitingMyConfirmation: waiting.has(r.id),
        submittedAt: r.submittedAt?.toISOString() ?? null,
        statusSince: r.statusSince.toISOString(),
      };
    })
    .filter((a) => a.relation === "filer" || a.status !== "draft");
}
