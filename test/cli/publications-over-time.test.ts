// A municipality's website keeps every month's public report. The resource-jobs report, built for
// January to April 2023 into one output folder: January hides its year's small count of new resource
// jobs and, to protect it, the closed year 2020; a later month that showed 2020 would give January's
// small count by subtraction. Each public build takes the earlier publications into its disclosure
// model (out/publiceringar/), so what all the months publish together protects every small count.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { checkIntervals } from "../../src/disclosure/attacker.ts";
import { parseRecord, type PublicationRecord } from "../../src/disclosure/history.ts";
import { AT_DATE } from "../../src/disclosure/register.ts";
import { attackAllMonths } from "../../src/disclosure/two-months.ts";
import type { Relation } from "../../src/disclosure/model.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { ROOT, TEST_ENV } from "../report/helpers.ts";
import { addPublished, emptyView } from "./published-view.ts";

const MONTHS = ["2023-01", "2023-02", "2023-03", "2023-04"];

describe("public reports of successive periods", () => {
  let out: string;
  let internal: string;
  let stderr: string[];
  const published = new Map<string, FiguresDocument>();
  // The true value of every count, from the internal build of the same month (its tables and figures).
  const truth = new Map<string, Map<string, number>>();
  const io = (): Io => ({ stdout: () => {}, stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1704067200" }, cwd: ROOT });

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-months-"));
    internal = await mkdtemp(path.join(os.tmpdir(), "utfall-months-internal-"));
    stderr = [];
    for (const month of MONTHS) {
      expect(await runBuild(["resursjobb", "--public", "--period", month, "--out", out], io()), stderr.join("")).toBe(0);
      published.set(month, JSON.parse(await readFile(path.join(out, "publik/resursjobb/figures.json"), "utf8")) as FiguresDocument);
      expect(await runBuild(["resursjobb", "--period", month, "--out", internal], io()), stderr.join("")).toBe(0);
      const doc = JSON.parse(await readFile(path.join(internal, "resursjobb/figures.json"), "utf8")) as FiguresDocument;
      const values = new Map<string, number>();
      for (const t of [...doc.tables, ...doc.charts.map((c) => c.data)]) {
        t.cells?.forEach((row, i) => row.forEach((id, j) => id !== null && typeof t.rows[i][j] === "number" && values.set(id, t.rows[i][j] as number)));
      }
      for (const f of doc.figures) if (f.cell !== undefined && typeof f.value === "number") values.set(f.cell, f.value);
      truth.set(month, values);
    }
  }, 120_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
    await rm(internal, { recursive: true, force: true });
  });

  it("never lets a later month's closed years give an earlier month's hidden small count", () => {
    // The attack a reader can do by hand: a month's total to the target group minus its years,
    // each year known from whichever month shows it (a closed year is the same in every month).
    const yearValue = new Map<string, number>();
    const rows = (doc: FiguresDocument) => {
      const t = doc.tables.find((x) => x.name === "resursjobb-per-ar")!;
      const total = t.columns.findIndex((c) => c.label === "Till målgruppen, totalt");
      return t.rows.map((r) => ({ year: String(r[0]), value: r[total] as number | null }));
    };
    for (const doc of published.values()) {
      for (const { year, value } of rows(doc)) {
        if (value === null || year === "2023") continue;
        if (yearValue.has(year)) expect(value, year).toBe(yearValue.get(year));
        yearValue.set(year, value);
      }
    }
    let hiddenSmall = 0;
    for (const [month, doc] of published) {
      const ofYear = rows(doc).find((r) => r.year === "2023")!;
      const trueValue = truth.get(month)!.get("resursjobb|resourceJobsDisability|year=2023|T")!;
      if (ofYear.value !== null) continue;
      // Hidden and small (marked small, or withheld with its breakdown).
      if (trueValue > 0 && trueValue < 5) hiddenSmall++;
      const total = doc.figures.find((f) => f.id === "resursjobb-malgrupp")!;
      const known = rows(doc).filter((r) => r.year !== "2023").every((r) => r.value !== null || yearValue.has(r.year));
      if (total.suppressed || total.value === null || !known) continue;
      const derived = (total.value as number) - rows(doc).filter((r) => r.year !== "2023").reduce((s, r) => s + (r.value ?? yearValue.get(r.year)!), 0);
      expect(derived > 0 && derived < 5, `${month}: 2023 = ${derived} from the other months' closed years`).toBe(false);
    }
    // The sample has such a small count (January's 2 and February's 4): the test attacks something.
    expect(hiddenSmall).toBeGreaterThanOrEqual(2);
  });

  it("protects every small count of every month against all the months' figures together", async () => {
    // The attacker: every month's published cells and relations, and each count equal to the count
    // of the same name in another month taken as one number where they are (closed years).
    const view = emptyView();
    const { cells, free: unknown, relations } = view;
    const byName = new Map<string, string[]>();
    for (const [month, doc] of published) {
      const known = addPublished(view, month, doc.disclosure!);
      for (const id of known) byName.set(id, [...(byName.get(id) ?? []), month]);
    }
    // A count of a year (or month) that ended before a month's period began is final: the same in
    // every later month where the true values agree.
    const closed = (id: string, month: string) => {
      const year = /(?:^|,)year=(\d{4})(?:,|$)/.exec(id.split("|")[2])?.[1];
      return year !== undefined && Number(year) < Number(month.slice(0, 4));
    };
    let links = 0;
    for (const [id, months] of byName) {
      const valued = months.filter((m) => truth.get(m)!.has(id));
      for (let i = 1; i < valued.length; i++) {
        if (truth.get(valued[0])!.get(id) !== truth.get(valued[i])!.get(id) || !closed(id, valued[0])) continue;
        relations.push({ total: `${valued[0]}#${id}`, parts: [`${valued[i]}#${id}`], kind: "eq", why: "samma" });
        links++;
      }
    }
    expect(links).toBeGreaterThan(30);
    const marked = cells.filter((c) => c.primary);
    expect(marked.length).toBeGreaterThan(0);
    const { failing } = await checkIntervals({ threshold: 5, cells, relations }, { free: unknown, cells: new Set(marked.map((c) => c.id)) });
    expect(failing.map((f) => `${f.label}: ${f.min}–${f.max}`)).toEqual([]);
  });

  it("tells nothing in April, beside January to March at once, that those months did not already", async () => {
    const records = new Map<string, PublicationRecord[]>();
    for (const month of MONTHS) {
      const dir = path.join(out, "publiceringar/resursjobb", month);
      records.set(month, await Promise.all((await readdir(dir)).map(async (f) => parseRecord(await readFile(path.join(dir, f), "utf8"), f))));
    }
    const gathered = (id: string) => !AT_DATE.includes(id.split("|")[1]);
    const [april] = await attackAllMonths(records.get("2023-04")!, MONTHS.slice(0, 3).flatMap((m) => records.get(m)!), gathered);
    expect(april.months).toEqual(MONTHS);
    // Two months at a time this April passed; it once narrowed increases from January to March
    // (2023-01→2023-03 of resourceJobsDisability, M) by what it showed.
    expect(april.failing.map((f) => f.label)).toEqual([]);
    expect(april.checked).toBeGreaterThan(0);
  });

  it("keeps a private record of every version published, outside the public folder", async () => {
    const folder = path.join(out, "publiceringar/resursjobb");
    expect(await readdir(folder)).toEqual(MONTHS);
    expect(await readdir(path.join(out, "publik"))).not.toContain("publiceringar");
    const [first] = await readdir(path.join(folder, "2023-02"));
    const before = await readFile(path.join(folder, "2023-02", first), "utf8");
    // February again, with the same data: the first version's record stays as it was published.
    expect(await runBuild(["resursjobb", "--public", "--period", "2023-02", "--out", out], io()), stderr.join("")).toBe(0);
    const versions = await readdir(path.join(folder, "2023-02"));
    expect(versions).toContain(first);
    expect(await readFile(path.join(folder, "2023-02", first), "utf8")).toBe(before);
    // Built again with the same records, it publishes the same: no third version.
    expect(await runBuild(["resursjobb", "--public", "--period", "2023-02", "--out", out], io()), stderr.join("")).toBe(0);
    expect(await readdir(path.join(folder, "2023-02"))).toEqual(versions);
  }, 60_000);

  it("refuses a public build next to a record it cannot read, naming the file", async () => {
    const [version] = await readdir(path.join(out, "publiceringar/resursjobb/2023-03"));
    const file = path.join(out, "publiceringar/resursjobb/2023-03", version);
    const kept = await readFile(file, "utf8");
    await writeFile(file, kept.slice(0, 200));
    stderr = [];
    try {
      expect(await runBuild(["resursjobb", "--public", "--period", "2023-05", "--out", out], io())).toBe(1);
      expect(stderr.join("")).toContain(`${path.join("publiceringar", "resursjobb", "2023-03", version)}: ingen läsbar publiceringspost (not a readable publication record)`);
      expect(stderr.join("")).toContain("inga rapporter byggdes");
    } finally {
      await writeFile(file, kept);
    }
  }, 60_000);
});

