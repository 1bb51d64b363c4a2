import { describe, expect, it } from "vitest";
import { createRateLimiter, rateLimitResponse } from "./rate-limit";

describe("rate limiter", () => {
  it("allows a burst, then refills at the sustained rate and says how long to wait", () => {
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.5 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(limiter.take("a", t0)).toEqual({ ok: true });
    expect(limiter.take("a", t0)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(limiter.take("b", t0)).toEqual({ ok: true }); // other clients are not affected
    expect(limiter.take("a", t0 + 1000)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("a", t0 + 2000)).toEqual({ ok: true });
  });

  it("forgets idle clients instead of growing without bound", () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, maxKeys: 2 });
    expect(limiter.take("a", 0)).toEqual({ ok: true });
    expect(limiter.take("b", 0)).toEqual({ ok: true });
    expect(limiter.take("c", 5000)).toEqual({ ok: true }); // a and b refilled and were dropped
    expect(limiter.take("a", 5000)).toEqual({ ok: true });
  });

  it("answers 429 with Retry-After and a JSON error per client address", async () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.1 });
    const request = () => new Request("http://portal.test/api/ledger/keys", { headers: { "x-forwarded-for": "192.0.2.9" } });
    expect(rateLimitResponse(limiter, request())).toBeNull();
    const refused = rateLimitResponse(limiter, request())!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("10");
    expect(((await refused.json()) as { error: string }).error).toMatch(/retry after 10 s/);
  });
});
