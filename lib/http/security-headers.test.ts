import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isPersonalPath, newNonce, permissionsPolicy, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows scripts only with this request's nonce, never inline or eval in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123==", https: false, development: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "));
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: true, development: false })).toContain("upgrade-insecure-requests");
  });

  it("draws a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64").length).toBe(18);
  });

  it("lets only /verify use the camera", () => {
    expect(permissionsPolicy("/verify")).toMatch(/^camera=\(self\)/);
    expect(permissionsPolicy("/verify/cred-1")).toMatch(/^camera=\(self\)/);
    expect(permissionsPolicy("/verifyx")).toMatch(/^camera=\(\)/);
    expect(permissionsPolicy("/resident")).toMatch(/^camera=\(\)/);
    expect(permissionsPolicy("/")).toContain("geolocation=()");
  });

  it("forbids storing pages with personal data", () => {
    for (const path of ["/resident", "/resident/access-log", "/clerk/cases/x", "/department", "/admin/staff", "/institution", "/api/credentials/x/pdf"]) {
      expect(isPersonalPath(path), path).toBe(true);
      expect(securityHeaders({ nonce: "n", pathname: path, https: false, development: false })["Cache-Control"]).toBe("no-store");
    }
    for (const path of ["/", "/verify/x", "/residents-guide", "/signin"]) expect(isPersonalPath(path), path).toBe(false);
  });

  it("sets nosniff, a referrer policy and HSTS over https", () => {
    const plain = securityHeaders({ nonce: "n", pathname: "/", https: false, development: false });
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", pathname: "/", https: true, development: false })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });
});