describe("the records kept elsewhere (--history)", () => {
  let dir: string;
  let stderr: string[];
  const io = (): Io => ({ stdout: () => {}, stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1704067200" }, cwd: dir });
  const row2020 = async (out: string) => {
    const doc = JSON.parse(await readFile(path.join(dir, out, "publik/resursjobb/figures.json"), "utf8")) as FiguresDocument;
    const t = doc.tables.find((x) => x.name === "resursjobb-per-ar")!;
    return t.rows.find((r) => String(r[0]) === "2020")![t.columns.findIndex((c) => c.label === "Till målgruppen, totalt")];
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "utfall-history-"));
    stderr = [];
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("protects a build into a fresh output folder against what another folder's builds published", async () => {
    const common = ["resursjobb", "--public", "--data", path.join(ROOT, "data/sample"), "--history", "poster"];
    // The report script comes from the repository: a path outside reports/.
    const script = path.join(ROOT, "reports/resursjobb.ts");
    common[0] = script;
    expect(await runBuild([...common, "--period", "2023-01", "--out", "jan"], io()), stderr.join("")).toBe(0);
    expect(await readdir(path.join(dir, "poster/resursjobb"))).toEqual(["2023-01"]);
    expect(await readdir(path.join(dir, "jan"))).not.toContain("publiceringar");
    expect(await runBuild([...common, "--period", "2023-03", "--out", "mar"], io()), stderr.join("")).toBe(0);
    // March's 2020 is January's hidden 36: shown, it gives January's 2.
    expect(await row2020("jan")).toBeNull();
    expect(await row2020("mar")).toBeNull();
    // Without the records, March shows it.
    expect(await runBuild([...common.slice(0, -2), "--period", "2023-03", "--out", "alone"], io()), stderr.join("")).toBe(0);
    expect(await row2020("alone")).toBe(36);
  }, 60_000);

  it("refuses records inside the public folder, and --history without --public", async () => {
    stderr = [];
    expect(await runBuild(["resursjobb", "--public", "--out", "ut", "--history", "ut/publik/poster"], io())).toBe(2);
    expect(stderr.join("")).toContain("utfall build: --history ut/publik/poster ligger i ut/publik/, som publiceras; publiceringsposterna är privata");
    stderr = [];
    expect(await runBuild(["resursjobb", "--history", "poster"], io())).toBe(2);
    expect(stderr.join("")).toContain("--history gäller bara publika byggen (only with --public)");
  });
});
