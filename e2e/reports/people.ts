// The residents e2e/reports/prepare-data.ts creates (names, ID numbers, phones): the ledger
// specs check that none of them appears anywhere on the public explorer.
import { makeResidentId } from "@/lib/domain/resident-id";

type Outcome = "approved" | "checks_waiting" | "queued";
const person = (n: number, role: "卖方" | "买方") => ({
  name: `报表${role}${"甲乙丙丁戊"[n]}`,
  residentId: makeResidentId(role === "卖方" ? "431302" : "431321", "19790707", role === "卖方" ? 901 + n : 951 + n),
  phone: `1390090${role === "卖方" ? "1" : "2"}${String(n).padStart(3, "0")}`,
});

export const REPORT_PEOPLE: { seller: ReturnType<typeof person>; buyer: ReturnType<typeof person>; outcome: Outcome }[] = (
  ["approved", "approved", "approved", "checks_waiting", "queued"] as const
).map((outcome, n) => ({ seller: person(n, "卖方"), buyer: person(n, "买方"), outcome }));
