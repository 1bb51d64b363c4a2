// `npm run bench -- [name] [args…]`: runs bench/<name>.ts, or every benchmark in bench/
// when no name is given. A benchmark's default export is `run(args: string[])`; it prints
// its own figures. Timings are reported, never asserted (DESIGN.md §8).
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type Benchmark = (args: string[]) => unknown | Promise<unknown>;

const benchDir = import.meta.dirname;
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && !f.endsWith(".test.ts") && !f.endsWith(".d.ts"))
  .map((f) => f.slice(0, -3))
  .sort();

async function runOne(name: string, args: string[]): Promise<boolean> {
  const module = (await import(pathToFileURL(path.join(benchDir, `${name}.ts`)).href)) as { default?: unknown };
  if (typeof module.default !== "function") {
    console.error(`bench/${name}.ts has no default export run(args).`);
    return false;
  }
  console.log(`\n== bench ${name} ==`);
  const started = performance.now();
  await (module.default as Benchmark)(args);
  console.log(`== ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s ==`);
  return true;
}

const [name, ...args] = process.argv.slice(2);
if (name && !available.includes(name)) {
  console.error(`No benchmark "${name}". Available: ${available.length ? available.join(", ") : "none yet"}.`);
  process.exit(2);
}
const names = name ? [name] : available;
if (names.length === 0) console.log("No benchmarks yet: add bench/<name>.ts with a default export run(args).");
let ok = true;
for (const n of names) ok = (await runOne(n, name ? args : [])) && ok;
process.exit(ok ? 0 : 1);
