import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, mayUse, PAGES, ROUTES } from "./surfaces";

const root = process.cwd();

function filesNamed(dir: string, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesNamed(full, names));
    else if (names.includes(entry)) out.push(path.relative(root, full));
  }
  return out;
}

describe("surfaces", () => {
  it("lists every page under app/ and names files that exist", () => {
    const listed = new Set(PAGES.map((p) => p.file));
    const pages = filesNamed(path.join(root, "app"), ["page.tsx", "page.ts"]);
    expect(pages.filter((file) => !listed.has(file))).toEqual([]);
    for (const page of PAGES) expect(existsSync(path.join(root, page.file)), page.file).toBe(true);
  });

  it("lists every route handler", () => {
    const listed = new Set(ROUTES.map((r) => r.file));
    const routes = filesNamed(path.join(root, "app"), ["route.ts"]);
    expect(routes.filter((file) => !listed.has(file))).toEqual([]);
  });

  it("names server actions that exist and are exported from a 'use server' module", () => {
    for (const action of ACTIONS) {
      const source = readFileSync(path.join(root, action.module), "utf8");
      expect(source.startsWith('"use server"'), action.module).toBe(true);
      expect(source, `${action.module} ${action.name}`).toMatch(new RegExp(`export (const|async function) ${action.name}\\b`));
    }
  });

  it("refuses anonymous visitors every protected surface", () => {
    for (const surface of [...PAGES, ...ACTIONS, ...ROUTES]) {
      expect(mayUse(surface, null)).toBe(surface.requires === "public");
    }
    const clerkHome = PAGES.find((p) => p.path === "/clerk")!;
    expect(mayUse(clerkHome, "clerk")).toBe(true);
    expect(mayUse(clerkHome, "resident")).toBe(false);
  });
});
