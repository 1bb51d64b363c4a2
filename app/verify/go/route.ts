// GET /verify/go?id=… : the no-JavaScript path of the /verify form, redirecting to
// /verify/{id} (a malformed id lands on the page, which says it is unknown).
export function GET(request: Request): Response {
  const url = new URL(request.url);
  const id = (url.searchParams.get("id") ?? "").trim().slice(0, 200);
  const target = id ? `/verify/${encodeURIComponent(id)}` : "/verify";
  return new Response(null, { status: 303, headers: { Location: target } });
}
