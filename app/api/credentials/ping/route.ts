// GET /api/credentials/ping: the trivial route handler `npm run bench -- verify` measures
// beside GET /api/credentials/{id} (same server, same run), so the ratio shows what the
// credential lookup itself costs. No database, no work. (Never a credential id: ids have at
// least 6 characters, and a static segment wins over [id] anyway.)
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}
