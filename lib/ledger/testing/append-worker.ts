// Appends sample entries from its own OS process, one entry per transaction, for the
// concurrency and crash tests: `npx tsx lib/ledger/testing/append-worker.ts <count> <tag>`
// with DATABASE_URL pointing at the test database. Prints "appended <n>" every 10 entries
// (and at the end) so the parent can kill it mid-run.
import { openDb } from "@/lib/db";
import { appendEntry } from "../append";
import { sampleInput } from "./sample";

const [countText, tag = `worker-${process.pid}`] = process.argv.slice(2);
const count = Number(countText);
if (!Number.isInteger(count) || count < 1) {
  console.error("usage: append-worker.ts <count> [tag]");
  process.exit(2);
}
const handle = await openDb();
for (let i = 0; i < count; i++) {
  await handle.db.transaction((tx) => appendEntry(tx, sampleInput(i, tag)));
  if ((i + 1) % 10 === 0 || i + 1 === count) console.log(`appended ${i + 1}`);
}
await handle.close();
