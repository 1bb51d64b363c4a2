// `npm run db:seed`: migrates, then writes the demo data (drizzle/seed) once. Running it
// again on a seeded database changes nothing.
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seed } from "@/drizzle/seed";
import { describeDatabase } from "./database-label";

const handle = await openDb();
try {
  await migrate(handle);
  const result = await seed(handle);
  if (result.seeded) {
    const c = result.counts;
    console.log(
      `Seeded ${describeDatabase()}: ${c.departments} departments, ${c.staff} staff, ${c.residents} demo residents, ` +
        `${c.properties} properties (${c.holdings} holdings), ${c.persons} persons in department records, ` +
        `${c.marriages} married, ${c.deedTaxPayments} deed tax payments, ${c.landTransactions} land transactions, ` +
        `${result.credentialsIssued} credentials.`,
    );
    const h = result.history;
    if (h) console.log(`History: ${h.applications} cases over the last weeks (${h.approved} approved, ${h.rejected} rejected, ${h.withdrawn} withdrawn), ${h.requests} department checks.`);
  } else {
    console.log(
      `${describeDatabase()} already has data (departments exist); seed skipped` +
        (result.credentialsIssued > 0 ? `, but ${result.credentialsIssued} missing seed credentials were issued.` : "."),
    );
  }
} finally {
  await handle.close();
}
