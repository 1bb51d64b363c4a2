import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./cross-site";

const base = { method: "POST", origin: "http://portal.example:3000", hosts: ["portal.example:3000"], secFetchSite: "same-origin" };

describe("isCrossSiteWrite", () => {
  it("lets same-origin writes and every read through", () => {
    expect(isCrossSiteWrite(base)).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, origin: "http://PORTAL.example:3000" })).toBe(false);
  });

  it("refuses a write from another origin, a null origin or a cross-site fetch", () => {
    expect(isCrossSiteWrite({ ...base, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "http://portal.example:3001" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "http://portal.example.evil.example:3000" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "null" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "not a url" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: null, secFetchSite: "cross-site" })).toBe(true);
    for (const method of ["PUT", "PATCH", "DELETE", "post"]) expect(isCrossSiteWrite({ ...base, method, origin: "https://evil.example" })).toBe(true);
  });

  it("accepts the public host behind a proxy", () => {
    expect(isCrossSiteWrite({ ...base, origin: "https://deeds.loudi.example", hosts: ["127.0.0.1:3000", "deeds.loudi.example"] })).toBe(false);
    expect(isCrossSiteWrite({ ...base, hosts: [] })).toBe(true);
  });

  it("lets clients that are not browsers (no Origin, no Sec-Fetch-Site) through", () => {
    expect(isCrossSiteWrite({ ...base, origin: null, secFetchSite: null })).toBe(false);
  });
});
