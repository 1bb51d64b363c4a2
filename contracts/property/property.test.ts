import { describe, expect, it } from "vitest";
import type { ApplicationKind, DocumentRef, Party } from "../shared/application";
import type { Actor, DepartmentCode } from "../shared/contract";
import { INITIAL_REGISTRATION, decide, evolve as evolveRegistration, type RegistrationCommand, type RegistrationEvent, type RegistrationState } from "../registration/registration";
import { AT, UNIT, clerk, doc, leafHash } from "../registration/testing";
import { RULES_V1 } from "../rules/rules";
import { evolve, fold, initialProperty, propertyFacts, rightsStatus, type PropertyState } from "./property";

const resident = (name: string): Actor => ({ id: `u-${name}`, role: "resident", department: null, actsFor: [`pref:${name}`] });
const alice = resident("alice");
const bob = resident("bob");
const carol = resident("carol");
const bank: Actor = { id: "u-bank", role: "institution", department: "bank", actsFor: ["org:bank-1"] };
const court: Actor = { id: "u-court", role: "institution", department: "court", actsFor: ["org:court-1"] };
const sys = (department: DepartmentCode): Actor => ({ id: `sys-${department}`, role: "system", department });

/** Runs one application on UNIT through to a decision against the property as it stands. */
class Ledger {
  property: PropertyState = initialProperty(UNIT);
  readonly events: RegistrationEvent[] = [];
  private n = 0;

  private run(state: RegistrationState, command: RegistrationCommand, actor: Actor): RegistrationState {
    const d = decide(state, command, { actor, at: AT, rules: RULES_V1, property: propertyFacts(this.property) });
    if (!d.ok) throw new Error(`${command.type}: ${d.error.code} ${d.error.message}`);
    for (const e of d.events) {
      this.events.push(e);
      this.property = evolve(this.property, e);
    }
    return d.events.reduce(evolveRegistration, state);
  }

  /** Files, confirms, dispatches and answers yes everywhere; returns the case ready for decision. */
  file(kind: ApplicationKind, filer: Actor, parties: Party[], documents: DocumentRef[], confirmers: Actor[], extra: { releases?: string; caseNumber?: string; securedAmountRef?: string } = {}) {
    const applicationId = `app-${++this.n}`;
    let s = this.run(INITIAL_REGISTRATION, { type: "saveDraft", applicationId, kind, unitNumber: UNIT, parties, documents, ...extra }, filer);
    s = this.run(s, { type: "submit" }, filer);
    for (const c of confirmers) s = this.run(s, { type: "confirmCounterparty" }, c);
    s = this.run(s, { type: "claim" }, clerk);
    s = this.run(s, { type: "dispatchChecks" }, clerk);
    for (const c of s.checks) {
      if (c.outcome === "pending") s = this.run(s, { type: "recordAnswer", requestId: c.requestId!, answer: "yes", answerHash: leafHash(this.events.length) }, sys(c.department));
    }
    return { applicationId, state: s, approve: () => this.run(s, { type: "approve" }, clerk) };
  }
}

