// Eight weeks of registration history for the demo (issue 6: "dashboards render the seeded
// history"), written through the portal's own use-cases — filing, confirmation, intake,
// dispatch, each department admin's authorisation (or refusal), the adapters' signed answers,
// approval, rejection, withdrawal — so every step is a signed ledger entry that
// `npm run ledger -- verify` checks, and the dashboards' SQL finds it like any live case.
//
// Time: each step runs with the seed's clock (lib/clock.ts) set to the step's moment, and
// steps run in time order (a small agenda), so entry times never go backwards along `seq`.
// Staff act in the hall's opening hours (08:30–17:30 Loudi time), residents while awake;
// a request raised late in the day waits for the next morning, which is where most SLA
// breaches come from. Every case is closed before the seed's "now": the desks, inboxes and
// queues of a fresh install start empty, as before.
//
// The cast and their units are the history's own (cadastral zones 012001 and 012002, ID
// numbers not in the seeded city), so nothing the demo residents or the tests rely on moves.
// Deterministic: one PRNG seed decides every choice, so a fresh install always gets the same
// cases on the same days counted back from its seed time.
import { eq } from "drizzle-orm";
import type { ApplicationKind } from "@/contracts/shared/application";
import type { DepartmentCode } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { SettableClock } from "@/lib/clock";
import type { Db } from "@/lib/db";
import { bankCredit, civilMarriages, housingEligibility, landUseRights, policePersons, properties, propertyHoldings, taxDeedTaxPayments, users } from "@/lib/db/schema";
import { encryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import { LOUDI_DISTRICTS } from "@/drizzle/schema/property";
import { makeResidentId } from "@/lib/domain/resident-id";
import { makeUnitNumber } from "@/lib/domain/unit-number";
import { loadActorByLogin, sealIdentity } from "@/lib/dal/auth/user-identity";
import { addDays, startOfDay, todayInLoudi } from "@/lib/dal/dashboards/range";
import { answerRequest } from "@/lib/dal/departments/answer-request";
import { authoriseRequest } from "@/lib/dal/departments/authorise-request";
import { refuseRequest } from "@/lib/dal/departments/refuse-request";
import { fileInstitutionFiling } from "@/lib/dal/properties/file-institution-filing";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { rejectApplication } from "@/lib/dal/registration/reject-application";
import { saveDraft } from "@/lib/dal/registration/save-draft";
import { submitApplication } from "@/lib/dal/registration/submit-application";
import { uploadDocument } from "@/lib/dal/registration/upload-document";
import { withdrawApplication } from "@/lib/dal/registration/withdraw-application";
import { setOutboundSenders } from "@/lib/notify/outbound";
import { createPrng, type Prng } from "./prng";
import { buildSeedData, parcelOutline, personName, streetAddress } from "./seed-data";

/** Days of history before the seed day; the dashboards' default range (60 days) shows them all. */
export const HISTORY_DAYS = 56;
/** No filing in the last days, so every case is decided before the seed time. */
const QUIET_DAYS = 9;
const HISTORY_SEED = 20_260_924;
const PEOPLE = 150;
const UNITS = 110;
const FIRST_REGISTRATION_PARCELS = 24;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const LOUDI_OFFSET = 8 * HOUR;

/** Midnight (Loudi) HISTORY_DAYS days before the seed day: the ledger's keys are valid from here. */
export function historyStart(now: Date): Date {
  return startOfDay(addDays(todayInLoudi(now), -HISTORY_DAYS));
}

export interface HistoryCounts {
  applications: number;
  byKind: Record<ApplicationKind, number>;
  approved: number;
  rejected: number;
  withdrawn: number;
  requests: number;
  refusedRequests: number;
}

interface Person {
  residentId: string;
  ref: string;
  name: string;
  phone: string;
  actor: Actor;
}

interface Unit {
  unitNumber: string;
  holder: Person;
  busy: boolean;
  mortgageId: string | null;
  seizure: { applicationId: string; caseNumber: string } | null;
}

interface Staff {
  clerk: Actor;
  bank: Actor;
  court: Actor;
  admins: Map<string, Actor>;
}

/** Steps to run, earliest first; equal times keep the order they were added in. */
class Agenda {
  private steps: { at: number; order: number; run: (at: number) => Promise<void> }[] = [];
  private added = 0;
  constructor(private readonly latest: number) {}
  add(at: number, run: (at: number) => Promise<void>): void {
    this.steps.push({ at: Math.min(at, this.latest), order: this.added++, run });
  }
  take() {
    if (this.steps.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.steps.length; i++) {
      const a = this.steps[i]!;
      const b = this.steps[best]!;
      if (a.at < b.at || (a.at === b.at && a.order < b.order)) best = i;
    }
    return this.steps.splice(best, 1)[0];
  }
}

/** Minutes after midnight, Loudi time. */
const localMinutes = (at: number) => (((at + LOUDI_OFFSET) % DAY) + DAY) % DAY / 60_000;

/** The same moment, or the next opening of the window between `open` and `close` (minutes). */
function within(at: number, rng: Prng, open: number, close: number): number {
  const m = localMinutes(at);
  if (m < open) return at + (open - m) * 60_000 + rng.int(0, 50) * 60_000;
  if (m >= close) return at + (24 * 60 - m + open) * 60_000 + rng.int(0, 50) * 60_000;
  return at;
}
const officeHours = (at: number, rng: Prng) => within(at, rng, 8 * 60 + 30, 17 * 60 + 30);
const wakingHours = (at: number, rng: Prng) => within(at, rng, 7 * 60 + 30, 22 * 60);

/** A delay of `min`..`max` hours, mostly short (squared uniform). */
const hoursLater = (rng: Prng, min: number, max: number) => (min + (max - min) * rng.next() ** 2) * HOUR;

/** How long each department's admin usually takes to authorise, and the occasional slow day. */
const AUTHORISE_HOURS: Record<string, [number, number, number]> = {
  // [fast min, fast max, chance of a slow one (up to two days)]
  police: [0.1, 3, 0.12],
  civil: [0.3, 6, 0.15],
  tax: [0.3, 6, 0.2],
  housing: [1, 12, 0.25],
  bank: [0.5, 10, 0.2],
  land: [1, 16, 0.25],
};

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);

