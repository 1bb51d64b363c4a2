import { describe, expect, it } from "vitest";
import { verifyTarget } from "./verify-form";

describe("what the /verify form opens", () => {
  it("takes a bare id, or a verify link (absolute or relative) with its fragment kept", () => {
    expect(verifyTarget("  dc-AbC_123.x:y-z ")).toBe("/verify/dc-AbC_123.x:y-z");
    expect(verifyTarget("https://deedchain.loudi.example/verify/dc-abcdef#d=WyJz")).toBe("/verify/dc-abcdef#d=WyJz");
    expect(verifyTarget("/verify/dc-abcdef")).toBe("/verify/dc-abcdef");
  });

  it("refuses what is not a credential: short ids, other paths, other characters", () => {
    for (const text of ["abc", "", "https://evil.example/login", "/verify/dc-abcdef/extra", "/verify/a%2Fb%2Fcdef", "dc-含中文的编号", "javascript:alert(1)"]) {
      expect(verifyTarget(text), text).toBeNull();
    }
  });
});
