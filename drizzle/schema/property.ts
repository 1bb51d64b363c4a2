// Properties (不动产单元) of Loudi and who holds them. Unit numbers follow GB/T 37346
// (lib/domain/unit-number.ts). `property_holdings` is a cache: a later issue derives
// holdings from the ledger and can rebuild this table from it and compare.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";

/** Loudi's county-level districts with their GB/T 2260 county codes (first 6 digits of a unit number). */
export const LOUDI_DISTRICTS = [
  { code: "431302", nameZh: "娄星区", nameEn: "Louxing District" },
  { code: "431321", nameZh: "双峰县", nameEn: "Shuangfeng County" },
  { code: "431322", nameZh: "新化县", nameEn: "Xinhua County" },
  { code: "431381", nameZh: "冷水江市", nameEn: "Lengshuijiang City" },
  { code: "431382", nameZh: "涟源市", nameEn: "Lianyuan City" },
] as const;
export type DistrictCode = (typeof LOUDI_DISTRICTS)[number]["code"];
export const DISTRICT_CODES = LOUDI_DISTRICTS.map((d) => d.code) as [DistrictCode, ...DistrictCode[]];

export const PROPERTY_USES = ["residential", "commercial", "industrial"] as const;
export type PropertyUse = (typeof PROPERTY_USES)[number];

/**
 * Parcel outline in local metres (x east, y north), GeoJSON Polygon shape: one closed ring,
 * first point repeated last. Drawn as SVG on the property page.
 */
export interface ParcelOutline {
  type: "Polygon";
  coordinates: [number, number][][];
}

export const properties = pgTable(
  "properties",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** 28-character 不动产单元号; its first 6 digits are the district's county code. */
    unitNumber: text().notNull(),
    district: text().$type<DistrictCode>().notNull(),
    address: text().notNull(),
    /** Floor area in square metres (m²). */
    area: numeric({ precision: 10, scale: 2 }).notNull(),
    use: text().$type<PropertyUse>().notNull(),
    floor: integer(),
    builtYear: integer().notNull(),
    parcelOutline: jsonb().$type<ParcelOutline>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("properties_unit_number_unique").on(t.unitNumber),
    index("properties_district_idx").on(t.district),
    check("properties_unit_number_format", sql`${t.unitNumber} ~ '^[0-9]{12}[A-Z]{2}[0-9]{5}[FLQW][0-9]{8}$'`),
    check("properties_area_positive", sql`${t.area} > 0`),
  ],
);

/**
 * Current holders of each property (cache of the ledger's state). A holder is always named
 * by a keyed reference (personalRef("resident-id", id)) so the registry can ask the
 * departments about them; `holderUserId` is set when the holder has a portal account.
 */
export const propertyHoldings = pgTable(
  "property_holdings",
  {
    id: uuid().primaryKey().defaultRandom(),
    propertyId: uuid()
      .notNull()
      .references(() => properties.id, { onDelete: "cascade" }),
    holderUserId: uuid().references(() => users.id),
    holderRef: text().notNull(),
    /** Fraction of the property held, 0 < share ≤ 1; a property's shares add up to 1. */
    share: numeric({ precision: 5, scale: 4 }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("property_holdings_property_holder_unique").on(t.propertyId, t.holderRef),
    index("property_holdings_holder_ref_idx").on(t.holderRef),
    index("property_holdings_holder_user_idx").on(t.holderUserId),
    check("property_holdings_share_range", sql`${t.share} > 0 and ${t.share} <= 1`),
  ],
);