/**
 * Writes the history, ending before `end`. Runs every step with `clock` set to its time;
 * the caller runs this inside runAtClock(clock, …) with keys valid from historyStart(end).
 */
export async function writeHistory(db: Db, clock: SettableClock, options: { end: Date; passwordHash: string }): Promise<HistoryCounts> {
  const rng = createPrng(HISTORY_SEED);
  const start = historyStart(options.end).getTime();
  const counts: HistoryCounts = {
    applications: 0,
    byKind: { first_registration: 0, transfer: 0, mortgage: 0, mortgage_release: 0, seizure: 0, seizure_release: 0 },
    approved: 0,
    rejected: 0,
    withdrawn: 0,
    requests: 0,
    refusedRequests: 0,
  };
  clock.set(new Date(start));
  const people = await createPeople(db, rng, options.passwordHash);
  const units = await createUnits(db, rng, people);
  const parcels = await createLandUseRights(db, rng, people, start);
  const staff = await loadStaff(db);
  const agenda = new Agenda(options.end.getTime() - 5 * 60_000);
  let caseNumbers = 0;
  let firstRegistrations = 0;

  // Filings: a few a day, more mid-week, none in the quiet days at the end.
  for (let d = 0; d < HISTORY_DAYS - QUIET_DAYS; d++) {
    const dayStart = start + d * DAY;
    const weekday = new Date(dayStart + LOUDI_OFFSET).getUTCDay();
    const n = rng.int(1, weekday === 0 || weekday === 6 ? 3 : 6);
    for (let i = 0; i < n; i++) agenda.add(dayStart + rng.int(8 * 60, 21 * 60) * 60_000, (at) => file(at));
  }

  async function file(at: number): Promise<void> {
    const kind = (["first_registration", "transfer", "mortgage", "mortgage_release", "seizure", "seizure_release"] as const)[rng.weighted([10, 45, 20, 10, 9, 6])]!;
    const free = units.filter((u) => !u.busy);
    const candidates: Record<ApplicationKind, Unit[]> = {
      first_registration: [],
      transfer: free.filter((u) => !u.mortgageId && !u.seizure),
      mortgage: free.filter((u) => !u.mortgageId && !u.seizure),
      mortgage_release: free.filter((u) => u.mortgageId),
      seizure: free.filter((u) => !u.seizure),
      seizure_release: free.filter((u) => u.seizure),
    };
    if (kind === "first_registration" && firstRegistrations < parcels.length * 3) return fileFirstRegistration(at);
    const pool = candidates[kind].length > 0 ? candidates[kind] : candidates.transfer;
    if (pool.length === 0) return;
    const unit = rng.pick(pool);
    const chosen: ApplicationKind = candidates[kind].length > 0 ? kind : "transfer";
    unit.busy = true;
    counts.applications++;
    counts.byKind[chosen]++;
    switch (chosen) {
      case "transfer": {
        const buyer = rng.pick(people.filter((p) => p !== unit.holder));
        // The buyer pays the deed tax before filing, almost always.
        if (rng.chance(0.93)) {
          await db.insert(taxDeedTaxPayments).values({ unitNumber: unit.unitNumber, payerRef: buyer.ref, amount: `${rng.int(6000, 30000)}.00`, paidAt: new Date(at - rng.int(1, 20) * DAY) });
        }
        const { applicationId } = await saveDraft(db, {
          actor: unit.holder.actor,
          input: { kind: "transfer", unitNumber: unit.unitNumber, parties: [{ role: "seller", residentId: unit.holder.residentId }, { role: "buyer", residentId: buyer.residentId }] },
        });
        await uploadDocument(db, { actor: unit.holder.actor, input: { applicationId, kind: "sale_contract", fileName: "sale-contract.pdf", bytes: pdf("sale contract"), declaredType: "application/pdf" } });
        await uploadDocument(db, { actor: unit.holder.actor, input: { applicationId, kind: "identity_document", fileName: "id.pdf", bytes: pdf("identity"), declaredType: "application/pdf" } });
        await submitApplication(db, { actor: unit.holder.actor, applicationId });
        return awaitConfirmation(at, applicationId, unit.holder, buyer, () => {
          unit.holder = buyer;
        }, unit);
      }
      case "mortgage": {
        const { applicationId } = await fileInstitutionFiling(db, {
          actor: staff.bank,
          input: {
            kind: "mortgage",
            unitNumber: unit.unitNumber,
            ownerResidentId: unit.holder.residentId,
            securedAmount: `${rng.int(20, 120) * 10_000}`,
            documents: [
              { kind: "mortgage_contract", fileName: "mortgage-contract.pdf", bytes: pdf("mortgage contract"), declaredType: "application/pdf" },
              { kind: "identity_document", fileName: "id.pdf", bytes: pdf("identity"), declaredType: "application/pdf" },
            ],
          },
        });
        return awaitConfirmation(at, applicationId, null, unit.holder, () => {
          unit.mortgageId = applicationId;
        }, unit);
      }
      case "mortgage_release": {
        const { applicationId } = await fileInstitutionFiling(db, {
          actor: staff.bank,
          input: {
            kind: "mortgage_release",
            unitNumber: unit.unitNumber,
            ownerResidentId: unit.holder.residentId,
            releases: unit.mortgageId!,
            documents: [{ kind: "release_certificate", fileName: "release.pdf", bytes: pdf("release certificate"), declaredType: "application/pdf" }],
          },
        });
        return awaitConfirmation(at, applicationId, null, unit.holder, () => {
          unit.mortgageId = null;
        }, unit);
      }
      case "seizure": {
        const caseNumber = `(2026)湘1302执${101 + caseNumbers++}号`;
        const { applicationId } = await fileInstitutionFiling(db, {
          actor: staff.court,
          input: { kind: "seizure", unitNumber: unit.unitNumber, caseNumber, documents: [{ kind: "court_order", fileName: "order.pdf", bytes: pdf("court order"), declaredType: "application/pdf" }] },
        });
        return intake(officeHours(at + hoursLater(rng, 0.2, 6), rng), applicationId, () => {
          unit.seizure = { applicationId, caseNumber };
        }, unit);
      }
      case "seizure_release": {
        const seizure = unit.seizure!;
        const { applicationId } = await fileInstitutionFiling(db, {
          actor: staff.court,
          input: {
            kind: "seizure_release",
            unitNumber: unit.unitNumber,
            caseNumber: seizure.caseNumber,
            releases: seizure.applicationId,
            documents: [{ kind: "court_order", fileName: "release-order.pdf", bytes: pdf("release order"), declaredType: "application/pdf" }],
          },
        });
        return intake(officeHours(at + hoursLater(rng, 0.2, 6), rng), applicationId, () => {
          unit.seizure = null;
        }, unit);
      }
      case "first_registration":
        return;
    }
  }

  async function fileFirstRegistration(at: number): Promise<void> {
    const parcel = rng.pick(parcels);
    // Now and then someone files on a parcel that is not theirs: land answers no.
    const applicant = rng.chance(0.1) ? rng.pick(people) : parcel.holder;
    const unitNumber = `${parcel.code}F0001${String(101 + firstRegistrations++).padStart(4, "0")}`;
    counts.applications++;
    counts.byKind.first_registration++;
    const { applicationId } = await saveDraft(db, {
      actor: applicant.actor,
      input: { kind: "first_registration", unitNumber, parties: [{ role: "applicant", residentId: applicant.residentId }] },
    });
    await uploadDocument(db, { actor: applicant.actor, input: { applicationId, kind: "land_use_certificate", fileName: "land-use.pdf", bytes: pdf("land use certificate"), declaredType: "application/pdf" } });
    await uploadDocument(db, { actor: applicant.actor, input: { applicationId, kind: "identity_document", fileName: "id.pdf", bytes: pdf("identity"), declaredType: "application/pdf" } });
    await submitApplication(db, { actor: applicant.actor, applicationId });
    const unit: Unit = { unitNumber, holder: applicant, busy: true, mortgageId: null, seizure: null };
    return intake(officeHours(at + hoursLater(rng, 0.3, 20), rng), applicationId, () => {
      units.push(unit);
    }, unit);
  }

  /** The counter-party confirms online (or the filer withdraws first, now and then). */
  function awaitConfirmation(at: number, applicationId: string, filer: Person | null, counterparty: Person, onApproved: () => void, unit: Unit): void {
    if (filer && rng.chance(0.05)) {
      agenda.add(wakingHours(at + hoursLater(rng, 1, 30), rng), async () => {
        await withdrawApplication(db, { actor: filer.actor, input: { applicationId, reasonCode: "changed_mind" } });
        counts.withdrawn++;
        unit.busy = false;
      });
      return;
    }
    agenda.add(wakingHours(at + hoursLater(rng, 0.2, 30), rng), async (confirmedAt) => {
      await confirmApplication(db, { actor: counterparty.actor, applicationId });
      intake(officeHours(confirmedAt + hoursLater(rng, 0.3, 20), rng), applicationId, onApproved, unit);
    });
  }

  /** A registry clerk claims the case and, a little later, dispatches its checks. */
  function intake(at: number, applicationId: string, onApproved: () => void, unit: Unit): void {
    agenda.add(at, async (claimedAt) => {
      await claimApplication(db, { actor: staff.clerk, applicationId });
      agenda.add(officeHours(claimedAt + rng.int(5, 90) * 60_000, rng), async (dispatchedAt) => {
        const dispatched = await dispatchChecks(db, { actor: staff.clerk, applicationId, answerNow: false });
        const outcomes: ("yes" | "no" | "refused")[] = [];
        if (dispatched.registryFacts.some((f) => f.outcome === "no")) outcomes.push("no");
        let open = dispatched.requests.length;
        counts.requests += open;
        const decideWhenDone = (at: number) => {
          if (--open === 0) decide(at, applicationId, outcomes, onApproved, unit);
        };
        if (open === 0) return decide(dispatchedAt, applicationId, outcomes, onApproved, unit);
        for (const request of dispatched.requests) {
          const admin = staff.admins.get(request.department)!;
          const [min, max, slow] = AUTHORISE_HOURS[request.department] ?? [0.5, 8, 0.2];
          const delay = rng.chance(slow) ? hoursLater(rng, max, 48) : hoursLater(rng, min, max);
          const refuse = rng.chance(0.03);
          agenda.add(officeHours(dispatchedAt + delay, rng), async (authorisedAt) => {
            if (refuse) {
              await refuseRequest(db, { actor: admin, input: { requestId: request.requestId, reasonCode: "purpose_not_covered" } });
              counts.refusedRequests++;
              outcomes.push("refused");
              return decideWhenDone(authorisedAt);
            }
            await authoriseRequest(db, { actor: admin, requestId: request.requestId, answerNow: false });
            // The department's system answers within minutes, or hours when it is slow.
            const answerDelay = rng.chance(0.1) ? hoursLater(rng, 1, 12) : rng.int(1, 30) * 60_000;
            agenda.add(authorisedAt + answerDelay, async (answeredAt) => {
              const answer = await answerRequest(db, { actor: "system", requestId: request.requestId });
              outcomes.push(answer.outcome);
              decideWhenDone(answeredAt);
            });
          });
        }
      });
    });
  }

  /** The clerk approves when every answer is yes, else rejects citing the answers. */
  function decide(at: number, applicationId: string, outcomes: readonly string[], onApproved: () => void, unit: Unit): void {
    agenda.add(officeHours(at + hoursLater(rng, 0.3, 30), rng), async () => {
      if (outcomes.every((o) => o === "yes")) {
        await approveApplication(db, { actor: staff.clerk, applicationId });
        counts.approved++;
        onApproved();
      } else {
        await rejectApplication(db, { actor: staff.clerk, input: { applicationId, reasonCode: outcomes.includes("refused") ? "check_refused" : "check_answered_no" } });
        counts.rejected++;
      }
      unit.busy = false;
    });
  }

  // History's SMS were "sent" back then: none goes out now.
  const senders = setOutboundSenders([]);
  try {
    for (let step = agenda.take(); step; step = agenda.take()) {
      clock.set(new Date(step.at));
      await step.run(step.at);
    }
  } finally {
    setOutboundSenders(senders);
  }
  return counts;
}

