// The demo city, as plain data: people, properties, who holds what, marriages, sales and
// deed tax. Pure and deterministic (seeded PRNG, dates counted from SEED_EPOCH), so every
// install shows the same city and tests can count on it. `seed()` in ./index.ts writes it,
// turning ID numbers into keyed references and personal fields into ciphertext.
import { LOUDI_DISTRICTS, type DistrictCode, type ParcelOutline, type PropertyUse } from "@/drizzle/schema/property";
import type { DepartmentCode } from "@/drizzle/schema/identity";
import type { MaritalStatus } from "@/drizzle/schema/department-records";
import { makeResidentId } from "@/lib/domain/resident-id";
import { makeUnitNumber } from "@/lib/domain/unit-number";
import { DEMO_RESIDENTS, type DemoResident } from "./demo-accounts";
import { createPrng, type Prng } from "./prng";

/** All seeded dates are counted back from this instant, never from "now". */
export const SEED_EPOCH = new Date("2026-11-01T00:00:00Z");
const DAY_MS = 86_400_000;

export const SEED_PROPERTY_COUNT = 200;
export const SEED_SYNTHETIC_PERSON_COUNT = 300;

/** The eight departments of DESIGN.md §1. */
export const SEED_DEPARTMENTS: readonly { code: DepartmentCode; nameZh: string; nameEn: string }[] = [
  { code: "registry", nameZh: "不动产登记中心", nameEn: "Real Estate Registration Centre" },
  { code: "land", nameZh: "自然资源和规划局", nameEn: "Natural Resources Bureau" },
  { code: "housing", nameZh: "住房和城乡建设局", nameEn: "Housing Authority" },
  { code: "tax", nameZh: "税务局", nameEn: "Tax Bureau" },
  { code: "police", nameZh: "公安局", nameEn: "Public Security Bureau" },
  { code: "civil", nameZh: "民政局", nameEn: "Civil Affairs Bureau" },
  { code: "bank", nameZh: "银行", nameEn: "Banks" },
  { code: "court", nameZh: "人民法院", nameEn: "People's Court" },
];

export interface SeedPerson {
  residentId: string;
  name: string;
  /** Household-registration address (police record). */
  address: string;
  /** Set for the demo residents, who have portal accounts. */
  demo?: DemoResident;
  hasCriminalRecord: boolean;
  maritalStatus: MaritalStatus;
  /** Index into `persons` of the spouse (married only). */
  spouse?: number;
  spouseConsentOnFile: boolean;
  /** Marriage (or divorce, widowhood) date, YYYY-MM-DD. */
  maritalSince?: string;
  outstandingMortgages: number;
  creditOk: boolean;
}

export interface SeedProperty {
  id: string;
  unitNumber: string;
  district: DistrictCode;
  address: string;
  /** m², two decimals, as text (numeric column). */
  area: string;
  use: PropertyUse;
  floor: number;
  builtYear: number;
  parcelOutline: ParcelOutline;
  holders: { person: number; share: string }[];
}

export interface SeedSale {
  unitNumber: string;
  price: string;
  transactedOn: string;
}

export interface SeedDeedTax {
  unitNumber: string;
  payer: number;
  amount: string;
  paidAt: Date;
}

/** A land-use right (土地使用权) on a parcel: what a first registration on the parcel needs. */
export interface SeedLandUseRight {
  parcelCode: string;
  holder: number;
  landUse: PropertyUse;
  grantedOn: string;
  expiresOn: string;
}

export interface SeedData {
  persons: SeedPerson[];
  properties: SeedProperty[];
  sales: SeedSale[];
  deedTaxes: SeedDeedTax[];
  landUseRights: SeedLandUseRight[];
}

/**
 * Parcels outside the seeded register (cadastral zone 010001, unused by buildProperties) on
 * which demo resident n holds a land-use right and nothing is registered yet: a demo resident
 * can file a first registration of a unit on their parcel, e.g. `${DEMO_FIRST_REGISTRATION_PARCELS[3]}F00010101`.
 */
export const DEMO_FIRST_REGISTRATION_PARCELS = [1, 2, 3, 4].map((n) => `431302010001GB${String(n).padStart(5, "0")}`);

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "罗", "高", "林", "曾", "谢", "彭", "邓", "肖", "唐", "贺", "龙", "颜", "谭"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "文", "辉", "丽", "湘", "娄", "梅", "峰", "宇", "欣", "怡", "浩", "鑫", "婷", "思", "晨"];

