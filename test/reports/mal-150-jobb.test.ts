// The projection of the report "mal-150-jobb" tells the count it starts from: the employed at the
// target's start plus the change so far, extended to the end of the year (63 now and 83,6 at the
// end tell 2 at the start). A public build shows that count beside the projection, and hides the
// projection when the count is too small to show.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EMPLOYMENT_FORMS } from "../../src/metrics/goals.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { normaliseHeader } from "../../src/schema/headers.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { runBuild } from "../../src/cli/build.ts";
import { ROOT } from "../report/helpers.ts";
import { SAMPLE_DIR, SAMPLE_ENV } from "../e2e/sample.ts";
import { sampleWithParticipants } from "./fixture.ts";

/** `utfall build mal-150-jobb --public --data <data> --out <out>`; its exit code and messages. */
async function build(data: string, out: string): Promise<{ code: number; stderr: string }> {
  const stderr: string[] = [];
  const code = await runBuild(["mal-150-jobb", "--public", "--data", data, "--out", out], {
    stdout: () => {},
    stderr: (s: string) => void stderr.push(s),
    env: { ...SAMPLE_ENV },
    cwd: ROOT,
  });
  return { code, stderr: stderr.join("") };
}

/** The spellings of an employment (Visstidsanställning, Lönebidrag, …), normalised as the loader reads codes. */
const EMPLOYED = new Set(
  Object.entries(participantsSchema.columns.employmentForm.codes!)
    .filter(([code]) => EMPLOYMENT_FORMS.includes(code))
    .flatMap(([code, spellings]) => [code, ...spellings].map(normaliseHeader)),
);

/**
 * The sample data with all but `keep` of the IPS enrolments in employment that were ongoing on
 * 1 January 2023 starting on 2 January instead, so that few were employed at the start.
 */
async function fewEmployedAtStart(dir: string, keep: number): Promise<void> {
  let kept = 0;
  const moved = await sampleWithParticipants(dir, (f, col) => {
    if (f[col("Insats")] !== "IPS" || !EMPLOYED.has(normaliseHeader(f[col("Anst\u00e4llningsform")]))) return false;
    // Dates as written (2023-01-01 or 20230101), compared as eight digits.
    const [s0, e0] = [f[col("Startdatum")].replace(/-/g, ""), f[col("Slutdatum")].replace(/-/g, "")];
    if (!(s0 <= "20230101" && (e0 === "" || e0 >= "20230101"))) return false;
    if (kept++ < keep) return false;
    f[col("Startdatum")] = "2023-01-02";
    return true;
  });
  expect(moved).toBeGreaterThan(10);
}

async function figures(out: string): Promise<{ doc: FiguresDocument; html: string }> {
  const dir = path.join(out, "publik", "mal-150-jobb");
  const html = (await readFile(path.join(dir, "index.html"), "utf8")).replace(/<[^>]+>/g, "");
  return { doc: JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument, html };
}

describe("the projection of mal-150-jobb in a public build", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("shows the count it starts from beside it, and agrees with it", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "utfall-mal-"));
    dirs.push(out);
    const built = await build(SAMPLE_DIR, out);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    const { doc, html } = await figures(out);
    const value = (id: string) => doc.figures.find((f) => f.id === id)?.value as number | undefined;
    const [start, now, projection] = [value("anstallda-vid-start"), value("anstallda"), value("prognos")];
    expect(start).toBeGreaterThanOrEqual(5);
    // 1 January to 30 September 2023: 272 days gone of 364.
    expect(projection).toBe(Math.round(start! + ((now! - start!) * 364) / 272));
    expect(html).toContain(`Den 1 januari 2023 var ${start} personer i aktiv anställning.`);
  }, 120_000);

  it("hides the projection when the count it starts from is too small to show", async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "utfall-mal-"));
    const data = await mkdtemp(path.join(os.tmpdir(), "utfall-mal-data-"));
    dirs.push(out, data);
    await fewEmployedAtStart(data, 2);
    const built = await build(data, out);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    const { doc, html } = await figures(out);
    expect(doc.figures.map((f) => f.id)).not.toContain("prognos");
    expect(doc.figures.map((f) => f.id)).not.toContain("anstallda-vid-start");
    expect(html).toContain("visas inte eftersom antalet anställda är för litet för att redovisas");
    // Nor does the chart's table give a projected value.
    for (const c of doc.charts) for (const row of c.data.rows) expect(String(row[0])).not.toMatch(/prognos/i);
    expect(html).not.toMatch(/Prognosen till/);
  }, 120_000);
});
