// GET /api/openapi.json: the OpenAPI 3.1 document of the public ledger and credential API.
import { openApiDocument } from "@/lib/credentials/openapi";

export function GET(request: Request): Response {
  return Response.json(openApiDocument(new URL(request.url).origin), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
