// A share or decimal of persons in running text must be linked to its counts in a public build:
// a review published "andel kvinnor 47 %" (0,4696969696969697 in figures.json, 31 of 66) next to
// T and M counts with X hidden, which told the hidden count (66 − 33 − 31 = 2). percent() and
// decimal() of a value computed in the script are refused in a public build unless declared to
// count no persons; r.share and r.statistic are linked. So are amounts: 1 200 000 kr spent on a
// programme and "60 000 kr per deltagare" beside it tell its 20 participants, hidden or not.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { GOLDEN, ROOT, TEST_ENV } from "./helpers.ts";

const at = (p: string) => JSON.stringify(path.join(ROOT, p));
const script = (figure: string) => `import { report, percent, decimal, kr, mnkr } from ${at("src/report/index.ts")};
import { programmeOutcomes, yearToDate } from ${at("src/metrics/index.ts")};
export default report({ title: "Andel", period: "2023-04" }, async (r) => {
  const p = await r.load.participants(undefined, { mode: "lenient" });
  const t = r.publishable(programmeOutcomes(p.table, { ...yearToDate(r.period), by: [] }), { name: "u", measures: ["participants", "ended", "workOrStudies"], groupKeys: [] });
  const rows = t.objects() as { gender: string; participants: number | null; shareWorkOrStudies: number | null }[];
  const k = rows.find((d) => d.gender === "K")!.participants;
  const all = rows.find((d) => d.gender === "T")!.participants;
  r.text\`Deltagare \${r.count(t, "participants")}; \${${figure}}.\`;
});
`;

describe("shares and decimals of persons in a public report", () => {
  let cwd: string;
  let stderr: string[];
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-unlinked-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/sample/deltagare.csv"));
    stderr = [];
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });
  const build = async (figure: string, extra: string[]) => {
    await writeFile(path.join(cwd, "reports/andel.ts"), script(figure));
    return runBuild(["andel", ...extra], { stdout: () => {}, stderr: (s) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd });
  };

  it.each([
    ["percent", 'percent(k === null || all === null ? null : k / all, "andel-kvinnor")'],
    ["decimal", 'decimal(all === null ? null : all / 3, "per-insats")'],
  ])("refuses %s() of a value computed from persons, and builds it internally", async (fn, figure) => {
    expect(await build(figure, ["--public"])).toBe(1);
    expect(stderr.join("")).toContain(`Fel: andel byggdes inte: andel: talet "${figure.match(/"([^"]+)"\)$/)![1]}" är en andel eller ett tal som inte är kopplat till röjandekontrollen`);
    expect(stderr.join("")).toContain(`${fn}(x, namn, { persons: false })`);
    stderr = [];
    expect(await build(figure, [])).toBe(0);
    expect(stderr).toEqual([]);
  });

  it.each([
    ["kr", 'kr(all === null ? null : Math.round(120_000_000 / all), "kostnad-per-deltagare")'],
    ["mnkr", 'mnkr(all === null ? null : all * 5_000_000, "kostnad")'],
  ])("refuses an amount %s() computed from persons, and builds it internally", async (fn, figure) => {
    expect(await build(figure, ["--public"])).toBe(1);
    expect(stderr.join("")).toContain(`Fel: andel byggdes inte: andel: beloppet "${figure.match(/"([^"]+)"\)$/)![1]}" är inte kopplat till röjandekontrollen (an amount not linked to disclosure control)`);
    expect(stderr.join("")).toContain(`${fn}(x, namn, { persons: false })`);
    stderr = [];
    expect(await build(figure, [])).toBe(0);
    expect(stderr).toEqual([]);
  });

  it("takes an amount declared to come from no count of persons", async () => {
    expect(await build('kr(169_400_000, "avtal", { persons: false })', ["--public"])).toBe(0);
    const doc = JSON.parse(await readFile(path.join(cwd, "out/publik/andel/figures.json"), "utf8"));
    expect(doc.figures.find((f: { id: string }) => f.id === "avtal").value).toBe(169_400_000);
    expect(stderr).toEqual([]);
  });

  it("takes r.share, and a figure declared to count no persons", async () => {
    expect(await build('r.share(t, "shareWorkOrStudies", {}, "andel")', ["--public"])).toBe(0);
    const doc = JSON.parse(await readFile(path.join(cwd, "out/publik/andel/figures.json"), "utf8"));
    expect(doc.figures.find((f: { id: string }) => f.id === "andel").cells).toEqual(["u|workOrStudies||T", "u|ended||T"]);
    expect(await build('percent(0.8, "krav", { persons: false })', ["--public"])).toBe(0);
    expect(stderr).toEqual([]);
  });
});