/** A few real street names per district; house numbers are invented. */
const STREETS: Record<DistrictCode, readonly string[]> = {
  "431302": ["乐坪大道", "长青中街", "湘中大道", "氐星路", "月塘街", "吉星路"],
  "431321": ["蔡和森大道", "双峰大道", "永丰中路", "国藩路"],
  "431322": ["上梅路", "天华路", "梅苑路", "向东街"],
  "431381": ["锑都大道", "冷水江大道", "沙塘湾路", "布溪路"],
  "431382": ["人民路", "渡头街", "涟滨西路", "交通路"],
};

/** Rough yuan per m² of residential floor area, per district (illustrative, not official). */
const PRICE_PER_M2: Record<DistrictCode, number> = {
  "431302": 6500,
  "431321": 4800,
  "431322": 4500,
  "431381": 4200,
  "431382": 4300,
};

const districtName = (code: DistrictCode) => LOUDI_DISTRICTS.find((d) => d.code === code)!.nameZh;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const daysBefore = (days: number) => new Date(SEED_EPOCH.getTime() - days * DAY_MS);
const money = (n: number) => n.toFixed(2);

export function personName(rng: Prng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.6) ? rng.pick(GIVEN) : "");
}

export function streetAddress(rng: Prng, district: DistrictCode): string {
  return `娄底市${districtName(district)}${rng.pick(STREETS[district])}${rng.int(1, 299)}号`;
}

/** A parcel outline in local metres: a rectangle with one corner cut, closed ring. */
export function parcelOutline(rng: Prng, use: PropertyUse): ParcelOutline {
  const scale = use === "industrial" ? 3 : 1;
  const w = rng.int(20, 60) * scale;
  const h = rng.int(15, 45) * scale;
  const cut = rng.int(0, Math.floor(Math.min(w, h) / 3));
  const ring: [number, number][] =
    cut > 0
      ? [[0, 0], [w, 0], [w, h - cut], [w - cut, h], [0, h], [0, 0]]
      : [[0, 0], [w, 0], [w, h], [0, h], [0, 0]];
  return { type: "Polygon", coordinates: [ring] };
}

function buildPersons(rng: Prng): SeedPerson[] {
  const used = new Set(DEMO_RESIDENTS.map((r) => r.residentId));
  const persons: SeedPerson[] = DEMO_RESIDENTS.map((demo) => ({
    residentId: demo.residentId,
    name: demo.name,
    address: "",
    demo,
    hasCriminalRecord: false,
    maritalStatus: "single",
    spouseConsentOnFile: false,
    outstandingMortgages: 0,
    creditOk: true,
  }));
  while (persons.length < DEMO_RESIDENTS.length + SEED_SYNTHETIC_PERSON_COUNT) {
    const district = LOUDI_DISTRICTS[rng.weighted([40, 15, 15, 15, 15])]!.code;
    const birth = daysBefore(rng.int(18 * 365 + 5, 75 * 365));
    const residentId = makeResidentId(district, isoDate(birth).replaceAll("-", ""), rng.int(0, 999));
    if (used.has(residentId)) continue;
    used.add(residentId);
    const mortgages = rng.weighted([70, 25, 5]);
    persons.push({
      residentId,
      name: personName(rng),
      address: `${streetAddress(rng, district)}${rng.int(1, 12)}栋${rng.int(1, 18)}0${rng.int(1, 4)}室`,
      hasCriminalRecord: rng.chance(0.03),
      maritalStatus: "single",
      spouseConsentOnFile: false,
      outstandingMortgages: mortgages,
      creditOk: !rng.chance(0.05),
    });
  }
  return persons;
}

/** Pairs people up; 陈刚 (married demo resident) has no spouse consent on file: transfer tests rely on that. */
function buildMarriages(rng: Prng, persons: SeedPerson[]): void {
  const synthetic = persons.map((_, i) => i).filter((i) => !persons[i]!.demo);
  const unpaired = [...synthetic];
  const takeUnpaired = () => unpaired.splice(rng.int(0, unpaired.length - 1), 1)[0]!;
  const marry = (a: number, b: number, consent: boolean) => {
    const since = isoDate(daysBefore(rng.int(365, 30 * 365)));
    for (const [self, other] of [[a, b], [b, a]] as const) {
      Object.assign(persons[self]!, { maritalStatus: "married", spouse: other, spouseConsentOnFile: consent, maritalSince: since });
    }
  };
  persons.forEach((person, i) => {
    if (person.demo?.married) marry(i, takeUnpaired(), false);
  });
  for (let pairs = 0; pairs < 90; pairs++) marry(takeUnpaired(), takeUnpaired(), rng.chance(0.8));
  for (let k = 0; k < 20; k++) Object.assign(persons[takeUnpaired()]!, { maritalStatus: "divorced", maritalSince: isoDate(daysBefore(rng.int(100, 10 * 365))) });
  for (let k = 0; k < 10; k++) Object.assign(persons[takeUnpaired()]!, { maritalStatus: "widowed", maritalSince: isoDate(daysBefore(rng.int(100, 10 * 365))) });
}

