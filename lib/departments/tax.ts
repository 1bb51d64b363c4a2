// Tax bureau (税务): deed tax (契税) paid on the unit for this sale — a payment on the unit
// within the last DEED_TAX_WINDOW_DAYS before the question was asked.
import { and, eq, gte, lte } from "drizzle-orm";
import { taxDeedTaxPayments } from "@/lib/db/schema";
import { no, yes, type DepartmentAdapter } from "./adapter";

export const DEED_TAX_WINDOW_DAYS = 90;

export const taxAdapter: DepartmentAdapter = {
  department: "tax",
  checks: {
    deed_tax_paid: async (q, read) => {
      const at = new Date(read.at);
      const since = new Date(at.getTime() - DEED_TAX_WINDOW_DAYS * 86_400_000);
      const [payment] = await q
        .select({ id: taxDeedTaxPayments.id })
        .from(taxDeedTaxPayments)
        .where(and(eq(taxDeedTaxPayments.unitNumber, read.subjectRef), gte(taxDeedTaxPayments.paidAt, since), lte(taxDeedTaxPayments.paidAt, at)))
        .limit(1);
      return payment ? yes() : no("deed_tax_not_paid");
    },
  },
};
