import { createRequire } from "node:module";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp, socketHopInstalled } from "./client-ip";
import { normaliseLogin } from "./login";

const launched = { trustedProxyHops: 0, socketHop: true };

describe("clientIp", () => {
  it("with no trusted proxy, takes the socket address the launcher appended and ignores what the client wrote", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 7.7.7.7, 127.0.0.1" }), launched)).toBe("127.0.0.1");
    expect(clientIp({ "x-forwarded-for": "203.0.113.9" }, launched)).toBe("203.0.113.9");
  });
  it("behind N trusted proxies, takes the address the outermost one saw", () => {
    const chain = { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2, 127.0.0.1" };
    expect(clientIp(chain, { trustedProxyHops: 1, socketHop: true })).toBe("10.0.0.2");
    expect(clientIp(chain, { trustedProxyHops: 2, socketHop: true })).toBe("198.51.100.7");
    // A request that skipped the proxy has fewer entries: the leftmost is the best we know.
    expect(clientIp({ "x-forwarded-for": "127.0.0.1" }, { trustedProxyHops: 2, socketHop: true })).toBe("127.0.0.1");
  });
  it("without the launcher's hop, the rightmost entry stands in for it (documented fallback)", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, { trustedProxyHops: 0, socketHop: false })).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": ["10.0.0.1", "10.0.0.2"] }, { trustedProxyHops: 1, socketHop: false })).toBe("10.0.0.2");
    expect(clientIp({ "x-forwarded-for": "10.0.0.1, 10.0.0.2" }, { trustedProxyHops: 2, socketHop: false })).toBe("10.0.0.1");
  });
  it("falls back to one shared bucket, and bounds what it stores", () => {
    expect(clientIp({}, launched)).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": " , " }, launched)).toBe("unknown");
    expect(clientIp({ "x-forwarded-for": "x".repeat(500) }, launched)).toHaveLength(64);
  });
});

describe("lib/cli/socket-address.cjs (preloaded by npm start)", () => {
  it("appends the real peer to X-Forwarded-For, so a client's own header cannot choose its address", async () => {
    expect(socketHopInstalled()).toBe(false);
    createRequire(import.meta.url)("../cli/socket-address.cjs");
    expect(socketHopInstalled()).toBe(true);
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(clientIp(request.headers));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const spoof of ["6.6.6.6", "1.2.3.4, 5.6.7.8", undefined]) {
        await fetch(`http://127.0.0.1:${port}/`, { headers: spoof ? { "x-forwarded-for": spoof } : {} });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // TRUSTED_PROXY_HOPS is 0 in tests: every request is the loopback peer it really came from.
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });
});

describe("normaliseLogin", () => {
  it("folds case, full-width digits, spaces and dashes", () => {
    expect(normaliseLogin(" Clerk.Registry ")).toBe("clerk.registry");
    expect(normaliseLogin("１３８ ０００0-0001")).toBe("13800000001");
  });
});
