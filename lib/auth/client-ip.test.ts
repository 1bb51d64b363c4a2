import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { normaliseLogin } from "./login";

describe("clientIp", () => {
  it("takes the rightmost X-Forwarded-For entry: the one our own side added", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "198.51.100.4" })).toBe("198.51.100.4");
    expect(clientIp({ "x-forwarded-for": ["10.0.0.1", "10.0.0.2"] })).toBe("10.0.0.2");
  });
  it("falls back to one shared bucket, and bounds what it stores", () => {
    expect(clientIp({})).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": " , " })).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": "x".repeat(500) })).toHaveLength(64);
  });
});

describe("normaliseLogin", () => {
  it("folds case, full-width digits, spaces and dashes", () => {
    expect(normaliseLogin(" Clerk.Registry ")).toBe("clerk.registry");
    expect(normaliseLogin("１３８ ０００0-0001")).toBe("13800000001");
  });
});
