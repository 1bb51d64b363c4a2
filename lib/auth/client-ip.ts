// The client address for per-IP sign-in throttling. Next.js fills X-Forwarded-For with the
// socket address only when the request carries none, and a reverse proxy (nginx
// `proxy_add_x_forwarded_for`) appends the address it saw: so the rightmost entry is the
// one our side of the connection vouches for. Without a proxy a client can send its own
// header; per-account throttling still holds then, which is why both exist.
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  const last = value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .at(-1);
  // Bound what we store: an address is at most 45 characters (IPv6 with IPv4 tail).
  return last ? last.slice(0, 64) : "unknown";
}
