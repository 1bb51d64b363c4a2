// The senior admins' rule desk (issue 6 item 1): the history of rule versions folded from
// the `rules.*` ledger entries, and one command runner for propose / approve / reject. Every
// command locks the ledger head first, so two admins acting at once are served in turn and
// version numbers never collide. Version 1 is built in (contracts/rules RULES_V1).
import "server-only";
import { asc, like } from "drizzle-orm";
import { rules as rulesContract } from "@/contracts";
import type { RuleSet, RulesCommand, RulesEvent } from "@/contracts/rules/rules";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db, Queryable } from "@/lib/db";
import { ledgerEntries } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { appendEntry, lockHead } from "@/lib/ledger/append";
import { ActionError } from "../action-error";
import { displayNamesOf } from "../auth/user-identity";

export interface RuleVersionRecord {
  version: number;
  status: "active" | "superseded" | "pending" | "withdrawn" | "rejected";
  ruleSet: RuleSet;
  basedOn: number | null;
  proposedBy: string | null;
  proposedAt: string | null;
  proposedSeq: number | null;
  /** Who approved (with a second approval) or published it, or rejected/withdrew it. */
  decidedBy: string | null;
  decidedAt: string | null;
  decidedSeq: number | null;
}

export interface RuleDesk {
  requireApproval: boolean;
  active: RuleSet;
  pending: RuleVersionRecord | null;
  /** Newest first; version 1 (built in) last. */
  versions: RuleVersionRecord[];
  /** Display names of the senior admins named above, by user id. */
  names: Record<string, string>;
}

interface LoggedEvent {
  seq: number;
  time: string;
  event: RulesEvent;
}

async function rulesEntries(q: Queryable): Promise<LoggedEvent[]> {
  const rows = await q.select({ seq: ledgerEntries.seq, entry: ledgerEntries.entry }).from(ledgerEntries).where(like(ledgerEntries.type, "rules.%")).orderBy(asc(ledgerEntries.seq));
  return rows.map((r) => {
    const e = JSON.parse(r.entry) as RulesEvent & { time: string };
    return { seq: r.seq, time: e.time, event: e };
  });
}

export async function loadRuleDesk(q: Queryable, options: { actor: Actor }): Promise<RuleDesk> {
  assertCan(options.actor, "rules.publish");
  const logged = await rulesEntries(q);
  const state = rulesContract.foldRuleHistory(logged.map((l) => l.event));
  const records = new Map<number, RuleVersionRecord>();
  if (!logged.some((l) => l.event.type === "rules.published" && l.event.payload.version === 1)) {
    records.set(1, { version: 1, status: "superseded", ruleSet: rulesContract.RULES_V1, basedOn: null, proposedBy: null, proposedAt: null, proposedSeq: null, decidedBy: null, decidedAt: null, decidedSeq: null });
  }
  for (const { seq, time, event } of logged) {
    const v = event.payload.version;
    const known = records.get(v);
    switch (event.type) {
      case "rules.proposed":
        records.set(v, { version: v, status: "pending", ruleSet: event.payload.ruleSet, basedOn: event.payload.basedOn, proposedBy: event.actor, proposedAt: time, proposedSeq: seq, decidedBy: null, decidedAt: null, decidedSeq: null });
        break;
      case "rules.published":
        records.set(v, {
          version: v,
          status: "superseded",
          ruleSet: event.payload.ruleSet,
          basedOn: event.payload.basedOn ?? known?.basedOn ?? null,
          proposedBy: known?.proposedBy ?? event.payload.proposedBy ?? event.actor,
          proposedAt: known?.proposedAt ?? time,
          proposedSeq: known?.proposedSeq ?? seq,
          decidedBy: event.actor,
          decidedAt: time,
          decidedSeq: seq,
        });
        break;
      case "rules.rejected":
        if (known) records.set(v, { ...known, status: event.payload.reason, decidedBy: event.actor, decidedAt: time, decidedSeq: seq });
        break;
    }
  }
  const active = state.versions.at(-1) ?? rulesContract.RULES_V1;
  const activeRecord = records.get(active.version);
  if (activeRecord) activeRecord.status = "active";
  const versions = [...records.values()].sort((a, b) => b.version - a.version);
  const ids = [...new Set(versions.flatMap((r) => [r.proposedBy, r.decidedBy]).filter((id): id is string => id !== null && /^[0-9a-f-]{36}$/i.test(id)))];
  const names = await displayNamesOf(q, ids);
  return {
    requireApproval: env.RULES_SECOND_APPROVAL === "1",
    active,
    pending: versions.find((r) => r.status === "pending") ?? null,
    versions,
    names: Object.fromEntries(names),
  };
}

/** Runs one rule-desk command in its own transaction: the decision and its entry together. */
export async function runRulesCommand(db: Db, options: { actor: Actor; command: RulesCommand; requireApproval?: boolean }): Promise<{ version: number; type: RulesEvent["type"]; seq: number }> {
  assertCan(options.actor, options.command.type === "approve" ? "rules.approve" : "rules.publish");
  const requireApproval = options.requireApproval ?? env.RULES_SECOND_APPROVAL === "1";
  return db.transaction(async (tx) => {
    await lockHead(tx);
    const state = rulesContract.foldRuleHistory((await rulesEntries(tx)).map((l) => l.event));
    const decision = rulesContract.decideRules(state, options.command, { actor: { id: options.actor.userId, role: options.actor.role }, requireApproval });
    if (!decision.ok) throw new ActionError(`adminRules.errors.${decision.error.code}`, { values: { detail: decision.error.message } });
    const event = decision.events[0]!;
    const appended = await appendEntry(tx, { type: event.type, contract: event.contract, department: event.department, actor: event.actor, subject: event.subject, payload: event.payload as unknown as Record<string, unknown> });
    return { version: event.payload.version, type: event.type, seq: appended.seq };
  });
}
