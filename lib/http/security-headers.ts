// Response headers every answer carries (set by proxy.ts, before any page renders).
// CSP Level 3 with a per-request nonce: Next.js reads the nonce from the request's
// Content-Security-Policy header and puts it on its own inline and bundle scripts, so no
// script runs without it ('strict-dynamic' lets those scripts load their chunks).
// Styles keep 'unsafe-inline': React `style` attributes (charts, the parcel outline) need it,
// and a style cannot run code. Pure functions: lib/http/security-headers.test.ts.

/** Paths that show personal data: never stored by a browser or a shared cache. */
const PERSONAL_PREFIXES = ["/resident", "/clerk", "/department", "/admin", "/institution", "/api/credentials"] as const;

/** The QR reader on /verify may use the camera; nothing else may. */
const CAMERA_PREFIX = "/verify";

export interface SecurityHeaderOptions {
  /** base64 nonce, fresh for this request. */
  nonce: string;
  pathname: string;
  /** Served over https (adds upgrade-insecure-requests and HSTS). */
  https: boolean;
  /** next dev: React needs eval for its debugging stacks; never in production. */
  development: boolean;
}

export function newNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

function startsWithSegment(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isPersonalPath(pathname: string): boolean {
  return PERSONAL_PREFIXES.some((prefix) => startsWithSegment(pathname, prefix));
}

export function contentSecurityPolicy({ nonce, https, development }: Pick<SecurityHeaderOptions, "nonce" | "https" | "development">): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export function permissionsPolicy(pathname: string): string {
  const camera = startsWithSegment(pathname, CAMERA_PREFIX) ? "camera=(self)" : "camera=()";
  return [camera, "microphone=()", "geolocation=()", "payment=()", "usb=()", "serial=()", "bluetooth=()", "display-capture=()"].join(", ");
}

/** Headers for the response (the CSP also goes on the request, for Next.js to read the nonce). */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": permissionsPolicy(options.pathname),
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  if (isPersonalPath(options.pathname)) headers["Cache-Control"] = "no-store";
  return headers;
}
