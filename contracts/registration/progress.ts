// The resident's progress timeline and the clerk's check board, derived from the
// application's ledger entries (event + entry time). Pure: "now" is passed in for ageing.
import type { DepartmentCode } from "../shared/contract";
import { instantMs } from "../shared/contract";
import type { RuleSet } from "../rules/rules";
import { INITIAL_REGISTRATION, evolve, type CheckOutcome, type RegistrationEvent, type RegistrationState } from "./registration";

export interface TimedRegistrationEvent {
  readonly event: RegistrationEvent;
  /** The ledger entry's `time` (RFC 3339 UTC). */
  readonly time: string;
  readonly seq: number;
}

export type StepState = "done" | "current" | "blocked" | "failed";

export interface ProgressStep {
  /** Stable key: `filed`, `counterparty:buyer-0`, `intake`, `check:police.identity:seller-0`
   * (`…#2` for a re-run), `material:<seq>`, `decision`. */
  readonly key: string;
  readonly kind: "filed" | "counterparty" | "intake" | "check" | "material" | "decision";
  /** Who holds the step: a department, or the resident (filing, confirming, adding material). */
  readonly holder: DepartmentCode | "resident";
  readonly state: StepState;
  readonly since: string;
  readonly until: string | null;
  /** confirmed, claimed, yes, no, blocked, overridden, provided, approved, rejected, withdrawn. */
  readonly outcome: string | null;
  readonly reasonCode: string | null;
  readonly expectedHours: number | null;
  /** since + expectedHours; past it while current, the step is overdue. */
  readonly dueAt: string | null;
  /** Entry that completed the step (link to its public proof). */
  readonly seq: number | null;
}

export type NextStep = "confirm" | "intake" | "departments" | "material" | "decision" | null;

const addHours = (at: string, hours: number): string => new Date(instantMs(at) + hours * 3_600_000).toISOString().replace(".000Z", "Z");

function checkState(outcome: CheckOutcome): StepState {
  switch (outcome) {
    case "pending":
      return "current";
    case "blocked":
      return "blocked";
    case "no":
      return "failed";
    case "yes":
    case "overridden":
      return "done";
  }
}

/** Folds the entries and lays them out as steps, oldest first. `rules` gives the registry's
 * review time for the intake and decision steps (the application's own version). */
