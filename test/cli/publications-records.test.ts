// The records of earlier publications as a build keeps them: one build at a time, one threshold
// over time, and no identity number in them.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { writePublication } from "../../src/cli/publications.ts";
import { publicationRecord } from "../../src/disclosure/history.ts";
import { DisclosureModel } from "../../src/disclosure/model.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { GOLDEN, ROOT, TEST_ENV } from "../report/helpers.ts";

const at = (p: string) => JSON.stringify(path.join(ROOT, p));
const script = `import { report } from ${at("src/report/index.ts")};
import { programmeOutcomes, yearToDate } from ${at("src/metrics/index.ts")};
import { genderTable } from ${at("src/tables/index.ts")};
export default report({ title: "Rapport", period: "2023-04" }, async (r) => {
  const p = await r.load.participants("deltagare.csv", { mode: "lenient" });
  const t = r.publishable(programmeOutcomes(p.table, { ...yearToDate(r.period), by: ["programme"] }), { name: "deltagare", measures: ["participants"], groupKeys: ["programme"], rollup: [["programme"]] });
  r.table(genderTable(t, { name: "deltagare-per-insats", caption: "Deltagare per insats och kön", keys: [{ key: "programme", label: "Insats" }], measure: "participants", measureLabel: "Deltagare" }));
});
`;

describe("the records of earlier publications", () => {
  let cwd: string;
  let stderr: string[];
  const io = (): Io => ({ stdout: () => {}, stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd });
  const threshold = async () => (JSON.parse(await readFile(path.join(cwd, "out/publik/a/figures.json"), "utf8")) as FiguresDocument).parameters.threshold;
  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-records-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/sample/deltagare.csv"));
    await writeFile(path.join(cwd, "reports/a.ts"), script);
    stderr = [];
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("builds at the threshold earlier publications used, and refuses a lower one", async () => {
    expect(await runBuild(["a", "--public", "--period", "2023-03", "--threshold", "7"], io()), stderr.join("")).toBe(0);
    // April at the report's own 5 would show counts March hid as under 7: built at 7.
    expect(await runBuild(["a", "--public", "--period", "2023-04"], io()), stderr.join("")).toBe(0);
    expect(await threshold()).toBe(7);
    await rm(path.join(cwd, "out"), { recursive: true });
    expect(await runBuild(["a", "--public", "--period", "2023-03", "--threshold", "3"], io()), stderr.join("")).toBe(0);
    expect(await runBuild(["a", "--public", "--period", "2023-04"], io())).toBe(1);
    expect(stderr.join("")).toContain("a för 2023-03 publicerades med tröskeln 3, lägre än byggets 5 (an earlier publication used a lower threshold): bygg med --threshold 3");
  }, 60_000);

  it("lets one public build at a time use the records, and takes over a lock left by a process that ended", async () => {
    await mkdir(path.join(cwd, "out/publiceringar"), { recursive: true });
    // A build that is running (this process) holds them.
    await writeFile(path.join(cwd, "out/publiceringar/.lock"), `${process.pid}\n`);
    expect(await runBuild(["a", "--public"], io())).toBe(1);
    expect(stderr.join("")).toContain(`Fel: ett annat publikt bygge (process ${process.pid}) använder publiceringsposterna just nu`);
    await expect(readdir(path.join(cwd, "out/publik"))).rejects.toThrow();
    // One that ended without letting go: taken over, and let go after the build.
    await writeFile(path.join(cwd, "out/publiceringar/.lock"), "2147483646\n");
    stderr = [];
    expect(await runBuild(["a", "--public"], io()), stderr.join("")).toBe(0);
    expect(await readdir(path.join(cwd, "out/publiceringar"))).toEqual(["a"]);
  }, 60_000);

  it("says so when a table an earlier publication had is gone (renamed, its counts are linked to nothing)", async () => {
    expect(await runBuild(["a", "--public", "--period", "2023-03"], io()), stderr.join("")).toBe(0);
    expect(stderr).toEqual([]);
    // The same report (named by its file) with its table renamed; another path, as this process keeps the module it imported.
    await mkdir(path.join(cwd, "alt"));
    await writeFile(path.join(cwd, "alt/a.ts"), script.replace('name: "deltagare"', 'name: "deltagare-per-program"'));
    expect(await runBuild(["alt/a.ts", "--public", "--period", "2023-04"], io()), stderr.join("")).toBe(0);
    expect(stderr.join("")).toContain("Varning: a publicerades för 2023-03 med tabellen deltagare, som bygget inte har: har en tabell bytt namn skyddas den inte mot det som publicerats tidigare");
  }, 60_000);

  it("never writes an identity number into a record", async () => {
    const model = new DisclosureModel();
    model.addCell("t|n|person=19900803-0489|T", 3, "t: n (19900803-0489), T");
    const record = publicationRecord("t", "2023-04", model, { threshold: 5, suppressed: new Set(["t|n|person=19900803-0489|T"]), withheld: new Set() }, new Set());
    await expect(writePublication(path.join(cwd, "poster"), record)).rejects.toThrow(/personnummer|identity number/i);
    await expect(readdir(path.join(cwd, "poster"))).rejects.toThrow(/ENOENT/);
  });
});
