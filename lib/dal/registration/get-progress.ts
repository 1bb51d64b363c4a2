// Resident (own cases) or registry staff: the progress timeline — every step, who holds it,
// since when, what it answered, what is next and when it is due (registrationProgress) —
// plus the documents, the material asked for and the decision with its reason.
import { and, asc, eq } from "drizzle-orm";
import { registrationProgress } from "@/contracts";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationDocuments } from "@/lib/db/schema";
import { flowActor } from "./actors";
import { assertOwnApplication } from "./access";
import { loadApplication } from "./application-store";
import { readNote } from "./notes";
import { ruleSetVersion } from "./rule-sets";

export type ProgressStep = registrationProgress.ProgressStep & { overdueHours: number };

export interface ApplicationProgress {
  applicationId: string;
  kind: string | null;
  unitNumber: string | null;
  status: string;
  ruleVersion: number | null;
  steps: ProgressStep[];
  next: registrationProgress.NextStep;
  documents: { documentId: string; kind: string; mediaType: string; size: number; sha256: string }[];
  materialRequest: { reasonCode: string; documentKinds: string[]; note: string | null } | null;
  decision: { outcome: "approved" | "rejected"; reasonCode: string | null; note: string | null } | null;
  /** Party keys still to confirm (e.g. buyer-0). */
  pendingConfirmations: string[];
}

export async function getProgress(db: Db, options: { actor: Actor; applicationId: string; now?: Date }): Promise<ApplicationProgress> {
  const staff = can(options.actor, "application.view") && options.actor.department === "registry";
  if (!staff && !can(options.actor, "application.view_own")) throw new ForbiddenError(undefined, "application.view_own");
  const actor = await flowActor(db, options.actor);
  const { row, state, entries } = await loadApplication(db, options.applicationId);
  if (!staff) assertOwnApplication(actor, row, state);
  // A draft is the filer's alone.
  if (!staff && state.status === "draft" && row.filedBy !== actor.account.userId) assertOwnApplication(actor, { ...row, partyRefs: [] });
  const rules = state.ruleVersion === null ? undefined : await ruleSetVersion(db, state.ruleVersion);
  const timeline = registrationProgress.progress(
    entries.map((e) => ({ event: e.event, time: e.time, seq: e.seq })),
    rules,
  );
  const now = (options.now ?? new Date()).toISOString();
  const documents = await db
    .select({
      documentId: registrationDocuments.id,
      kind: registrationDocuments.kind,
      mediaType: registrationDocuments.mediaType,
      size: registrationDocuments.size,
      sha256: registrationDocuments.sha256,
    })
    .from(registrationDocuments)
    .where(and(eq(registrationDocuments.applicationId, options.applicationId)))
    .orderBy(asc(registrationDocuments.createdAt));
  const material = state.materialRequest;
  const decision = state.decision;
  return {
    applicationId: options.applicationId,
    kind: state.content?.kind ?? null,
    unitNumber: state.content?.unitNumber ?? null,
    status: state.status,
    ruleVersion: state.ruleVersion,
    steps: timeline.steps.map((s) => ({ ...s, overdueHours: registrationProgress.overdueHours(s, now) })),
    next: timeline.next,
    documents,
    materialRequest: material
      ? { reasonCode: material.reason.code, documentKinds: [...material.documentKinds], note: await readNote(db, options.applicationId, material.reason.noteSha256) }
      : null,
    decision: decision
      ? { outcome: decision.outcome, reasonCode: decision.reason?.code ?? null, note: await readNote(db, options.applicationId, decision.reason?.noteSha256) }
      : null,
    pendingConfirmations: [...state.pendingConfirmations],
  };
}
