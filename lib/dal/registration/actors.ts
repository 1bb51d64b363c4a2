// The signed-in account (lib/auth Actor) as the contracts see it: an opaque id, role and
// department, and for a resident the keyed ref of their ID number (`actsFor`), which is how
// applications name parties. Department adapters and the registry's automation act as
// `system:<department>`.
import { eq } from "drizzle-orm";
import type { Actor as ContractActor, DepartmentCode } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { currentTime } from "@/lib/clock";

export interface FlowActor {
  readonly account: Actor;
  readonly contract: ContractActor;
  /** The resident's keyed ID ref, or null for staff. */
  readonly personRef: string | null;
}

export async function flowActor(q: Queryable, actor: Actor): Promise<FlowActor> {
  let personRef: string | null = null;
  if (actor.role === "resident") {
    const [row] = await q.select({ ref: users.residentIdHmac }).from(users).where(eq(users.id, actor.userId));
    personRef = row?.ref ?? null;
  }
  const actsFor = personRef ? [personRef] : actor.role === "institution" && actor.department ? [`org:${actor.department}`] : undefined;
  return {
    account: actor,
    contract: { id: actor.userId, role: actor.role, department: actor.department, ...(actsFor ? { actsFor } : {}) },
    personRef,
  };
}

export function systemActor(department: DepartmentCode): ContractActor {
  return { id: `system:${department}`, role: "system", department };
}

/** RFC 3339 UTC with Z and no milliseconds noise: the contracts' `ctx.at` (lib/clock: the seed's history runs at past times). */
export function nowInstant(now: Date = currentTime()): string {
  return now.toISOString();
}
