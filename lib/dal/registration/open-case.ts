// Registry clerk: open a case — documents, parties and the check board. Showing the parties'
// personal data is a read: access-log@1 decides it per party against the registry's live
// grants of purpose case_review (`case_view`, set by the registry's admin), and each read or
// refusal is appended before anything is decrypted. With no live grant the refusal is
// recorded and the clerk gets a 403 telling them what is missing.
import { asc, eq, inArray } from "drizzle-orm";
import { accessLog, registration } from "@/contracts";
import type { ContractError, ContractEvent } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationDocuments, registrationDrafts, registrationVerificationRequests, users } from "@/lib/db/schema";
import { openDisplayName } from "@/lib/dal/auth/user-identity";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { loadGrants } from "@/lib/dal/access/grants-store";
import { flowActor, nowInstant } from "./actors";
import { loadApplication } from "./application-store";
import { assertRegistryStaff } from "./clerk-command";
import { FlowError, notFound } from "./errors";
import { appendEvents } from "./ledger-io";
import type { PartyInput } from "./parties";

export interface CaseParty {
  partyKey: string;
  role: string;
  /** 4313**********0016: enough to compare with a paper ID at the window. */
  residentIdMasked: string | null;
  name: string | null;
  hasAccount: boolean;
  organisation: string | null;
  confirmed: boolean;
}

export interface CaseCheck {
  checkId: string;
  department: string;
  outcome: string;
  reasonCode: string | null;
  requestId: string | null;
  attempt: number;
  requestStatus: string | null;
  authorisation: { via: string; grantId: string | null; authorisedBy: string | null } | null;
}

export interface CaseView {
  applicationId: string;
  kind: string;
  unitNumber: string;
  status: string;
  assignee: string | null;
  ruleVersion: number | null;
  parties: CaseParty[];
  documents: { documentId: string; kind: string; mediaType: string; size: number; sha256: string }[];
  checks: CaseCheck[];
  actions: readonly string[];
  /** Ledger seqs of the access entries this view wrote. */
  accessSeqs: number[];
}

export const maskResidentId = (id: string): string => `${id.slice(0, 4)}${"*".repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;

export async function openCase(db: Db, options: { actor: Actor; applicationId: string }): Promise<CaseView> {
  assertRegistryStaff(options.actor, "application.view");
  const result = await db.transaction(async (tx): Promise<{ ok: true; view: CaseView } | { ok: false; error: ContractError }> => {
    const actor = await flowActor(tx, options.actor);
    const { row, state } = await loadApplication(tx, options.applicationId);
    if (state.status === "none" || state.status === "draft" || !state.content) throw notFound("The application", { resource: "application", id: options.applicationId, exists: true });
    const at = nowInstant();
    const parties = registration.partiesWithKeys(state.content);
    const people = parties.filter((p) => !p.ref.startsWith("org:"));
    const grants = await loadGrants(tx, "registry");
    const decisions = people.map((p) =>
      accessLog.decideRead(
        { department: "registry", check: "case_view", purpose: "case_review", subjectRef: p.ref, applicationId: state.applicationId, applicationOpen: registration.isOpen(state) },
        { kind: "grants", grants },
        { actor: actor.contract, at },
      ),
    );
    const refused = decisions.find((d) => !d.ok);
    if (refused && !refused.ok) {
      // Record every refusal; read nothing.
      await appendEvents(tx, decisions.filter((d) => !d.ok).flatMap((d) => d.events as readonly ContractEvent[]));
      return { ok: false, error: refused.error };
    }
    const appended = await appendEvents(tx, decisions.flatMap((d) => d.events as readonly ContractEvent[]));
    const accounts =
      people.length === 0
        ? []
        : await tx
            .select({ ref: users.residentIdHmac, nameCipher: users.displayNameCipher, idCipher: users.residentIdCipher })
            .from(users)
            .where(inArray(users.residentIdHmac, people.map((p) => p.ref)));
    const [draft] = await tx.select({ formCipher: registrationDrafts.formCipher }).from(registrationDrafts).where(eq(registrationDrafts.applicationId, options.applicationId));
    const typed = draft ? (JSON.parse(await decryptPersonal(tx, "registry", "draft_form", draft.formCipher)) as { parties: PartyInput[] }).parties : [];
    const caseParties: CaseParty[] = [];
    for (const [i, p] of parties.entries()) {
      const account = accounts.find((a) => a.ref === p.ref);
      const typedParty = typed[i];
      const residentId = account?.idCipher
        ? await decryptPersonal(tx, "registry", "resident_id", account.idCipher)
        : typedParty && "residentId" in typedParty
          ? typedParty.residentId
          : null;
      caseParties.push({
        partyKey: p.key,
        role: p.role,
        residentIdMasked: residentId ? maskResidentId(residentId) : null,
        name: account?.nameCipher ? await openDisplayName(tx, account.nameCipher) : null,
        hasAccount: account !== undefined,
        organisation: p.ref.startsWith("org:") ? p.ref.slice(4) : null,
        confirmed: state.confirmations.includes(p.key),
      });
    }
    const documents = await tx
      .select({ documentId: registrationDocuments.id, kind: registrationDocuments.kind, mediaType: registrationDocuments.mediaType, size: registrationDocuments.size, sha256: registrationDocuments.sha256 })
      .from(registrationDocuments)
      .where(eq(registrationDocuments.applicationId, options.applicationId))
      .orderBy(asc(registrationDocuments.createdAt));
    const requests = await tx.select().from(registrationVerificationRequests).where(eq(registrationVerificationRequests.applicationId, options.applicationId));
    const checks: CaseCheck[] = state.checks.map((c) => {
      const r = requests.find((x) => x.requestId === c.requestId);
      return {
        checkId: c.checkId,
        department: c.department,
        outcome: c.outcome,
        reasonCode: c.reasonCode,
        requestId: c.requestId,
        attempt: c.attempt,
        requestStatus: r?.status ?? null,
        authorisation: r?.authorisedVia ? { via: r.authorisedVia, grantId: r.grantId, authorisedBy: r.authorisedBy } : null,
      };
    });
    return {
      ok: true,
      view: {
        applicationId: options.applicationId,
        kind: state.content.kind,
        unitNumber: state.content.unitNumber,
        status: state.status,
        assignee: row.assignee,
        ruleVersion: state.ruleVersion,
        parties: caseParties,
        documents,
        checks,
        actions: registration.availableActions(state),
        accessSeqs: appended.map((a) => a.seq),
      },
    };
  });
  if (!result.ok) {
    throw new FlowError(
      result.error.code,
      403,
      "Opening this case reads the parties' personal data, and no live case-review authorisation covers it: ask the registry's department admin to set a case_view standing rule. The refusal has been recorded.",
    );
  }
  return result.view;
}