/** Properties in parcels of a few units each, in every district. */
function buildProperties(rng: Prng): Omit<SeedProperty, "holders">[] {
  const properties: Omit<SeedProperty, "holders">[] = [];
  const parcelsPerDistrict = new Map<DistrictCode, number>();
  while (properties.length < SEED_PROPERTY_COUNT) {
    const district = LOUDI_DISTRICTS[rng.weighted([40, 15, 15, 15, 15])]!.code;
    const use = (["residential", "commercial", "industrial"] as const)[rng.weighted([80, 14, 6])]!;
    const parcel = (parcelsPerDistrict.get(district) ?? 0) + 1;
    parcelsPerDistrict.set(district, parcel);
    const zone = `${String(rng.int(1, 9)).padStart(3, "0")}${String(rng.int(1, 20)).padStart(3, "0")}`;
    const outline = parcelOutline(rng, use);
    const street = streetAddress(rng, district);
    const builtYear = rng.int(1995, 2024);
    const storeys = use === "residential" ? rng.int(6, 33) : use === "commercial" ? rng.int(1, 4) : 1;
    const units = use === "residential" ? rng.int(3, 8) : use === "commercial" ? rng.int(1, 3) : 1;
    const taken = new Set<string>();
    for (let u = 0; u < units && properties.length < SEED_PROPERTY_COUNT; u++) {
      const building = rng.int(1, use === "residential" ? 6 : 1);
      const floor = rng.int(1, storeys);
      const room = rng.int(1, 4);
      const key = `${building}/${floor}/${room}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const unit = use === "industrial" ? 1 : floor * 100 + room;
      const area = use === "residential" ? rng.int(6000, 16000) : use === "commercial" ? rng.int(3000, 30000) : rng.int(50000, 300000);
      properties.push({
        id: rng.uuid(),
        unitNumber: makeUnitNumber({ county: district, zone, feature: "GB", parcel, fixture: "F", building, unit }),
        district,
        address:
          use === "industrial" ? `${street}厂房` : `${street}${building}栋${String(unit).padStart(3, "0")}室`,
        area: money(area / 100),
        use,
        floor,
        builtYear,
        parcelOutline: outline,
      });
    }
  }
  return properties;
}

/** Demo holdings, fixed so tests can rely on them: index in DEMO_RESIDENTS → property uses. */
const DEMO_HOLDINGS: readonly (readonly PropertyUse[])[] = [
  ["residential", "commercial"], // 张伟: one home, one shop (still eligible to buy)
  ["residential"], // 刘芳
  ["residential", "residential"], // 陈刚: two homes (at the purchase limit), married, no spouse consent
  ["residential"], // 杨丽
];

function assignHolders(rng: Prng, persons: SeedPerson[], bare: Omit<SeedProperty, "holders">[]): SeedProperty[] {
  const properties: SeedProperty[] = bare.map((p) => ({ ...p, holders: [] }));
  const free = properties.map((_, i) => i);
  const takeFree = (use: PropertyUse) => {
    const at = free.findIndex((i) => properties[i]!.use === use);
    if (at < 0) throw new Error(`seed: no free ${use} property left`);
    return free.splice(at, 1)[0]!;
  };
  DEMO_HOLDINGS.forEach((uses, demoIndex) => {
    for (const use of uses) properties[takeFree(use)]!.holders.push({ person: demoIndex, share: "1.0000" });
  });
  const synthetic = persons.map((_, i) => i).filter((i) => !persons[i]!.demo);
  for (const index of free) {
    const owner = rng.pick(synthetic);
    const spouse = persons[owner]!.spouse;
    const property = properties[index]!;
    if (property.use === "residential" && spouse !== undefined && !persons[spouse]!.demo && rng.chance(0.5)) {
      property.holders.push({ person: owner, share: "0.5000" }, { person: spouse, share: "0.5000" });
    } else {
      property.holders.push({ person: owner, share: "1.0000" });
    }
  }
  for (const property of properties) {
    const home = persons[property.holders[0]!.person]!;
    if (home.address === "") home.address = property.address;
  }
  return properties;
}

/** Sales over the two years before SEED_EPOCH, and deed tax for most of the latest ones. */
function buildSales(rng: Prng, persons: SeedPerson[], properties: SeedProperty[]): Pick<SeedData, "sales" | "deedTaxes"> {
  const sales: SeedSale[] = [];
  const deedTaxes: SeedDeedTax[] = [];
  for (const property of properties) {
    const heldByDemo = property.holders.some((h) => persons[h.person]!.demo);
    if (!heldByDemo && !rng.chance(0.45)) continue;
    const factor = property.use === "commercial" ? 1.5 : property.use === "industrial" ? 0.35 : 1;
    const perM2 = PRICE_PER_M2[property.district] * factor * (0.8 + rng.next() * 0.4);
    const price = Math.round((Number(property.area) * perM2) / 100) * 100;
    const saleCount = rng.chance(0.1) ? 2 : 1;
    const daysAgo = Array.from({ length: saleCount }, () => rng.int(1, 730)).sort((a, b) => b - a);
    if (daysAgo.length === 2 && daysAgo[0] === daysAgo[1]) daysAgo.pop();
    daysAgo.forEach((ago, k) => {
      const thisPrice = k === 0 ? price : Math.round((price * (0.95 + rng.next() * 0.15)) / 100) * 100;
      sales.push({ unitNumber: property.unitNumber, price: money(thisPrice), transactedOn: isoDate(daysBefore(ago)) });
      const latest = k === daysAgo.length - 1;
      if (latest && (heldByDemo || rng.chance(0.85))) {
        const rate = property.use !== "residential" ? 0.03 : Number(property.area) <= 90 ? 0.01 : 0.015;
        deedTaxes.push({
          unitNumber: property.unitNumber,
          payer: property.holders[0]!.person,
          amount: money(thisPrice * rate),
          paidAt: daysBefore(Math.max(0, ago - rng.int(0, 20))),
        });
      }
    });
  }
  return { sales, deedTaxes };
}

/** Land-use term granted per use (years), as the PRC grants them: 70 residential, 40 commercial, 50 industrial. */
const LAND_USE_TERM_YEARS: Record<PropertyUse, number> = { residential: 70, commercial: 40, industrial: 50 };

/**
 * The land bureau's land-use rights: every holder of a seeded unit holds a share of its
 * parcel's right (granted the year the building went up), and each demo resident holds the
 * right on one unbuilt parcel (DEMO_FIRST_REGISTRATION_PARCELS). Uses no randomness, so the
 * rest of the city stays the same as before these records existed.
 */
function buildLandUseRights(persons: SeedPerson[], properties: SeedProperty[]): SeedLandUseRight[] {
  const rights = new Map<string, SeedLandUseRight>();
  for (const p of properties) {
    const parcelCode = p.unitNumber.slice(0, 19);
    for (const h of p.holders) {
      const key = `${parcelCode}/${h.person}`;
      if (rights.has(key)) continue;
      const grantedOn = `${p.builtYear - 1}-07-01`;
      rights.set(key, { parcelCode, holder: h.person, landUse: p.use, grantedOn, expiresOn: `${p.builtYear - 1 + LAND_USE_TERM_YEARS[p.use]}-06-30` });
    }
  }
  persons.forEach((person, i) => {
    const parcelCode = person.demo ? DEMO_FIRST_REGISTRATION_PARCELS[i] : undefined;
    if (parcelCode) rights.set(`${parcelCode}/${i}`, { parcelCode, holder: i, landUse: "residential", grantedOn: "2025-03-01", expiresOn: "2095-02-28" });
  });
  return [...rights.values()];
}

/** Residential homes each person holds a share of (purchase restriction counts these). */
export function homesOwned(data: SeedData): number[] {
  const homes = data.persons.map(() => 0);
  for (const property of data.properties) {
    if (property.use !== "residential") continue;
    for (const holder of property.holders) homes[holder.person]! += 1;
  }
  return homes;
}

/** Homes a person may hold before the purchase restriction refuses another (illustrative). */
export const PURCHASE_LIMIT = 2;

export function buildSeedData(seed = 20_180_601): SeedData {
  const rng = createPrng(seed);
  const persons = buildPersons(rng);
  buildMarriages(rng, persons);
  const properties = assignHolders(rng, persons, buildProperties(rng));
  for (const person of persons) if (person.address === "") person.address = `${streetAddress(rng, person.residentId.slice(0, 6) as DistrictCode)}`;
  const { sales, deedTaxes } = buildSales(rng, persons, properties);
  persons[0]!.outstandingMortgages = 1; // 张伟 has a mortgage on his home: the bank has him on file.
  return { persons, properties, sales, deedTaxes, landUseRights: buildLandUseRights(persons, properties) };
}
