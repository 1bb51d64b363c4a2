import { describe, expect, it } from "vitest";
import type { Actor } from "../shared/contract";
import {
  ACCESS_GRANT_ACTIONS,
  ACCESS_GRANT_REFUSALS,
  ACCESS_GRANT_STATUSES,
  ACCESS_GRANT_TRANSITIONS,
  INITIAL_ACCESS_GRANT,
  decide,
  evolve,
  findLiveGrant,
  fold,
  foldAll,
  type AccessGrantAction,
  type AccessGrantCommand,
  type AccessGrantEvent,
  type AccessGrantState,
  type AccessGrantStatus,
  type GrantQuery,
  type GrantTerms,
} from "./access-grant";

const T0 = "2026-11-24T00:00:00Z";
const T1 = "2026-12-24T00:00:00Z";
const AFTER = "2027-01-01T00:00:00Z";
const policeAdmin: Actor = { id: "u-police-admin", role: "department_admin", department: "police" };
const taxAdmin: Actor = { id: "u-tax-admin", role: "department_admin", department: "tax" };
const senior: Actor = { id: "u-senior", role: "senior_admin", department: "registry" };
const sys: Actor = { id: "sys", role: "system", department: "police" };

const standing: GrantTerms = {
  kind: "standing",
  department: "police",
  check: "identity",
  requester: "registry",
  purpose: "registration_check",
  scope: { kind: "open_applications" },
  validFrom: T0,
  validUntil: T1,
};

function granted(id: string, terms: GrantTerms = standing): AccessGrantState {
  const d = decide(INITIAL_ACCESS_GRANT, { type: "grant", grantId: id, terms }, { actor: policeAdmin, at: T0 });
  if (!d.ok) throw new Error(d.error.message);
  return fold(d.events);
}
function after(state: AccessGrantState, command: AccessGrantCommand, actor: Actor, at: string): AccessGrantState {
  const d = decide(state, command, { actor, at });
  if (!d.ok) throw new Error(d.error.message);
  return d.events.reduce(evolve, state);
}

describe("access-grant@1 transition table", () => {
  const states: Record<AccessGrantStatus, () => AccessGrantState> = {
    none: () => INITIAL_ACCESS_GRANT,
    active: () => granted("g-1"),
    revoked: () => after(granted("g-1"), { type: "revoke", reason: { code: "no_longer_needed" } }, policeAdmin, T0),
    expired: () => after(granted("g-1"), { type: "expire" }, sys, AFTER),
  };
  const commands: Record<AccessGrantAction, { command: AccessGrantCommand; actor: Actor; at: string }> = {
    grant: { command: { type: "grant", grantId: "g-1", terms: standing }, actor: policeAdmin, at: T0 },
    revoke: { command: { type: "revoke", reason: { code: "no_longer_needed" } }, actor: policeAdmin, at: T0 },
    expire: { command: { type: "expire" }, actor: sys, at: AFTER },
  };
  for (const status of ACCESS_GRANT_STATUSES) {
    for (const action of ACCESS_GRANT_ACTIONS) {
      const allowed = (ACCESS_GRANT_TRANSITIONS[status] as readonly string[]).includes(action);
      it(`${status} × ${action} → ${allowed ? "allowed" : "refused"}`, () => {
        const state = states[status]();
        expect(state.status).toBe(status);
        const { command, actor, at } = commands[action];
        const d = decide(state, command, { actor, at });
        if (allowed) {
          expect(d.ok ? "accepted" : d.error.code).toBe("accepted");
        } else {
          const refusals = (ACCESS_GRANT_REFUSALS as Partial<Record<AccessGrantStatus, Partial<Record<AccessGrantAction, string>>>>)[status] ?? {};
          expect(d.ok ? "accepted" : d.error.code).toBe(refusals[action] ?? "INVALID_TRANSITION");
        }
      });
    }
  }
});