export function progress(
  entries: readonly TimedRegistrationEvent[],
  rules?: RuleSet,
): { state: RegistrationState; steps: ProgressStep[]; next: NextStep } {
  let state = INITIAL_REGISTRATION;
  const steps: ProgressStep[] = [];
  const open = new Map<string, number>(); // step key → index in `steps`
  const put = (step: ProgressStep) => {
    const i = open.get(step.key);
    if (i === undefined) {
      open.set(step.key, steps.length);
      steps.push(step);
    } else steps[i] = step;
  };
  const finish = (key: string, time: string, seq: number, patch: Partial<ProgressStep>) => {
    const i = open.get(key);
    const s = i === undefined ? undefined : steps[i];
    if (s) steps[i!] = { ...s, until: time, seq, state: "done", ...patch };
  };
  const latestCheckKey = new Map<string, string>(); // checkId → key of its latest attempt
  const checkKey = (checkId: string) => latestCheckKey.get(checkId) ?? `check:${checkId}`;
  const reviewHours = (): number | null => (rules && state.content ? rules.kinds[state.content.kind].reviewHours : null);

  for (const { event: e, time, seq } of entries) {
    state = evolve(state, e);
    switch (e.type) {
      case "registration.draft_saved":
        break;
      case "registration.submitted":
        put({ key: "filed", kind: "filed", holder: "resident", state: "done", since: time, until: time, outcome: "submitted", reasonCode: null, expectedHours: null, dueAt: null, seq });
        for (const k of e.payload.pendingConfirmations) {
          put({ key: `counterparty:${k}`, kind: "counterparty", holder: "resident", state: "current", since: time, until: null, outcome: null, reasonCode: null, expectedHours: null, dueAt: null, seq: null });
        }
        if (e.payload.pendingConfirmations.length === 0) startIntake(time);
        break;
      case "registration.counterparty_confirmed":
        for (const k of e.payload.parties) finish(`counterparty:${k}`, time, seq, { outcome: "confirmed" });
        if (e.payload.remaining === 0) startIntake(time);
        break;
      case "registration.claimed":
        finish("intake", time, seq, { outcome: "claimed" });
        break;
      case "registration.released":
        break;
      case "registration.checks_dispatched":
        for (const c of e.payload.checks) {
          const done = c.outcome !== "pending";
          // A re-run is a new step; the earlier attempt stays on the timeline.
          const key = c.attempt === 1 ? `check:${c.checkId}` : `check:${c.checkId}#${c.attempt}`;
          latestCheckKey.set(c.checkId, key);
          put({
            key,
            kind: "check",
            holder: c.department,
            state: checkState(c.outcome),
            since: time,
            until: done ? time : null,
            outcome: done ? c.outcome : null,
            reasonCode: c.reasonCode,
            expectedHours: c.expectedHours,
            dueAt: addHours(time, c.expectedHours),
            seq: done ? seq : null,
          });
        }
        break;
      case "registration.answer_recorded":
        finish(checkKey(e.payload.checkId), time, seq, { outcome: e.payload.answer, reasonCode: e.payload.reasonCode, state: e.payload.answer === "yes" ? "done" : "failed" });
        break;
      case "registration.check_blocked":
        finish(checkKey(e.payload.checkId), time, seq, { outcome: "blocked", reasonCode: e.payload.reasonCode, state: "blocked" });
        break;
      case "registration.check_overridden":
        finish(checkKey(e.payload.checkId), time, seq, { outcome: "overridden", reasonCode: e.payload.reason.code });
        break;
      case "registration.material_requested":
        put({ key: `material:${seq}`, kind: "material", holder: "resident", state: "current", since: time, until: null, outcome: null, reasonCode: e.payload.reason.code, expectedHours: null, dueAt: null, seq: null });
        break;
      case "registration.material_provided": {
        const last = [...open.keys()].filter((k) => k.startsWith("material:")).at(-1);
        if (last) finish(last, time, seq, { outcome: "provided" });
        break;
      }
      case "registration.approved":
      case "registration.rejected":
      case "registration.withdrawn": {
        const outcome = e.type === "registration.approved" ? "approved" : e.type === "registration.rejected" ? "rejected" : "withdrawn";
        const reasonCode = e.type === "registration.rejected" ? e.payload.reason.code : e.type === "registration.withdrawn" ? (e.payload.reason?.code ?? null) : null;
        const since = steps.at(-1)?.until ?? time;
        put({ key: "decision", kind: "decision", holder: "registry", state: outcome === "rejected" ? "failed" : "done", since, until: time, outcome, reasonCode, expectedHours: reviewHours(), dueAt: null, seq });
        break;
      }
    }
  }
  return { state, steps, next: nextStep(state) };

  function startIntake(time: string) {
    const hours = reviewHours();
    put({ key: "intake", kind: "intake", holder: "registry", state: "current", since: time, until: null, outcome: null, reasonCode: null, expectedHours: hours, dueAt: hours === null ? null : addHours(time, hours), seq: null });
  }
}

function nextStep(state: RegistrationState): NextStep {
  switch (state.status) {
    case "awaiting_counterparty":
      return "confirm";
    case "submitted":
    case "in_review":
      return "intake";
    case "checks_pending":
      return "departments";
    case "more_material_requested":
      return "material";
    case "ready_for_decision":
      return "decision";
    case "none":
    case "draft":
    case "approved":
    case "rejected":
    case "withdrawn":
      return null;
  }
}

/** Hours a current step has run past its due time at `now` (0 when on time or finished). */
export function overdueHours(step: ProgressStep, now: string): number {
  if (step.state !== "current" || step.dueAt === null) return 0;
  return Math.max(0, (instantMs(now) - instantMs(step.dueAt)) / 3_600_000);
}
