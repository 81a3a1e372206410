/**
 * The README documents every JSON field that `utfall inspect --json` and `utfall validate --json`
 * print: the field paths of real outputs (on sample files and on a broken file with errors) must
 * each appear in the README as `path`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { memoryIo } from "../../src/cli/io.ts";
import { tempDir } from "../temp-dirs.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

/** Field paths of a JSON value: `a`, `a.b`, `a[].b`; object keys under maps are not paths. */
function paths(value: unknown, prefix = "", out = new Set<string>(), mapKeys: readonly string[] = []): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) paths(v, `${prefix}[]`, out, mapKeys);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const p = prefix === "" ? k : `${prefix}.${k}`;
      out.add(p);
      if (!mapKeys.includes(p)) paths(v, p, out, mapKeys);
    }
  }
  return out;
}

async function json(argv: string[]): Promise<unknown> {
  const io = memoryIo({ cwd: root, env: {} });
  await main([...argv, "--json"], io);
  return JSON.parse(io.out());
}

describe("README documents the CLI's JSON", () => {
  const broken = path.join(tempDir("utfall-readme-"), "huvudbok.csv");
  fs.writeFileSync(broken, "Period;Ansvar;Verksamhet;Konto;Budget;Utfall\n2023-01;4510;ekbist;4610;12,5;abc\n2023-13;4510;ekbist;4610;1;2\n");
  const cases: [string, string[]][] = [
    ["inspect deltagare.csv", ["inspect", "data/sample/deltagare.csv"]],
    ["inspect kolada.csv", ["inspect", "data/sample/kolada.csv"]],
    ["validate deltagare.csv", ["validate", "data/sample/deltagare.csv", "--kind", "participants"]],
    ["validate a broken ledger", ["validate", broken, "--kind", "ledger"]],
  ];
  it.each(cases)("%s", async (_name, argv) => {
    const found = [...paths(await json(argv), "", new Set(), ["report.errorsByKind", "errorsByKind"])];
    expect(found.length).toBeGreaterThan(10);
    const undocumented = found.filter((p) => !readme.includes("`" + p + "`"));
    expect(undocumented).toEqual([]);
  });
});
