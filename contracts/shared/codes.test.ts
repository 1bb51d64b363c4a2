import { describe, expect, it } from "vitest";
import { DEPARTMENT_CODES as SCHEMA_DEPARTMENTS, ROLES } from "@/drizzle/schema/identity";
import { ACTOR_ROLES, DEPARTMENT_CODES } from "./contract";

describe("contract vocabulary stays in step with the database schema", () => {
  it("uses the same department codes", () => {
    expect([...DEPARTMENT_CODES]).toEqual([...SCHEMA_DEPARTMENTS]);
  });
  it("knows every account role (plus system)", () => {
    expect(ACTOR_ROLES.filter((r) => r !== "system")).toEqual([...ROLES]);
  });
});
