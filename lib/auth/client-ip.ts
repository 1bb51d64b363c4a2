import { env } from "@/lib/env";

// The client address for per-IP limits (sign-in throttling, the public API's token buckets).
// X-Forwarded-For is a chain: each hop appends the address it saw, so only the rightmost
// entries are vouched for by machines we run; everything to their left is whatever the client
// wrote. `npm start` (lib/cli/start.ts) preloads lib/cli/socket-address.cjs, which appends the
// TCP peer as our own hop, so the rightmost entry is always the socket address. Behind
// TRUSTED_PROXY_HOPS reverse proxies (each appending, like nginx `proxy_add_x_forwarded_for`)
// the client is that many entries further left. With the default 0 the header a client sends
// is ignored and the socket address decides.
//
// Fallback: when the portal is started some other way (`next start`, `next dev`), nothing
// appended our hop. Next.js writes the socket address into X-Forwarded-For only when the
// request carries none, so the rightmost entry stands in for our hop — and a client that sends
// its own header can then choose its address (per-account throttling still holds).

const SOCKET_HOP = Symbol.for("deedchain.socketAddressHop");

/** Whether lib/cli/socket-address.cjs runs in this process (it marks globalThis). */
export function socketHopInstalled(): boolean {
  return (globalThis as Record<symbol, unknown>)[SOCKET_HOP] === true;
}

export interface ClientIpOptions {
  /** Reverse proxies in front of the portal that append to X-Forwarded-For. */
  trustedProxyHops: number;
  /** Whether the rightmost entry is the socket address (appended by the launcher). */
  socketHop: boolean;
}

export function clientIp(
  headers: Headers | Record<string, string | string[] | undefined>,
  options: ClientIpOptions = { trustedProxyHops: env.TRUSTED_PROXY_HOPS, socketHop: socketHopInstalled() },
): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  const chain = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  if (chain.length === 0) return "unknown";
  // Hops counted back from our own: without the launcher's hop, the rightmost entry is it.
  const back = options.socketHop ? options.trustedProxyHops : Math.max(0, options.trustedProxyHops - 1);
  // Fewer entries than trusted hops: the request skipped a proxy; the leftmost is the best we know.
  const address = chain[Math.max(0, chain.length - 1 - back)]!;
  // Bound what we store: an address is at most 45 characters (IPv6 with IPv4 tail).
  return address.slice(0, 64);
}
