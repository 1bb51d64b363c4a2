// The application's state is folded from its ledger entries (DESIGN.md §3); the
// `registration_applications` row is a cache of it for lists and queues. Every command
// locks the row (SELECT … FOR UPDATE) before folding, so two clerks deciding the same case
// at once are serialised and the second sees the first's entry (ALREADY_DECIDED).
import { eq } from "drizzle-orm";
import { registration } from "@/contracts";
import type { RegistrationEvent, RegistrationState } from "@/contracts/registration/registration";
import type { Queryable, Tx } from "@/lib/db";
import { registrationApplications } from "@/lib/db/schema";
import type { AppendResult } from "@/lib/ledger/append";
import { notFound } from "./errors";
import { loadEvents, type StoredEvent } from "./ledger-io";

export type ApplicationRow = typeof registrationApplications.$inferSelect;

export interface LoadedApplication {
  readonly row: ApplicationRow;
  readonly state: RegistrationState;
  readonly entries: StoredEvent<RegistrationEvent>[];
}

/** Folds the application's entries; with `lock`, holds its row for the rest of `tx`. */
export async function loadApplication(q: Queryable, applicationId: string, options: { lock?: boolean } = {}): Promise<LoadedApplication> {
  const base = q.select().from(registrationApplications).where(eq(registrationApplications.id, applicationId));
  const [row] = options.lock ? await base.for("update") : await base;
  if (!row) throw notFound("The application", { resource: "application", id: applicationId, exists: false });
  const entries = await loadEvents<RegistrationEvent>(q, applicationId, "registration.");
  const state = registration.fold(entries.map((e) => e.event));
  return { row, state, entries };
}

/** The cache columns a state implies. */
function cacheOf(state: RegistrationState) {
  return {
    status: state.status,
    assignee: state.assignee,
    ruleVersion: state.ruleVersion,
    partyRefs: (state.content?.parties ?? []).map((p) => p.ref),
    kind: state.content?.kind ?? "transfer",
    unitNumber: state.content?.unitNumber ?? "",
  };
}

/** Writes the cache row after appending `appended` (the events that moved `before` to `after`). */
export async function syncApplication(tx: Tx, before: RegistrationState, after: RegistrationState, appended: readonly AppendResult[]): Promise<void> {
  const last = appended.at(-1);
  if (!last) return;
  const at = new Date(last.entry.time);
  const submitted = appended.find((a) => a.entry.type === "registration.submitted");
  await tx
    .update(registrationApplications)
    .set({
      ...cacheOf(after),
      lastSeq: last.seq,
      ...(before.status !== after.status ? { statusSince: at } : {}),
      ...(submitted ? { submittedAt: new Date(submitted.entry.time) } : {}),
    })
    .where(eq(registrationApplications.id, after.applicationId));
}

export interface RebuildReport {
  readonly applicationId: string;
  readonly matches: boolean;
  readonly cached: { status: string; assignee: string | null; ruleVersion: number | null; lastSeq: number };
  readonly derived: { status: string; assignee: string | null; ruleVersion: number | null; lastSeq: number };
}

/** Folds the ledger and compares with the cache row; with `repair`, overwrites the row. */
export async function rebuildApplication(q: Queryable, applicationId: string, options: { repair?: boolean } = {}): Promise<RebuildReport> {
  const { row, state, entries } = await loadApplication(q, applicationId);
  const derived = { status: state.status, assignee: state.assignee, ruleVersion: state.ruleVersion, lastSeq: entries.at(-1)?.seq ?? -1 };
  const cached = { status: row.status, assignee: row.assignee, ruleVersion: row.ruleVersion, lastSeq: row.lastSeq };
  const matches = JSON.stringify(derived) === JSON.stringify(cached);
  if (!matches && options.repair) {
    await q
      .update(registrationApplications)
      .set({ ...cacheOf(state), lastSeq: derived.lastSeq })
      .where(eq(registrationApplications.id, applicationId));
  }
  return { applicationId, matches, cached, derived };
}

/** Folds `events` onto `state` (the contract's evolve). */
export function evolveAll(state: RegistrationState, events: readonly RegistrationEvent[]): RegistrationState {
  return events.reduce(registration.evolve, state);
}
