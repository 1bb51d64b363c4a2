// Bank: credit standing of a mortgagor.
import { eq } from "drizzle-orm";
import { bankCredit } from "@/lib/db/schema";
import { no, yes, type DepartmentAdapter } from "./adapter";

export const bankAdapter: DepartmentAdapter = {
  department: "bank",
  checks: {
    credit: async (q, read) => {
      const [record] = await q.select().from(bankCredit).where(eq(bankCredit.personRef, read.subjectRef));
      if (!record) return no("credit_record_not_found");
      return record.creditOk ? yes() : no("credit_not_ok");
    },
  },
};
