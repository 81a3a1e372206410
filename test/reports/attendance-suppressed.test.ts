// A statistic of a group is hidden with the group's counts. The sample data with one more
// provider, "Nya Vägar AB", with one participant in June 2023 (49,5 of 80 scheduled hours): a
// public build of ekonomiskt-bistand hides the provider's participants as too few, and must hide
// its attendance rate too (61,875 %, that one person's own hours), in the table, the chart, its
// text alternative and figures.json.
import { appendFile, cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { ROOT, listFiles } from "../report/helpers.ts";
import { SAMPLE_DIR, SAMPLE_ENV } from "../e2e/sample.ts";
import { plain, pnr } from "./fixture.ts";

const PROVIDER = "Nya Vägar AB";

/** `utfall build ekonomiskt-bistand [--public] --period 2023-06 --data <data> --out <out>`. */
async function build(data: string, out: string, isPublic: boolean): Promise<{ code: number; stderr: string }> {
  const stderr: string[] = [];
  const code = await runBuild(["ekonomiskt-bistand", ...(isPublic ? ["--public"] : []), "--period", "2023-06", "--data", data, "--out", out], {
    stdout: () => {},
    stderr: (s: string) => void stderr.push(s),
    env: { ...SAMPLE_ENV },
    cwd: ROOT,
  });
  return { code, stderr: stderr.join("") };
}

/** Every text output of a built report (HTML, CSV, SVG, text alternatives, figures.json), by file. */
async function texts(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir)) if (/\.(html|csv|svg|txt|json)$/.test(f)) out.set(f, plain(await readFile(path.join(dir, f), "utf8")));
  return out;
}

/** The row of a written CSV (`;`) that starts with `first`. */
const csvRow = (csv: string, first: string) => csv.split(/\r?\n/).find((l) => l.replace(/^\uFEFF/, "").startsWith(`${first};`))?.split(";");

describe("the attendance rate of a provider with one participant", () => {
  let data: string;
  let out: string;
  beforeAll(async () => {
    data = await mkdtemp(path.join(os.tmpdir(), "utfall-att-data-"));
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-att-out-"));
    await cp(SAMPLE_DIR, data, { recursive: true });
    // narvaro.csv is Windows-1252 / Latin-1 with LF line ends: one more row, the same way.
    const line = `${pnr(1996, 4)};2023-06;AIR;${PROVIDER};80;49,5\n`;
    const file = path.join(data, "narvaro.csv");
    const before = await readFile(file);
    await appendFile(file, Buffer.from((before.at(-1) === 0x0a ? "" : "\n") + line, "latin1"));
  });
  afterAll(async () => {
    for (const d of [data, out]) if (d) await rm(d, { recursive: true, force: true });
  });

  it("is there to hide: an internal build shows 62 %, exactly 49,5 of 80 hours", async () => {
    const built = await build(data, out, false);
    expect(built.code, built.stderr).toBe(0);
    const csv = await readFile(path.join(out, "ekonomiskt-bistand", "tables", "narvaro-per-utforare.csv"), "utf8");
    expect(csvRow(csv, PROVIDER)).toEqual([PROVIDER, "0", "0", "1", "1", "62", "0", "0"]);
    expect(await readFile(path.join(out, "ekonomiskt-bistand", "figures.json"), "utf8")).toContain("0.61875");
  }, 120_000);

  it("is hidden in every output of a public build, which still builds", async () => {
    const built = await build(data, out, true);
    expect(built.code, built.stderr).toBe(0);
    const dir = path.join(out, "publik", "ekonomiskt-bistand");
    const files = await texts(dir);
    // The table: the participants and everything computed from them.
    expect(csvRow(files.get("tables/narvaro-per-utforare.csv")!, PROVIDER)).toEqual([PROVIDER, "..", "..", "..", "..", "..", "..", ".."]);
    // The chart's data: the rate hidden, the requirement (80 %) shown.
    expect(csvRow(files.get("tables/narvaro-mot-krav.csv")!, PROVIDER)).toEqual([PROVIDER, "..", "80"]);
    for (const [file, text] of files) {
      expect(text, file).not.toContain("0.61875");
      expect(text, file).not.toMatch(/61[,.]875/);
      expect(text, file).not.toMatch(new RegExp(`${PROVIDER}[^.;<]{0,12}62\\s?%`));
      expect(text, file).not.toMatch(new RegExp(`${PROVIDER};62\\b`));
    }
    // The chart's text alternative names it among the hidden ones.
    expect(files.get("figures/narvaro-mot-krav.txt")).toMatch(/Dolt: [^.]*Nya Vägar AB/);
  }, 120_000);
});
