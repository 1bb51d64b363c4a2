// Senior admin (override) or registry staff: a case's timeline and checks without any
// personal data (steps carry departments, outcomes and reason codes only), so the override
// form can name the check to override without opening the case (no access entry needed).
import { registration, registrationProgress } from "@/contracts";
import { can, ForbiddenError, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { loadApplication } from "./application-store";
import type { ProgressStep } from "./get-progress";
import { ruleSetVersion } from "./rule-sets";

export interface CaseTimeline {
  applicationId: string;
  kind: string | null;
  status: string;
  steps: ProgressStep[];
  next: registrationProgress.NextStep;
  /** Checks an override may clear (answered no, or blocked). */
  overridable: { checkId: string; department: string; outcome: string; reasonCode: string | null }[];
  mayOverride: boolean;
  /** The rule version the application runs under (null before submission). */
  ruleVersion: number | null;
}

export async function getCaseTimeline(db: Db, options: { actor: Actor; applicationId: string; now?: Date }): Promise<CaseTimeline> {
  const staff = can(options.actor, "application.view") && options.actor.department === "registry";
  if (!staff && !can(options.actor, "application.override")) throw new ForbiddenError(undefined, "application.override");
  const { state, entries } = await loadApplication(db, options.applicationId);
  const rules = state.ruleVersion === null ? undefined : await ruleSetVersion(db, state.ruleVersion);
  const timeline = registrationProgress.progress(entries.map((e) => ({ event: e.event, time: e.time, seq: e.seq })), rules);
  const now = (options.now ?? new Date()).toISOString();
  return {
    applicationId: options.applicationId,
    kind: state.content?.kind ?? null,
    status: state.status,
    steps: timeline.steps.map((s) => ({ ...s, overdueHours: registrationProgress.overdueHours(s, now) })),
    next: timeline.next,
    overridable: state.checks
      .filter((c) => c.outcome === "no" || c.outcome === "blocked")
      .map((c) => ({ checkId: c.checkId, department: c.department, outcome: c.outcome, reasonCode: c.reasonCode })),
    mayOverride: registration.availableActions(state).includes("override") && can(options.actor, "application.override"),
    ruleVersion: state.ruleVersion,
  };
}
