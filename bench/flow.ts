// `npm run bench -- flow [--applications N] [--concurrency C] [--quick]`
//
// Registration throughput through the data-access layer on one throwaway database
// (PostgreSQL when DATABASE_URL is set, else in-memory PGlite): transfers from submission to
// decision — submit, the buyer's confirmation, claim, dispatch (standing rules authorise
// every check at once, and each department's adapter reads its own records and answers),
// approval with the holdings cache and the credential. Filing the draft and uploading its
// documents are preparation, not timed. Prints applications/s (machine time only: nobody
// waits for a person) and the median per-application time. Printed, never asserted.
import { actorByLogin, createFlowFixture, createResident, createUnit, payDeedTax, pdfBytes, pngBytes, setCaseViewRule, setTransferStandingRules } from "@/lib/dal/registration/testing";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { saveDraft } from "@/lib/dal/registration/save-draft";
import { submitApplication } from "@/lib/dal/registration/submit-application";
import { uploadDocument } from "@/lib/dal/registration/upload-document";
import { makeResidentId } from "@/lib/domain/resident-id";

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const fmt = (n: number, digits = 1) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export default async function run(args: string[]): Promise<void> {
  const quick = args.includes("--quick");
  const total = option(args, "applications", quick ? 10 : 40);
  const concurrency = option(args, "concurrency", 4);
  const fixture = await createFlowFixture();
  try {
    const db = fixture.db;
    await setTransferStandingRules(db);
    await setCaseViewRule(db);
    const clerk = await actorByLogin(db, "clerk.registry");

    // Preparation (untimed): fresh sellers, buyers and units, drafts with their documents.
    const cases: { applicationId: string; seller: Awaited<ReturnType<typeof createResident>>; buyer: Awaited<ReturnType<typeof createResident>> }[] = [];
    for (let i = 0; i < total; i++) {
      const seller = await createResident(db, { name: `卖方${i}`, residentId: makeResidentId("431302", "19800101", 2 * i), phone: `1390000${String(i).padStart(4, "0")}` });
      const buyer = await createResident(db, { name: `买方${i}`, residentId: makeResidentId("431302", "19900101", 2 * i + 1), phone: `1370000${String(i).padStart(4, "0")}` });
      const unitNumber = await createUnit(db, seller.ref, 50_000 + i);
      await payDeedTax(db, unitNumber, buyer.ref);
      const { applicationId } = await saveDraft(db, {
        actor: seller.actor,
        input: { kind: "transfer", unitNumber, parties: [{ role: "seller", residentId: seller.residentId }, { role: "buyer", residentId: buyer.residentId }] },
      });
      await uploadDocument(db, { actor: seller.actor, input: { applicationId, kind: "sale_contract", fileName: "contract.pdf", bytes: pdfBytes() } });
      await uploadDocument(db, { actor: seller.actor, input: { applicationId, kind: "identity_document", fileName: "id.png", bytes: pngBytes() } });
      cases.push({ applicationId, seller, buyer });
    }

    // Timed: submission to decision, `concurrency` applications in flight at once.
    const durations: number[] = [];
    const steps: Record<string, number[]> = {};
    let next = 0;
    let failed = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < cases.length; i = next++) {
          const c = cases[i]!;
          const t0 = performance.now();
          const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
            const s0 = performance.now();
            const result = await fn();
            (steps[step] ??= []).push(performance.now() - s0);
            return result;
          };
          try {
            await timed("submit", () => submitApplication(db, { actor: c.seller.actor, applicationId: c.applicationId }));
            await timed("confirm", () => confirmApplication(db, { actor: c.buyer.actor, applicationId: c.applicationId }));
            await timed("claim", () => claimApplication(db, { actor: clerk, applicationId: c.applicationId }));
            const dispatched = await timed("dispatch + 5 answers", () => dispatchChecks(db, { actor: clerk, applicationId: c.applicationId }));
            if (dispatched.status !== "ready_for_decision") throw new Error(`checks not all answered: ${dispatched.status}`);
            await timed("approve + credential", () => approveApplication(db, { actor: clerk, applicationId: c.applicationId }));
            durations.push(performance.now() - t0);
          } catch (error) {
            failed++;
            console.error(`application ${i} failed:`, error instanceof Error ? error.message : error);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    durations.sort((a, b) => a - b);
    const median = durations.length === 0 ? NaN : durations[Math.floor(durations.length / 2)]!;
    console.log(`database: ${fixture.handle.kind}; ${total} transfers, ${concurrency} in flight; each: 5 department checks under standing rules, 3 registry facts`);
    console.log(`applications/s (submission → decision): ${fmt(durations.length / seconds, 2)}`);
    console.log(`median per application: ${fmt(median)} ms (p90 ${fmt(durations[Math.floor(durations.length * 0.9)] ?? NaN)} ms)`);
    const medianOf = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
    console.log(`median per step: ${Object.entries(steps).map(([step, list]) => `${step} ${fmt(medianOf(list))} ms`).join(", ")}`);
    if (failed > 0) console.log(`failed: ${failed}`);
  } finally {
    await fixture.close();
  }
}
