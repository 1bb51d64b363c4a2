// GB/T 37346 property unit number (不动产单元号), 28 characters: parcel code (19) =
// county code (6) + cadastral zone and sub-zone (6) + parcel feature code (2 letters) +
// parcel sequence (5); fixture code (9) = fixture type letter (F building, L forest,
// Q other, W none) + building (4) + unit (4).

export const UNIT_NUMBER_PATTERN = /^\d{6}\d{6}[A-Z]{2}\d{5}[FLQW]\d{8}$/;

export function isUnitNumber(value: string): boolean {
  return UNIT_NUMBER_PATTERN.test(value);
}

export function makeUnitNumber(parts: {
  county: string;
  zone: string;
  feature: string;
  parcel: number;
  fixture: "F" | "L" | "Q" | "W";
  building: number;
  unit: number;
}): string {
  const value = `${parts.county}${parts.zone}${parts.feature}${String(parts.parcel).padStart(5, "0")}${parts.fixture}${String(parts.building).padStart(4, "0")}${String(parts.unit).padStart(4, "0")}`;
  if (!isUnitNumber(value)) throw new Error(`not a unit number: ${value}`);
  return value;
}

/** Splits a unit number for display: parcel code, fixture code. */
export function splitUnitNumber(value: string): { parcel: string; fixture: string } {
  return { parcel: value.slice(0, 19), fixture: value.slice(19) };
}
