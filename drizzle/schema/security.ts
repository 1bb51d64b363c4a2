// Refused look-ups by id (issue 7, item 1; DESIGN.md §7 "audit of refused attempts"): a
// signed-in person asked for an application, document, credential or (staff) verification
// request that does not exist or is not theirs (their department's), and got the same 404 either way. Operational records, not the ledger: any
// signed-in caller can cause one by guessing ids, and a guess must not grow the signed log.
// No personal data: the caller's account id, the kind and opaque id asked for, and whether
// such a record exists (so an operator can tell probing of real records from typos).
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Role } from "./identity";
import { users } from "./identity";

export const REFUSED_RESOURCES = ["application", "document", "credential", "verification_request"] as const;
export type RefusedResource = (typeof REFUSED_RESOURCES)[number];

export const accessRefusals = pgTable(
  "access_refusals",
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid()
      .notNull()
      .references(() => users.id),
    actorRole: text().$type<Role>().notNull(),
    resource: text().$type<RefusedResource>().notNull(),
    /** The id as asked, cut to 100 characters (ids are opaque: `app-…`, `doc-…`, credential ids). */
    resourceId: text().notNull(),
    /** True when the record exists (someone else's), false when nothing has this id. */
    targetExists: boolean().notNull(),
  },
  (t) => [index("access_refusals_at_idx").on(t.at), index("access_refusals_actor_idx").on(t.actorUserId, t.at)],
);