describe("granting, revoking, expiring", () => {
  it("only the data-owning department's admin grants; the event is signed by that department", () => {
    expect(decide(INITIAL_ACCESS_GRANT, commandsGrant(), { actor: taxAdmin, at: T0 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(decide(INITIAL_ACCESS_GRANT, commandsGrant(), { actor: senior, at: T0 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    const d = decide(INITIAL_ACCESS_GRANT, commandsGrant(), { actor: policeAdmin, at: T0 });
    expect(d).toMatchObject({ ok: true, events: [{ type: "access_grant.granted", contract: "access-grant@1", department: "police", actor: policeAdmin.id, subject: "g-1" }] });
  });

  it("validates terms: standing rules cover open applications, one-off grants end, windows run forward", () => {
    const bad = (terms: Partial<GrantTerms>) => decide(INITIAL_ACCESS_GRANT, { type: "grant", grantId: "g", terms: { ...standing, ...terms } }, { actor: policeAdmin, at: T0 });
    expect(bad({ scope: { kind: "request", requestId: "r-1" } })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
    expect(bad({ kind: "one_off", scope: { kind: "request", requestId: "r-1" }, validUntil: null })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
    expect(bad({ validUntil: T0 })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
    expect(decide(INITIAL_ACCESS_GRANT, commandsGrant(), { actor: policeAdmin, at: AFTER })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
  });

  it("revocation needs a reason; a senior admin may revoke too", () => {
    const g = granted("g-1");
    expect(decide(g, { type: "revoke" }, { actor: policeAdmin, at: T0 })).toMatchObject({ ok: false, error: { code: "REASON_REQUIRED" } });
    expect(decide(g, { type: "revoke", reason: { code: "x_y" } }, { actor: taxAdmin, at: T0 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(after(g, { type: "revoke", reason: { code: "key_compromise" } }, senior, T0).ended).toEqual({ by: senior.id, reason: { code: "key_compromise" } });
  });

  it("expires only once its window has passed, never when it has no end", () => {
    expect(decide(granted("g-1"), { type: "expire" }, { actor: sys, at: "2026-12-23T23:59:59Z" })).toMatchObject({ ok: false, error: { code: "NOT_YET_EXPIRED" } });
    const open = granted("g-2", { ...standing, validUntil: null });
    expect(decide(open, { type: "expire" }, { actor: sys, at: AFTER })).toMatchObject({ ok: false, error: { code: "NOT_YET_EXPIRED" } });
  });
});

function commandsGrant(): AccessGrantCommand {
  return { type: "grant", grantId: "g-1", terms: standing };
}

describe("findLiveGrant", () => {
  const q: GrantQuery = { department: "police", check: "identity", requester: "registry", at: "2026-12-01T00:00:00Z", applicationOpen: true, requestId: "r-1" };

  it("finds a standing rule for an open application inside its window", () => {
    expect(findLiveGrant([granted("g-1")], q)?.grantId).toBe("g-1");
  });
  it("returns null outside the window, for a closed application, another check, requester or purpose", () => {
    const g = [granted("g-1")];
    expect(findLiveGrant(g, { ...q, at: "2026-11-23T23:59:59Z" })).toBeNull();
    expect(findLiveGrant(g, { ...q, at: T1 })).toBeNull(); // validUntil is exclusive
    expect(findLiveGrant(g, { ...q, applicationOpen: false })).toBeNull();
    expect(findLiveGrant(g, { ...q, check: "criminal_record" })).toBeNull();
    expect(findLiveGrant(g, { ...q, requester: "bank" })).toBeNull();
    expect(findLiveGrant(g, { ...q, department: "tax" })).toBeNull();
    expect(findLiveGrant(g, { ...q, purpose: "record_revision" })).toBeNull();
    expect(findLiveGrant(g, { ...q, at: "not a time" })).toBeNull();
  });
  it("ignores revoked and expired grants even if their window still covers the time", () => {
    const revoked = after(granted("g-1"), { type: "revoke", reason: { code: "x_y" } }, policeAdmin, T0);
    expect(findLiveGrant([revoked], q)).toBeNull();
  });
  it("prefers the narrowest grant", () => {
    const oneOff = granted("g-9", { ...standing, kind: "one_off", scope: { kind: "request", requestId: "r-1" } });
    expect(findLiveGrant([granted("g-1"), oneOff], q)?.grantId).toBe("g-9");
    expect(findLiveGrant([granted("g-1"), oneOff], { ...q, requestId: "r-2" })?.grantId).toBe("g-1");
  });
  it("foldAll rebuilds every grant from a mixed event list", () => {
    const events: AccessGrantEvent[] = [];
    const add = (d: ReturnType<typeof decide>) => {
      if (!d.ok) throw new Error(d.error.message);
      events.push(...d.events);
    };
    add(decide(INITIAL_ACCESS_GRANT, { type: "grant", grantId: "g-1", terms: standing }, { actor: policeAdmin, at: T0 }));
    add(decide(INITIAL_ACCESS_GRANT, { type: "grant", grantId: "g-2", terms: standing }, { actor: policeAdmin, at: T0 }));
    add(decide(granted("g-1"), { type: "revoke", reason: { code: "x_y" } }, { actor: policeAdmin, at: T0 }));
    const all = foldAll(events);
    expect(all.map((g) => [g.grantId, g.status])).toEqual([
      ["g-1", "revoked"],
      ["g-2", "active"],
    ]);
    expect(findLiveGrant(all, q)?.grantId).toBe("g-2");
  });
});
