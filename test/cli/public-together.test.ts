// The public reports published side by side in one output folder are protected as one whole:
// reports with different thresholds in one build are all protected (and built) at the highest,
// and a public report is not written next to public reports of the same period that were not
// protected together with it.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { GOLDEN, ROOT, TEST_ENV } from "../report/helpers.ts";
import { attackWrittenReportsTogether } from "../e2e/public-audit.ts";

const api = JSON.stringify(path.join(ROOT, "src/report/index.ts"));
const metrics = JSON.stringify(path.join(ROOT, "src/metrics/index.ts"));
const tables = JSON.stringify(path.join(ROOT, "src/tables/index.ts"));

/** Participants per programme and gender, as a published table; `meta` goes into report({...}). */
function script(meta: string, file = "deltagare.csv"): string {
  return `import { report } from ${api};
import { programmeOutcomes, yearToDate } from ${metrics};
import { genderTable } from ${tables};
export default report({ title: "Rapport", period: "2023-04", ${meta} }, async (r) => {
  const p = await r.load.participants(${JSON.stringify(file)}, { mode: "lenient" });
  const t = r.publishable(programmeOutcomes(p.table, { ...yearToDate(r.period), by: ["programme"] }), { name: "deltagare", measures: ["participants"], groupKeys: ["programme"], rollup: [["programme"]] });
  r.table(genderTable(t, { name: "deltagare-per-insats", caption: "Deltagare per insats och kön", keys: [{ key: "programme", label: "Insats" }], measure: "participants", measureLabel: "Deltagare" }));
});
`;
}

