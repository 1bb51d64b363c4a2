// Which seeded units each demo resident holds (drizzle/seed/seed-data.ts is deterministic).
import { DEMO_RESIDENTS, type DemoResident } from "@/drizzle/seed/demo-accounts";
import { buildSeedData } from "@/drizzle/seed/seed-data";

export function demoUnits(): { unitNumber: string; use: string; holder: DemoResident }[] {
  const data = buildSeedData();
  return data.properties.flatMap((p) => {
    const holder = p.holders.length === 1 ? DEMO_RESIDENTS[p.holders[0]!.person] : undefined;
    return holder ? [{ unitNumber: p.unitNumber, use: p.use, holder }] : [];
  });
}

export function resident(name: string): DemoResident {
  const r = DEMO_RESIDENTS.find((x) => x.name === name);
  if (!r) throw new Error(`no demo resident ${name}`);
  return r;
}

/** The n-th residential unit held by a demo resident alone. */
export function homeOf(name: string, n = 0): string {
  const unit = demoUnits().filter((u) => u.holder.name === name && u.use === "residential")[n];
  if (!unit) throw new Error(`${name} holds no residential unit #${n}`);
  return unit.unitNumber;
}
