// Data for the dashboard and ledger specs (e2e/reports). The seed has already written eight
// weeks of history (drizzle/seed/history.ts); this counts, with plain SQL, what the
// dashboards should show for a range of those past days, which no later spec can change,
// into DATA_DIR/report-figures.json for dashboards.spec.ts. Then five transfers between residents
// and units of their own (never the demo residents' or units other specs use), filed,
// checked and decided through the same use-cases the portal runs, so the dashboards have
// applications, department checks with authorisation and answer times, and a queue.
// Every check is authorised by the department's admin in person: no standing rule is left
// behind to change what the other specs see. Idempotent: a second run adds nothing.
//   DATA_DIR=.data/e2e npx tsx e2e/reports/prepare-data.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { seed } from "@/drizzle/seed";
import { historyStart } from "@/drizzle/seed/history";
import { env } from "@/lib/env";
import { addDays, startOfDay, todayInLoudi } from "@/lib/dal/dashboards/range";
import { openDb, type Db } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { authoriseRequest } from "@/lib/dal/departments/authorise-request";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { actorByLogin, createResident, createUnit, fileTransfer, payDeedTax } from "@/lib/dal/registration/testing";
import { REPORT_PEOPLE } from "./people";

const handle = await openDb();
try {
  await migrate(handle);
  await seed(handle);
  const db = handle.db;
  await writeHistoryFigures(db);
  const already = await actorByLogin(db, REPORT_PEOPLE[0]!.seller.phone).then(
    () => true,
    () => false,
  );
  if (already) {
    console.log("Report data already there.");
  } else {
    const clerk = await actorByLogin(db, "clerk.registry");
    let approved = 0;
    for (const [i, people] of REPORT_PEOPLE.entries()) {
      const seller = await createResident(db, { name: people.seller.name, residentId: people.seller.residentId, phone: people.seller.phone });
      const buyer = await createResident(db, { name: people.buyer.name, residentId: people.buyer.residentId, phone: people.buyer.phone });
      const unit = await createUnit(db, seller.ref, 90_001 + i);
      await payDeedTax(db, unit, buyer.ref);
      const applicationId = await fileTransfer(db, { seller, buyerResidentId: buyer.residentId, unitNumber: unit });
      await confirmApplication(db, { actor: buyer.actor, applicationId });
      if (people.outcome === "queued") continue;
      await claimApplication(db, { actor: clerk, applicationId });
      const dispatched = await dispatchChecks(db, { actor: clerk, applicationId, answerNow: false });
      if (people.outcome === "checks_waiting") continue;
      for (const request of dispatched.requests) {
        await authoriseRequest(db, { actor: await actorByLogin(db, `admin.${request.department}`), requestId: request.requestId, answerNow: true });
      }
      await approveApplication(db, { actor: clerk, applicationId });
      approved++;
    }
    console.log(`Report data: ${REPORT_PEOPLE.length} transfers filed, ${approved} approved.`);
  }
} finally {
  await handle.close();
}

/**
 * Counts over the seeded history's days, from its first day to the day before yesterday
 * (nothing a spec does lands there): filings, decisions, department checks and SLA breaches
 * (a request closed later than its expected hours after it was raised).
 */
async function writeHistoryFigures(db: Db): Promise<void> {
  const from = todayInLoudi(historyStart(new Date()));
  const to = addDays(todayInLoudi(), -2);
  const start = startOfDay(from).toISOString();
  const end = startOfDay(addDays(to, 1)).toISOString();
  const result = await db.execute(sql`
    SELECT
      (SELECT count(*) FROM registration_applications WHERE submitted_at >= ${start}::timestamptz AND submitted_at < ${end}::timestamptz)::int AS filed,
      (SELECT count(*) FROM ledger_entries WHERE type IN ('registration.approved', 'registration.rejected')
         AND time >= ${start}::timestamptz AND time < ${end}::timestamptz)::int AS decided,
      (SELECT count(*) FROM registration_verification_requests WHERE raised_at >= ${start}::timestamptz AND raised_at < ${end}::timestamptz)::int AS checks,
      (SELECT count(*) FROM registration_verification_requests r
        WHERE r.raised_at >= ${start}::timestamptz AND r.raised_at < ${end}::timestamptz
          AND (SELECT min(e.time) FROM ledger_entries e WHERE e.subject = r.request_id
               AND e.type IN ('verification.answered', 'verification.refused', 'verification.blocked', 'verification.cancelled'))
              > r.raised_at + make_interval(hours => r.expected_hours))::int AS breaches`);
  const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, number>[];
  const figures = { from, to, filed: row!.filed, decided: row!.decided, checks: row!.checks, breaches: row!.breaches };
  writeFileSync(path.join(env.DATA_DIR, "report-figures.json"), JSON.stringify(figures, null, 2) + "\n");
  console.log(`Report figures for ${from}..${to}: ${figures.filed} filed, ${figures.decided} decided, ${figures.checks} checks, ${figures.breaches} SLA breaches.`);
}
