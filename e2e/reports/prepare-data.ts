// Data for the dashboard and ledger specs (e2e/reports): five transfers between residents
// and units of their own (never the demo residents' or units other specs use), filed,
// checked and decided through the same use-cases the portal runs, so the dashboards have
// applications, department checks with authorisation and answer times, and a queue.
// Every check is authorised by the department's admin in person: no standing rule is left
// behind to change what the other specs see. Idempotent: a second run adds nothing.
//   DATA_DIR=.data/e2e npx tsx e2e/reports/prepare-data.ts
import { seed } from "@/drizzle/seed";
import { openDb } from "@/lib/db";
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
