// Per-client token buckets in process memory, for the public (no sign-in) API. Each server
// instance limits on its own; that is enough to keep one client from monopolising an
// instance, and proofs at a fixed size are cacheable, so a CDN absorbs honest bulk reads.
import { clientIp } from "@/lib/auth/client-ip";

export interface RateLimiter {
  /** Takes one token for `key`; when none is left, says how long until one is. */
  take(key: string, now?: number): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export interface RateLimitOptions {
  /** Burst size. */
  capacity: number;
  /** Sustained requests per second. */
  refillPerSecond: number;
  /** Buckets kept at most (oldest full ones are dropped first). */
  maxKeys?: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { capacity, refillPerSecond } = options;
  const maxKeys = options.maxKeys ?? 50_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, now: number) => {
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
    bucket.at = now;
  };
  return {
    take(key, now = Date.now()) {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) {
          // Full buckets carry no information: forget them; if none, forget the oldest.
          for (const [k, b] of buckets) {
            refill(b, now);
            if (b.tokens >= capacity) buckets.delete(k);
          }
          if (buckets.size >= maxKeys) buckets.delete(buckets.keys().next().value!);
        }
        bucket = { tokens: capacity, at: now };
        buckets.set(key, bucket);
      } else {
        refill(bucket, now);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
    },
  };
}

/** 429 with Retry-After and a JSON error, or null when the request may go ahead. */
export function rateLimitResponse(limiter: RateLimiter, request: Request): Response | null {
  const verdict = limiter.take(clientIp(request.headers));
  if (verdict.ok) return null;
  return Response.json(
    { error: `Too many requests from this address: retry after ${verdict.retryAfterSeconds} s.` },
    { status: 429, headers: { "Retry-After": String(verdict.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}
