// Sample entries for ledger tests, benchmarks and the concurrency script: nothing personal,
// opaque references only, as DESIGN.md §5 requires of every payload.
import type { Db } from "@/lib/db";
import { DEPARTMENT_CODES } from "@/lib/db/schema";
import { appendEntries, type AppendInput, type AppendResult } from "../append";

export function sampleInput(i: number, tag = "test"): AppendInput {
  return {
    type: "sample.recorded",
    contract: "sample@1",
    department: DEPARTMENT_CODES[i % DEPARTMENT_CODES.length]!,
    actor: `actor:${tag}`,
    subject: `subject:${tag}:${i}`,
    payload: { n: i, tag, answer: i % 2 === 0 ? "yes" : "no" },
  };
}

/** Appends `count` sample entries, `perTransaction` to a transaction. */
export async function appendSamples(db: Db, count: number, options: { tag?: string; perTransaction?: number } = {}): Promise<AppendResult[]> {
  const perTransaction = options.perTransaction ?? count;
  const results: AppendResult[] = [];
  for (let i = 0; i < count; i += perTransaction) {
    const inputs = Array.from({ length: Math.min(perTransaction, count - i) }, (_, j) => sampleInput(i + j, options.tag));
    results.push(...(await db.transaction((tx) => appendEntries(tx, inputs))));
  }
  return results;
}