async function loadStaff(db: Db): Promise<Staff> {
  const load = async (login: string) => {
    const actor = await loadActorByLogin(db, login);
    if (!actor) throw new Error(`the seed has no ${login} account`);
    return actor;
  };
  const admins = new Map<string, Actor>();
  for (const department of ["police", "civil", "tax", "housing", "bank", "land"] satisfies DepartmentCode[]) admins.set(department, await load(`admin.${department}`));
  return { clerk: await load("clerk.registry"), bank: await load("bank.officer"), court: await load("court.officer"), admins };
}

/** Residents with portal accounts (the demo password) and each department's records of them. */
async function createPeople(db: Db, rng: Prng, passwordHash: string): Promise<Person[]> {
  const taken = new Set(buildSeedData().persons.map((p) => p.residentId));
  const people: Omit<Person, "actor">[] = [];
  await db.transaction(async (tx) => {
    while (people.length < PEOPLE) {
      const district = rng.pick(LOUDI_DISTRICTS).code;
      const birth = `${rng.int(1962, 1998)}${String(rng.int(1, 12)).padStart(2, "0")}${String(rng.int(1, 28)).padStart(2, "0")}`;
      const residentId = makeResidentId(district, birth, rng.int(0, 999));
      if (taken.has(residentId)) continue;
      taken.add(residentId);
      const name = personName(rng);
      const phone = `1370012${String(people.length).padStart(4, "0")}`;
      const ref = personalRef("resident-id", residentId);
      const married = rng.chance(0.55);
      await tx.insert(users).values({
        ...(await sealIdentity(tx, { login: phone, displayName: name })),
        role: "resident",
        passwordHash,
        residentIdHmac: ref,
        residentIdCipher: await encryptPersonal(tx, "registry", "resident_id", residentId),
        phoneCipher: await encryptPersonal(tx, "registry", "phone", phone),
      });
      await tx.insert(policePersons).values({
        personRef: ref,
        nameCipher: await encryptPersonal(tx, "police", "name", name),
        residentIdCipher: await encryptPersonal(tx, "police", "resident_id", residentId),
        addressCipher: await encryptPersonal(tx, "police", "address", streetAddress(rng, district)),
        hasCriminalRecord: false,
      });
      // A married seller without the spouse's consent on file is what civil answers no to.
      await tx.insert(civilMarriages).values({ personRef: ref, status: married ? "married" : "single", spouseRef: married ? personalRef("resident-id", `${residentId}:spouse`) : null, spouseConsentOnFile: married && rng.chance(0.85) });
      const eligible = rng.chance(0.9);
      await tx.insert(housingEligibility).values({ personRef: ref, homesOwnedInCity: eligible ? 1 : 2, eligible, reason: eligible ? "OK" : "HOME_LIMIT_REACHED" });
      await tx.insert(bankCredit).values({ personRef: ref, outstandingMortgages: 0, creditOk: rng.chance(0.9) });
      people.push({ residentId, ref, name, phone });
    }
  });
  const withActors: Person[] = [];
  for (const person of people) {
    const actor = await loadActorByLogin(db, person.phone);
    if (!actor) throw new Error(`history resident ${person.phone} did not load`);
    withActors.push({ ...person, actor });
  }
  return withActors;
}

