import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { GOLDEN, ROOT, TEST_ENV } from "./helpers.ts";

const api = JSON.stringify(path.join(ROOT, "src/report/index.ts"));

// The fixture has one bad row (line 18: no start date); this report opts in to quarantining it.
// The person count goes through the disclosure model (r.publishable, r.count), as a public build
// requires.
const metrics = JSON.stringify(path.join(ROOT, "src/metrics/index.ts"));
const GOOD = `import { report } from ${api};
import { programmeOutcomes, yearToDate } from ${metrics};
export default report({ title: "Liten rapport", period: "2023-04" }, async (r) => {
  const p = await r.load.participants(undefined, { mode: "lenient" });
  const all = r.publishable(programmeOutcomes(p.table, { ...yearToDate(r.period), by: [], genderSplit: false }), { name: "u", measures: ["participants"], groupKeys: [] });
  r.heading("Deltagare");
  r.text\`Antal deltagare: \${r.count(all, "participants")}.\`;
});
`;
const BROKEN = `import { report } from ${api};
export default report({ title: "Trasig" }, async (r) => {
  r.text\`Början\`;
  throw new Error("beräkningen gick fel");
});
`;

describe("utfall build", () => {
  let cwd: string;
  let stdout: string[];
  let stderr: string[];
  let io: Io;

  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-cli-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await cp(path.join(GOLDEN, "basic/input/deltagare.csv"), path.join(cwd, "data/sample/deltagare.csv"));
    await writeFile(path.join(cwd, "reports/liten.ts"), GOOD);
    stdout = [];
    stderr = [];
    io = { stdout: (s: string) => void stdout.push(s), stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }, cwd };
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("builds every report into out/<name>/ and exits 0", async () => {
    expect(await runBuild([], io)).toBe(0);
    expect((await readdir(path.join(cwd, "out/liten"))).sort()).toEqual(["figures.json", "index.html", "tabeller.xlsx"]);
    const doc = JSON.parse(await readFile(path.join(cwd, "out/liten/figures.json"), "utf8"));
    expect(doc.buildTime).toBe("2023-05-02T00:00:00.000Z");
    expect(doc.parameters).toEqual({ dataDir: "data/sample", period: "2023-04", public: false, threshold: 5, unit: null });
    expect(doc.figures.map((f: { shown: string }) => f.shown)).toEqual(["16"]);
    expect(doc.inputs[0]).toMatchObject({ name: "deltagare.csv", rowsRead: 17, rowsAccepted: 16, rowsQuarantined: 1 });
    expect(stdout.join("")).toContain("Klar: liten → out/liten/");
    expect(stderr).toEqual([]);
  });

  it("takes --data, --out, --period and --public", async () => {
    await cp(path.join(cwd, "data/sample"), path.join(cwd, "annan"), { recursive: true });
    // A period other than the script's 2023-04 that the export covers (its last date is 2023-04-28).
    expect(await runBuild(["liten", "--data", "annan", "--out=ut", "--period", "2023-03", "--public"], io)).toBe(0);
    const doc = JSON.parse(await readFile(path.join(cwd, "ut/publik/liten/figures.json"), "utf8")); // public builds: <out>/publik/<name>/
    expect(doc.parameters).toEqual({ dataDir: "annan", period: "2023-03", public: true, threshold: 5, unit: null });
  });

  it("exits 1 on a --period past the export's last month, saying so and writing nothing", async () => {
    expect(await runBuild(["liten", "--period", "2023-08"], io)).toBe(1);
    expect(stderr.join("")).toContain(
      "Fel: liten byggdes inte: deltagare.csv täcker 2023-01-09 – 2023-04-28; perioden 2023-08 (2023-01 – 2023-08) går längre än exporten, som saknar uppgifter efter 2023-04-28 " +
        "(period runs past the end of the input's range). Ange en period som exporten täcker med --period, senast 2023-04, eller en datamapp med nyare exporter med --data.",
    );
    expect(existsSync(path.join(cwd, "out/liten"))).toBe(false);
  });

  it("exits 2 on usage errors, without writing anything", async () => {
    expect(await runBuild(["--period", "2023-13"], io)).toBe(2);
    expect(await runBuild(["--okand"], io)).toBe(2);
    expect(await runBuild(["--data"], io)).toBe(2);
    expect(await runBuild(["finnsinte"], io)).toBe(2);
    expect(await runBuild(["--data", "saknas"], io)).toBe(2);
    expect(stderr.join("")).toContain("okänd rapport finnsinte; finns: liten");
    expect(existsSync(path.join(cwd, "out"))).toBe(false);
  });

  it("exits 1 when a report fails, keeps its previous output and builds the others", async () => {
    // "trasig" reads a second input; it builds while the file is there and fails once it is gone.
    await writeFile(path.join(cwd, "reports/trasig.ts"), GOOD.replace("r.load.participants(undefined,", 'r.load.participants("extra.csv",'));
    await cp(path.join(cwd, "data/sample/deltagare.csv"), path.join(cwd, "data/sample/extra.csv"));
    expect(await runBuild([], io)).toBe(0);
    const before = await readFile(path.join(cwd, "out/trasig/index.html"));
    await rm(path.join(cwd, "data/sample/extra.csv"));
    await rm(path.join(cwd, "out/liten"), { recursive: true });
    stderr = [];
    expect(await runBuild([], io)).toBe(1);
    expect(stderr.join("")).toContain("Fel: trasig byggdes inte:");
    expect(stderr.join("")).toContain("1 av 2 rapporter misslyckades");
    expect((await readFile(path.join(cwd, "out/trasig/index.html"))).equals(before)).toBe(true);
    expect(existsSync(path.join(cwd, "out/liten/index.html"))).toBe(true);
    expect((await readdir(path.join(cwd, "out"))).filter((n) => !n.startsWith(".") && n !== "index.html").sort()).toEqual(["liten", "trasig"]); // beside them: their version folders (and the index page)
  });

  it("loads strictly by default: a bad cell fails the build naming file, line and column, never a personal value", async () => {
    await writeFile(path.join(cwd, "reports/strikt.ts"), GOOD.replace("r.load.participants(undefined, { mode: \"lenient\" })", "r.load.participants()"));
    expect(await runBuild(["strikt"], io)).toBe(1);
    const err = stderr.join("");
    expect(err).toContain("Fel: strikt byggdes inte: deltagare.csv: 1 problem(s) in 1 of 17 rows (strict mode");
    expect(err).toContain('deltagare.csv:18: column "Startdatum"');
    expect(err).toContain('{ mode: "lenient" }');
    // No identity number of the file (in any spelling) and no absolute path in the message.
    const csv = await readFile(path.join(cwd, "data/sample/deltagare.csv"), "utf8");
    const pnrs = [...csv.matchAll(/^(\d{8})-(\d{4});/gm)].map((m) => m[1] + m[2]);
    expect(pnrs).toHaveLength(17);
    for (const p of pnrs) {
      for (const shown of [p, p.slice(2), `${p.slice(0, 8)}-${p.slice(8)}`, `${p.slice(2, 8)}-${p.slice(8)}`]) expect(err).not.toContain(shown);
    }
    expect(err).not.toContain(cwd);
    expect(existsSync(path.join(cwd, "out/strikt"))).toBe(false);
  });

  it("never prints an identity number that sits in a wrong, non-personal column of a bad row", async () => {
    const file = path.join(cwd, "data/sample/deltagare.csv");
    await writeFile(file, (await readFile(file, "utf8")).replace("19890909-3695;K;PRAKTIK;;;", "19890909-3695;K;PRAKTIK;19890909-3695;;"));
    await writeFile(path.join(cwd, "reports/strikt.ts"), GOOD.replace("r.load.participants(undefined, { mode: \"lenient\" })", "r.load.participants()"));
    expect(await runBuild(["strikt"], io)).toBe(1);
    const err = stderr.join("");
    expect(err).toContain('deltagare.csv:18: column "Startdatum" (start): expected a date (YYYY-MM-DD or YYYYMMDD), got "[personnummer dolt]"');
    expect(err).not.toContain("19890909");
    expect(err).not.toContain("890909");
  });

  it("with { mode: \"lenient\" } quarantines the bad row and reports it in the footer and figures.json", async () => {
    expect(await runBuild(["liten"], io)).toBe(0);
    const doc = JSON.parse(await readFile(path.join(cwd, "out/liten/figures.json"), "utf8"));
    expect(doc.inputs).toEqual([expect.objectContaining({ name: "deltagare.csv", rowsRead: 17, rowsAccepted: 16, rowsQuarantined: 1 })]);
    const html = await readFile(path.join(cwd, "out/liten/index.html"), "utf8");
    expect(html).toMatch(/<th scope="row">deltagare\.csv<\/th><td>participants<\/td><td><code>[0-9a-f]{64}<\/code><\/td><td class="num">17<\/td><td class="num">16<\/td><td class="num">1<\/td>/);
    expect(stdout.join("")).toContain("läst deltagare.csv: 16 av 17 rader godkända, 1 i karantän");
  });

  it("exits 1 on a report whose body throws, leaving no output folder", async () => {
    await writeFile(path.join(cwd, "reports/trasig.ts"), BROKEN);
    expect(await runBuild(["trasig"], io)).toBe(1);
    expect(stderr.join("")).toContain("Fel: trasig byggdes inte: oväntat fel när rapporten beräknades och ritades (while computing and drawing the report): Error: beräkningen gick fel [reports/trasig.ts:4]");
    expect(existsSync(path.join(cwd, "out/trasig"))).toBe(false);
    expect(existsSync(path.join(cwd, "out")) ? await readdir(path.join(cwd, "out")) : []).toEqual([]);
  });
});
