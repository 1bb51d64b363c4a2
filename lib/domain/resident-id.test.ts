import { describe, expect, it } from "vitest";
import { checkResidentId, makeResidentId, normaliseResidentId, residentIdCheckChar } from "./resident-id";

describe("GB 11643 resident ID", () => {
  it("computes the check character of the standard's example", () => {
    // GB 11643-1999 Appendix: 11010519491231002X
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    expect(checkResidentId("11010519491231002X")).toEqual({ ok: true });
  });
  it("rejects a wrong check digit, an impossible birth date, a future birth date", () => {
    expect(checkResidentId("110105194912310021")).toEqual({ ok: false, problem: "CHECK_DIGIT" });
    expect(checkResidentId(makeResidentId("431302", "19900230", 12))).toEqual({ ok: false, problem: "BIRTH_DATE" });
    expect(checkResidentId(makeResidentId("431302", "20990101", 12), new Date("2026-01-01"))).toEqual({ ok: false, problem: "BIRTH_DATE" });
    expect(checkResidentId("1101051949123100")).toEqual({ ok: false, problem: "LENGTH" });
    expect(checkResidentId("11010519491231002Y")).toEqual({ ok: false, problem: "CHARACTERS" });
  });
  it("folds full-width digits and a lower-case x", () => {
    expect(normaliseResidentId("１１０１０５１９４９１２３１００２x")).toBe("11010519491231002X");
  });
});
