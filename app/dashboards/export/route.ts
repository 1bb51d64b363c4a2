// GET /dashboards/export?scope=&from=&to=&table= — one dashboard table as CSV, the same rows
// the page shows (app/dashboards/tables.ts), text cells neutralised against formula injection.
import { z } from "zod";
import { dashboardScopes } from "@/lib/auth/permissions";
import { actorForRoute } from "@/lib/dal/auth/route-guard";
import { toCsv } from "@/lib/dal/dashboards/csv";
import { getDashboard } from "@/lib/dal/dashboards/get-dashboard";
import { parseDashboardFilter } from "@/lib/dal/dashboards/range";
import { getDb } from "@/lib/db";
import { dashboardLabels } from "../labels";
import { DASHBOARD_TABLES, dashboardTable } from "../tables";

const NO_STORE = { "Cache-Control": "no-store" };
const tableSchema = z.enum(DASHBOARD_TABLES);

export async function GET(request: Request): Promise<Response> {
  const guard = await actorForRoute("dashboard.view");
  if (!guard.ok) return guard.response;
  const scopes = dashboardScopes(guard.actor);
  if (scopes.length === 0) return Response.json({ error: "Your account has no dashboard." }, { status: 403, headers: NO_STORE });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const table = tableSchema.safeParse(params.table ?? "perDay");
  if (!table.success) return Response.json({ error: `table must be one of ${DASHBOARD_TABLES.join(", ")}` }, { status: 400, headers: NO_STORE });
  const filter = parseDashboardFilter(params);
  if (!filter.ok) {
    const problems = Object.entries(filter.errors).map(([field, codes]) => `${field}: ${codes.join(", ")}`);
    return Response.json({ error: `Check the filter (dates as YYYY-MM-DD, from ≤ to, at most 366 days): ${problems.join("; ")}`, fieldErrors: filter.errors }, { status: 400, headers: NO_STORE });
  }
  const scope = filter.value.scope ?? scopes[0]!;
  if (!scopes.includes(scope)) return Response.json({ error: `You may not see the ${scope} dashboard.` }, { status: 403, headers: NO_STORE });
  const dashboard = await getDashboard(await getDb(), { actor: guard.actor, scope, from: filter.value.from, to: filter.value.to });
  const data = dashboardTable(dashboard, table.data, await dashboardLabels(scope));
  const name = `deedchain-${scope}-${table.data}-${filter.value.from}-${filter.value.to}.csv`;
  return new Response(toCsv(data.header, data.rows), {
    status: 200,
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"`, ...NO_STORE },
  });
}
