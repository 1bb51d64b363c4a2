// Housing authority (住建): purchase eligibility of a buyer under the purchase restriction.
import { eq } from "drizzle-orm";
import { housingEligibility } from "@/lib/db/schema";
import { no, yes, type DepartmentAdapter } from "./adapter";

export const housingAdapter: DepartmentAdapter = {
  department: "housing",
  checks: {
    purchase_eligibility: async (q, read) => {
      const [record] = await q.select().from(housingEligibility).where(eq(housingEligibility.personRef, read.subjectRef));
      // No housing record: the person owns no home in the city, so the restriction cannot bite.
      if (!record) return yes();
      return record.eligible ? yes() : no(record.reason.toLowerCase().replace(/[^a-z0-9_]/g, "_") || "not_eligible");
    },
  },
};