/** Registered flats in zone 012001 (outside the seeded register), one per holder. */
async function createUnits(db: Db, rng: Prng, people: Person[]): Promise<Unit[]> {
  const units: Unit[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < UNITS; i++) {
      const district = rng.pick(LOUDI_DISTRICTS).code;
      const floor = rng.int(1, 18);
      const unitNumber = makeUnitNumber({ county: district, zone: "012001", feature: "GB", parcel: 1 + Math.floor(i / 6), fixture: "F", building: 1, unit: floor * 100 + (i % 6) + 1 });
      const holder = people[i]!;
      const [row] = await tx
        .insert(properties)
        .values({
          unitNumber,
          district,
          address: `${streetAddress(rng, district)}1栋${floor * 100 + (i % 6) + 1}室`,
          area: `${rng.int(60, 160)}.${String(rng.int(0, 99)).padStart(2, "0")}`,
          use: "residential",
          floor,
          builtYear: rng.int(2000, 2022),
          parcelOutline: parcelOutline(rng, "residential"),
        })
        .returning({ id: properties.id });
      const [account] = await tx.select({ id: users.id }).from(users).where(eq(users.residentIdHmac, holder.ref));
      await tx.insert(propertyHoldings).values({ propertyId: row!.id, holderRef: holder.ref, holderUserId: account?.id ?? null, share: "1.0000" });
      units.push({ unitNumber, holder, busy: false, mortgageId: null, seizure: null });
    }
  });
  return units;
}

/** Land-use rights on parcels of zone 012002 where nothing is registered yet. */
async function createLandUseRights(db: Db, rng: Prng, people: Person[], start: number): Promise<{ code: string; holder: Person }[]> {
  const parcels: { code: string; holder: Person }[] = [];
  const rows = [];
  for (let i = 0; i < FIRST_REGISTRATION_PARCELS; i++) {
    const district = rng.pick(LOUDI_DISTRICTS).code;
    const code = makeUnitNumber({ county: district, zone: "012002", feature: "GB", parcel: i + 1, fixture: "F", building: 1, unit: 1 }).slice(0, 19);
    const holder = people[UNITS + (i % (PEOPLE - UNITS))]!;
    parcels.push({ code, holder });
    const granted = new Date(start - rng.int(200, 3000) * DAY).toISOString().slice(0, 10);
    // One in eight has run out: land answers no.
    const expires = rng.chance(0.125) ? new Date(start - rng.int(10, 100) * DAY).toISOString().slice(0, 10) : "2086-12-31";
    rows.push({ parcelCode: code, holderRef: holder.ref, landUse: "residential", grantedOn: granted, expiresOn: expires });
  }
  await db.insert(landUseRights).values(rows);
  return parcels;
}