describe("public reports side by side", () => {
  let cwd: string;
  let stderr: string[];
  let io: Io;
  const figures = async (name: string): Promise<FiguresDocument> => JSON.parse(await readFile(path.join(cwd, "out/publik", name, "figures.json"), "utf8")) as FiguresDocument;

  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-together-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/sample/deltagare.csv"));
    await writeFile(path.join(cwd, "reports/a.ts"), script(""));
    await writeFile(path.join(cwd, "reports/b.ts"), script("threshold: 7"));
    await writeFile(path.join(cwd, "reports/c.ts"), script("", "extra.csv"));
    await cp(path.join(cwd, "data/sample/deltagare.csv"), path.join(cwd, "data/sample/extra.csv"));
    stderr = [];
    io = { stdout: () => {}, stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd };
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("protects reports of different thresholds together at the highest", async () => {
    expect(await runBuild(["--public", "a", "b"], io)).toBe(0);
    const [a, b] = [await figures("a"), await figures("b")];
    expect([a.parameters.threshold, b.parameters.threshold]).toEqual([7, 7]);
    // The same table in both: every count is shown or hidden alike, and what is shown is 0 or at least 7.
    const shownA = a.disclosure!.cells.filter((c) => c.value !== null);
    expect(shownA.length).toBeGreaterThan(0);
    for (const c of shownA) expect(c.value === 0 || c.value! >= 7, c.id).toBe(true);
    const inB = new Map(b.disclosure!.cells.map((c) => [c.id, c.value]));
    for (const c of a.disclosure!.cells) if (inB.has(c.id)) expect(c.value, c.id).toBe(inB.get(c.id));
    // Hidden counts under 7 exist (the fixture has 16 participants in three programmes).
    expect(a.disclosure!.cells.some((c) => c.primary)).toBe(true);
    expect((await attackWrittenReportsTogether([path.join(cwd, "out/publik/a"), path.join(cwd, "out/publik/b")])).failing).toEqual([]);
  });

  it("does not write a public report next to one of the same period it was not protected with", async () => {
    expect(await runBuild(["--public", "a", "c"], io)).toBe(0);
    const before = await readFile(path.join(cwd, "out/publik/a/index.html"));
    // a alone, beside c of the same period: refused, a's previous version left as it was.
    expect(await runBuild(["--public", "a"], io)).toBe(1);
    const err = stderr.join("");
    expect(err).toContain("Fel: a byggdes inte: out/publik/ har redan den publika rapporten c för perioden 2023-04, som inte skyddades tillsammans med a");
    expect(err).toContain("Bygg dem tillsammans: utfall build --public --period 2023-04 a c, eller flytta bort out/publik/c om den inte längre ska publiceras");
    expect((await readFile(path.join(cwd, "out/publik/a/index.html"))).equals(before)).toBe(true);
    // Another period shares no count with c's: built.
    stderr = [];
    expect(await runBuild(["--public", "a", "--period", "2023-03"], io)).toBe(0);
    expect((await figures("a")).parameters.period).toBe("2023-03");
    // Together again: built.
    expect(await runBuild(["--public", "a", "c", "--period", "2023-04"], io)).toBe(0);
    expect(stderr).toEqual([]);
  });

  it("does not write the others of a build next to the previous version of one that failed", async () => {
    expect(await runBuild(["--public", "a", "c"], io)).toBe(0);
    const before = await readFile(path.join(cwd, "out/publik/a/index.html"));
    await rm(path.join(cwd, "data/sample/extra.csv"));
    expect(await runBuild(["--public", "a", "c"], io)).toBe(1);
    const err = stderr.join("");
    expect(err).toContain("Fel: c byggdes inte:");
    expect(err).toContain("Fel: a byggdes inte: out/publik/ har redan den publika rapporten c för perioden 2023-04");
    expect((await readFile(path.join(cwd, "out/publik/a/index.html"))).equals(before)).toBe(true);
  });

  it("writes none of the reports protected together when one fails after the joint protection", async () => {
    // d fails once the flag file exists, in any run of its body after the first two (the joint
    // protection's): while it is built, after the protection took it in.
    const flag = JSON.stringify(path.join(cwd, "data/sample/fail-when-built"));
    await writeFile(path.join(cwd, "reports/d.ts"), script("").replace(
      "async (r) => {",
      `async (r) => {\n  if ((await import("node:fs")).existsSync(${flag}) && ++(globalThis as { dRuns?: number }).dRuns! > 2) throw new Error("ritningen gick fel");`,
    ).replace("export default", "(globalThis as { dRuns?: number }).dRuns = 0;\nexport default"));
    expect(await runBuild(["--public", "a", "d"], io)).toBe(0);
    const before = await readFile(path.join(cwd, "out/publik/a/index.html"));
    await writeFile(path.join(cwd, "data/sample/fail-when-built"), "");
    await writeFile(path.join(cwd, "data/sample/deltagare.csv"), (await readFile(path.join(cwd, "data/sample/deltagare.csv"), "utf8")).replace("\n", "\n19560101-0015;K;IPS;2023-01-10;;\n"));
    stderr = [];
    expect(await runBuild(["--public", "a", "d"], io)).toBe(1);
    const err = stderr.join("");
    expect(err).toContain("ritningen gick fel");
    expect(err).toContain("Fel: a skrevs inte: en annan av de publika rapporterna som skyddades tillsammans med den misslyckades");
    expect((await readFile(path.join(cwd, "out/publik/a/index.html"))).equals(before)).toBe(true);
  });

  it("counts a public report whose figures.json cannot be read as one of the same period", async () => {
    expect(await runBuild(["--public", "a", "c"], io)).toBe(0);
    const file = path.join(cwd, "out/publik/c/figures.json");
    await writeFile(file, `\ufeff${await readFile(file, "utf8")}`);
    expect(await runBuild(["--public", "a"], io)).toBe(1);
    expect(stderr.join("")).toContain("Fel: a byggdes inte: out/publik/ har redan den publika rapporten c för perioden 2023-04");
  });

  it("leaves internal reports alone", async () => {
    expect(await runBuild(["a", "c"], io)).toBe(0);
    expect(await runBuild(["a"], io)).toBe(0);
    expect(stderr).toEqual([]);
  });
});
