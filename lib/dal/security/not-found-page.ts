// For pages that look a record up by id: a "not found" refusal becomes Next's 404 page,
// the same whether the record exists or not, and the attempt is recorded first.
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { FlowError } from "@/lib/dal/registration/errors";
import { recordIfRefused } from "./refused-access";

/** `.catch(notFoundRecorded(db, actor))` on a page's look-up. */
export function notFoundRecorded(db: Db, actor: Actor) {
  return async (error: unknown): Promise<never> => {
    if (error instanceof FlowError && error.status === 404) {
      await recordIfRefused(db, actor, error);
      notFound();
    }
    throw error;
  };
}
