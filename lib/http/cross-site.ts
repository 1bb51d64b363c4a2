// Cross-site request forgery at the door: a browser always sends `Origin` (and, in current
// browsers, `Sec-Fetch-Site`) with a cross-site POST, so a state-changing request that says
// it comes from another site is refused before any page, action or route handler runs.
// Next.js checks server actions' Origin too, but answers a mismatch with a 500; this makes
// every refusal a plain 403, for route handlers as well. Requests without either header
// (servers calling the API with a key, curl) are not browsers riding a victim's cookie.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestFacts {
  method: string;
  /** The Origin header, if any. */
  origin: string | null;
  /** Hosts this portal answers as: the Host header, X-Forwarded-Host behind a proxy, NEXTAUTH_URL's host. */
  hosts: readonly string[];
  secFetchSite: string | null;
}

export function isCrossSiteWrite(request: RequestFacts): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.secFetchSite === "cross-site") return true;
  if (request.origin === null) return false;
  // "null" is sent by sandboxed frames, data: URLs and some redirects: never our own pages.
  if (request.origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(request.origin).host;
  } catch {
    return true;
  }
  return !request.hosts.some((host) => host.toLowerCase() === originHost.toLowerCase());
}