describe("property@1 projection", () => {
  it("follows a unit through first registration, transfer, mortgage, release, seizure and release", () => {
    const l = new Ledger();
    l.file("first_registration", alice, [{ role: "applicant", ref: "pref:alice" }], [doc(1, "land_use_certificate"), doc(2, "identity_document")], []).approve();
    expect(l.property).toMatchObject({ registered: true, holders: ["pref:alice"] });

    const transfer = l.file("transfer", alice, [{ role: "seller", ref: "pref:alice" }, { role: "buyer", ref: "pref:bob" }], [doc(3, "sale_contract"), doc(4, "identity_document")], [bob]);
    expect(rightsStatus(l.property).inTransaction).toBe(true);
    transfer.approve();
    expect(l.property.holders).toEqual(["pref:bob"]);
    expect(rightsStatus(l.property)).toEqual({ registered: true, mortgaged: false, seized: false, inTransaction: false });
    expect(l.property.lastChange).toEqual({ applicationId: transfer.applicationId, kind: "transfer" });

    const mortgage = l.file("mortgage", bank, [{ role: "applicant", ref: "pref:bob" }, { role: "mortgagee", ref: "org:bank-1" }], [doc(5, "mortgage_contract"), doc(6, "identity_document")], [bob], {
      securedAmountRef: "amt:ref-1",
    });
    mortgage.approve();
    expect(l.property.mortgages).toEqual([{ mortgageId: mortgage.applicationId, mortgageeRef: "org:bank-1", securedAmountRef: "amt:ref-1" }]);
    expect(rightsStatus(l.property).mortgaged).toBe(true);

    // A transfer of a mortgaged unit stops on the registry's own fact.
    const blocked = l.file("transfer", bob, [{ role: "seller", ref: "pref:bob" }, { role: "buyer", ref: "pref:carol" }], [doc(7, "sale_contract"), doc(8, "identity_document")], [carol]);
    expect(blocked.state.checks.find((c) => c.checkId === "registry.no_unreleased_mortgage:property")).toMatchObject({ outcome: "no", reasonCode: "mortgaged" });
    expect(() => blocked.approve()).toThrow(/CHECKS_NOT_SATISFIED/);

    l.file("mortgage_release", bob, [{ role: "applicant", ref: "pref:bob" }, { role: "mortgagee", ref: "org:bank-1" }], [doc(9, "release_certificate")], [bank], {
      releases: mortgage.applicationId,
    }).approve();
    expect(rightsStatus(l.property).mortgaged).toBe(false);

    const seizure = l.file("seizure", court, [{ role: "court", ref: "org:court-1" }], [doc(10, "court_order")], [], { caseNumber: "(2026)湘1302执123号" });
    expect(seizure.state.checks.every((c) => c.department === "registry")).toBe(true);
    seizure.approve();
    expect(l.property.seizures).toEqual([{ seizureId: seizure.applicationId, courtRef: "org:court-1", caseNumber: "(2026)湘1302执123号" }]);
    expect(rightsStatus(l.property).seized).toBe(true);

    l.file("seizure_release", court, [{ role: "court", ref: "org:court-1" }], [doc(11, "court_order")], [], { releases: seizure.applicationId, caseNumber: "(2026)湘1302执123号" }).approve();
    expect(rightsStatus(l.property).seized).toBe(false);
    // The projection is a pure fold of the registration events.
    expect(fold(UNIT, l.events)).toEqual(l.property);
  });

  it("refuses a second first registration and a release of a mortgage that is not on record", () => {
    const l = new Ledger();
    l.file("first_registration", alice, [{ role: "applicant", ref: "pref:alice" }], [doc(1, "land_use_certificate"), doc(2, "identity_document")], []).approve();
    const again = l.file("first_registration", bob, [{ role: "applicant", ref: "pref:bob" }], [doc(3, "land_use_certificate"), doc(4, "identity_document")], []);
    expect(again.state.checks.find((c) => c.check === "not_yet_registered")?.reasonCode).toBe("already_registered");
    const release = l.file("mortgage_release", alice, [{ role: "applicant", ref: "pref:alice" }, { role: "mortgagee", ref: "org:bank-1" }], [doc(5, "release_certificate")], [bank], {
      releases: "app-unknown",
    });
    expect(release.state.checks.find((c) => c.check === "mortgage_on_record")?.outcome).toBe("no");
  });

  it("ignores events about other units", () => {
    const other = initialProperty("430102001001GB00002F00010001");
    const l = new Ledger();
    l.file("first_registration", alice, [{ role: "applicant", ref: "pref:alice" }], [doc(1, "land_use_certificate"), doc(2, "identity_document")], []).approve();
    expect(fold(other.unitNumber, l.events)).toEqual(other);
  });
});
