// Senior admin (ledger health): fold every application and every touched unit from the
// ledger and compare with the cache tables; with `repair`, overwrite what differs. Status
// columns are caches (DESIGN.md §3) and this is the command that proves it.
import { asc } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationApplications, registrationPropertyRights } from "@/lib/db/schema";
import { rebuildApplication } from "./application-store";
import { rebuildPropertyRights } from "./property-rights";

export interface RebuildCachesResult {
  applications: number;
  units: number;
  mismatches: { kind: "application" | "unit"; id: string }[];
}

export async function rebuildCaches(db: Db, options: { actor: Actor; repair?: boolean }): Promise<RebuildCachesResult> {
  assertCan(options.actor, "ledger.health");
  const apps = await db.select({ id: registrationApplications.id }).from(registrationApplications).orderBy(asc(registrationApplications.id));
  const mismatches: RebuildCachesResult["mismatches"] = [];
  for (const { id } of apps) {
    const report = await rebuildApplication(db, id, { repair: options.repair });
    if (!report.matches) mismatches.push({ kind: "application", id });
  }
  const units = await db.select({ unit: registrationPropertyRights.unitNumber }).from(registrationPropertyRights);
  for (const { unit } of units) {
    const report = await rebuildPropertyRights(db, unit);
    if (!report.matches) mismatches.push({ kind: "unit", id: unit });
  }
  return { applications: apps.length, units: units.length, mismatches };
}
