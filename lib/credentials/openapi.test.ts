import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  const doc = JSON.parse(JSON.stringify(openApiDocument("https://deedchain.example")));

  it("describes every normative endpoint of DESIGN.md §5 and §6", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/credentials/{id}",
        "/api/credentials/{id}/lookup",
        "/api/ledger/checkpoint",
        "/api/ledger/entries/{seq}",
        "/api/ledger/keys",
        "/api/ledger/proof/consistency",
        "/api/ledger/proof/inclusion",
      ].sort(),
    );
    expect(doc.components.schemas.CredentialAnswer.required).toEqual(["id", "status", "sdJwt", "ledger"]);
  });

  it("has no dangling $ref", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) {
      const path = ref.slice(8, -1).replace(/^#\//, "").split("/");
      const target = path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
      expect(target, ref).toBeDefined();
    }
  });
});
