// A median is hidden with the count of the group it is taken over. The sample data with every
// enrolment of a person aged 60 or more that is ongoing on 30 June 2023 ended on 31 May, but
// one: the median time of those enrolled now is that one person's own (606 days, 19,9 months).
// A public build of insatser must say in words that it is not shown, and show neither the median
// nor a breakdown of that small group that tells where the person is; the period's count of
// persons aged 60+ (77) is shown as before.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FiguresDocument } from "../../src/report/build.ts";
import { runBuild } from "../../src/cli/build.ts";
import { ROOT, listFiles } from "../report/helpers.ts";
import { SAMPLE_ENV } from "../e2e/sample.ts";
import { pageText, plain, sampleWithParticipants } from "./fixture.ts";

/** `utfall build insatser [--public] --period 2023-06 --data <data> --out <out>`. */
async function build(data: string, out: string, isPublic: boolean): Promise<{ code: number; stderr: string }> {
  const stderr: string[] = [];
  const code = await runBuild(["insatser", ...(isPublic ? ["--public"] : []), "--period", "2023-06", "--data", data, "--out", out], {
    stdout: () => {},
    stderr: (s: string) => void stderr.push(s),
    env: { ...SAMPLE_ENV },
    cwd: ROOT,
  });
  return { code, stderr: stderr.join("") };
}

/** The ongoing enrolments on 30 June 2023 of persons aged 60 or more end on 31 May instead, all but the first. */
async function oneOlderEnrolledNow(dir: string): Promise<void> {
  const day = (s: string) => s.replace(/-/g, "");
  let kept = 0;
  const ended = await sampleWithParticipants(dir, (f, col) => {
    const born = f[col("F\u00f6delse\u00e5r")];
    if (!/^\d{4}$/.test(born) || 2023 - Number(born) < 60) return false;
    const [start, end] = [f[col("Startdatum")], f[col("Slutdatum")]];
    if (!(day(start) <= "20230630" && (end === "" || day(end) >= "20230630"))) return false;
    if (kept++ < 1) return false;
    f[col("Slutdatum")] = "2023-05-31";
    f[col("Avslutsorsak")] ||= "E";
    return true;
  });
  expect(ended).toBeGreaterThan(10);
}

describe("the median time of a group of one", () => {
  let data: string;
  let out: string;
  beforeAll(async () => {
    data = await mkdtemp(path.join(os.tmpdir(), "utfall-median-data-"));
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-median-out-"));
    await oneOlderEnrolledNow(data);
  });
  afterAll(async () => {
    for (const d of [data, out]) if (d) await rm(d, { recursive: true, force: true });
  });

  it("is there to hide: an internal build gives it, 19,9 months", async () => {
    const built = await build(data, out, false);
    expect(built.code, built.stderr).toBe(0);
    const html = pageText(await readFile(path.join(out, "insatser", "index.html"), "utf8"));
    expect(html).toContain("den mittersta (medianen) varit aktuell i 19,9 månader");
  }, 120_000);

  it("is not shown by a public build, which says so in words and still builds", async () => {
    const built = await build(data, out, true);
    expect(built.code, built.stderr).toBe(0);
    const dir = path.join(out, "publik", "insatser");
    const html = pageText(await readFile(path.join(dir, "index.html"), "utf8"));
    expect(html).toContain("Mediantiden för dem som är inskrivna nu visas inte eftersom de är för få för att redovisas.");
    expect(html).not.toContain("medianen) varit aktuell i");
    // The period's count of persons aged 60 or more is still shown.
    expect(html).toMatch(/\b77 deltagare var 60 år eller äldre/);
    const doc = JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument;
    expect(doc.figures.map((f) => f.id)).not.toContain("median-manader-60");
    // Nowhere the median: 19,9 in the text of a page, a chart or a table, 19.90965… in figures.json.
    for (const f of await listFiles(dir)) {
      if (!/\.(html|csv|svg|txt|json)$/.test(f)) continue;
      const raw = plain(await readFile(path.join(dir, f), "utf8"));
      expect(/\.(html|svg)$/.test(f) ? pageText(raw) : raw, f).not.toMatch(/\b19,9\b|19\.909/);
    }
    // The group's time bands: one person in one band and zeros elsewhere would tell the band, so
    // the breakdown of the small group is withheld as a whole.
    const bands = (await readFile(path.join(dir, "tables", "tid-i-insats-60.csv"), "utf8")).replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
    expect(bands).toHaveLength(5);
    for (const row of bands) expect(row.split(";").slice(1)).toEqual(["..", "..", "..", ".."]);
  }, 120_000);
});
