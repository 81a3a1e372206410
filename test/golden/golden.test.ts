// Golden test: a report built from fixtures must match the committed expected output byte for byte
// (index.html, figures.json, SVGs, CSVs). PNGs are checked for existence and determinism only,
// since their bytes depend on the rasteriser's version. Rewrite expected output with
//   UPDATE_GOLDEN=1 npx vitest run test/golden
// and review the diff (git diff test/golden) before committing it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GOLDEN, buildCase, listFiles } from "../report/helpers.ts";

const UPDATE = process.env.UPDATE_GOLDEN === "1";
const cases = readdirSync(GOLDEN).filter((d) => existsSync(path.join(GOLDEN, d, "report.ts")));
const compared = (file: string) => !file.endsWith(".png");

/** Where two texts first differ, as a readable hint. */
function diffHint(file: string, expected: string, actual: string): string {
  const e = expected.split("\n");
  const a = actual.split("\n");
  let i = 0;
  while (i < e.length && i < a.length && e[i] === a[i]) i++;
  const show = (s: string | undefined) => (s === undefined ? "<end of file>" : JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s));
  return `${file} differs from the golden copy at line ${i + 1}:\n  expected: ${show(e[i])}\n  actual:   ${show(a[i])}\nIf the change is intended: UPDATE_GOLDEN=1 npx vitest run test/golden, then review git diff test/golden.`;
}

describe.each(cases)("golden case %s", (name) => {
  const expectedDir = path.join(GOLDEN, name, "expected");

  it("matches the committed expected output", async () => {
    const built = await buildCase(name);
    const files = [...built.files.keys()].filter(compared);
    if (UPDATE) {
      await rm(expectedDir, { recursive: true, force: true });
      for (const file of files) {
        await mkdir(path.dirname(path.join(expectedDir, file)), { recursive: true });
        await writeFile(path.join(expectedDir, file), built.files.get(file)!);
      }
    }
    expect(existsSync(expectedDir), `no expected output in ${expectedDir}; run with UPDATE_GOLDEN=1`).toBe(true);
    expect(files, "the set of output files changed (UPDATE_GOLDEN=1 to accept)").toEqual(await listFiles(expectedDir));
    for (const file of files) {
      const expected = readFileSync(path.join(expectedDir, file));
      const actual = Buffer.from(built.files.get(file)!);
      if (!expected.equals(actual)) expect.fail(diffHint(file, expected.toString("utf8"), actual.toString("utf8")));
    }
    // PNGs: one per chart, real PNG data.
    const pngs = [...built.files.keys()].filter((f) => f.endsWith(".png"));
    expect([...pngs].sort()).toEqual(built.figures.charts.map((c) => c.files.png).sort());
    for (const png of pngs) expect(Buffer.from(built.files.get(png)!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }, 300_000); // a public build solves its disclosure model (many small MILPs)

  it("is deterministic: two builds give byte-identical files", async () => {
    const a = await buildCase(name);
    const b = await buildCase(name);
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [file, bytes] of a.files) {
      expect(Buffer.from(bytes).equals(Buffer.from(b.files.get(file)!)), `${file} differs between two builds`).toBe(true);
    }
  }, 300_000);
});
