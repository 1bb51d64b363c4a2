// Calling server actions directly, the way React's client does, without loading a page that
// offers them: the role matrix (e2e/access/role-matrix.spec.ts) and the IDOR spec
// (e2e/security/idor.spec.ts) post to the action endpoint with the build's action ids.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

/** Server actions of the running build, by "module#export": their id and a page that offers them. */
export function actionIds(): Map<string, { id: string; page: string }> {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const ids = new Map<string, { id: string; page: string }>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    // "app/admin/staff/page" → "/admin/staff" (route groups dropped; dynamic pages skipped).
    const page =
      Object.keys(entry.workers)
        .filter((worker) => worker.endsWith("/page") && !worker.includes("[") && !worker.includes("_not-found"))
        .map((worker) => worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]*\)/g, "") || "/")[0] ?? "/";
    ids.set(`${entry.filename}#${entry.exportedName}`, { id, page });
  }
  return ids;
}

/** The build's id of the server action `name` exported by `module` (e.g. "app/components/actions.ts"). */
export function actionId(module: string, name: string): string {
  const found = actionIds().get(`${module}#${name}`);
  if (!found) throw new Error(`${module}#${name} is not a server action of this build`);
  return found.id;
}

/**
 * Calls a server action the way React's client does (`encodeReply` of `[prevState, formData]`):
 * each of `fields` becomes a field of the action's FormData.
 */
export async function callAction(
  request: APIRequestContext,
  id: string,
  page: string,
  baseURL: string,
  headers: Record<string, string>,
  fields: Record<string, string> = { probe: "1" },
): Promise<APIResponse> {
  // React 19.2 names the FormData's fields "_<ref>_<name>" and expects them before the root "0":
  // the body is decoded as it streams, and a root read first would see an empty FormData.
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append("0", '[null,"$K1"]');
  return request.post(page, {
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: new URL(baseURL).origin, ...headers },
    multipart: body,
    maxRedirects: 0,
  });
}
