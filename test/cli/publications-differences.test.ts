// Counts gathered from January, published for January and again for February: February's less
// January's is the number of persons in between (new participants, new resource jobs), which no
// report shows and every reader can compute. Three sample reports built public for both months into
// one output folder: no such difference under 5 may be told, neither by a plain subtraction nor by
// an attacker who combines every published number of both months with the knowledge that these
// counts only grow.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { checkIntervals } from "../../src/disclosure/attacker.ts";
import { parseRecord } from "../../src/disclosure/history.ts";
import { AT_DATE } from "../../src/disclosure/register.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { ROOT, TEST_ENV } from "../report/helpers.ts";
import { addPublished, emptyView } from "./published-view.ts";

const REPORTS = ["ekonomiskt-bistand", "resursjobb", "overenskommelse"];
const MONTHS = ["2023-01", "2023-02"] as const;

describe("year-to-date counts of two months of one year", () => {
  let out: string;
  const stderr: string[] = [];
  // By month and report: what figures.json publishes, and the true value of every count (the private record).
  const published = new Map<string, FiguresDocument>();
  const truth = new Map<string, Map<string, number>>();
  const stdout: string[] = [];
  const io = (): Io => ({ stdout: (s: string) => void stdout.push(s), stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1704067200" }, cwd: ROOT });
  /** A count whose difference between months is persons: gathered from January, not taken at one date. */
  const gathers = (id: string) => !AT_DATE.includes(id.split("|")[1]);

  beforeAll(async () => {
    out = await mkdtemp(path.join(os.tmpdir(), "utfall-differences-"));
    for (const month of MONTHS) {
      expect(await runBuild([...REPORTS, "--public", "--period", month, "--out", out], io()), stderr.join("")).toBe(0);
      for (const report of REPORTS) {
        published.set(`${month}/${report}`, JSON.parse(await readFile(path.join(out, "publik", report, "figures.json"), "utf8")) as FiguresDocument);
        const folder = path.join(out, "publiceringar", report, month);
        const [version] = await readdir(folder);
        const record = parseRecord(await readFile(path.join(folder, version), "utf8"), version);
        truth.set(`${month}/${report}`, new Map(record.cells.map((c) => [c.id, c.value])));
      }
    }
  }, 120_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  /** The counts of a report whose true February value exceeds January's by 1 … 4. */
  const smallIncreases = (report: string) => {
    const [jan, feb] = MONTHS.map((m) => truth.get(`${m}/${report}`)!);
    return [...feb].filter(([id, v]) => jan.has(id) && v - jan.get(id)! > 0 && v - jan.get(id)! < 5).map(([id]) => id);
  };

  it("says that February was audited beside January as published", () => {
    const lines = stdout.join("").split("\n").filter((l) => l.startsWith("Röjandekontroll över tid"));
    // January's build had no other month to be audited beside; February's had January.
    expect(lines).toEqual([expect.stringMatching(/^Röjandekontroll över tid: granskad tillsammans med månaden 2023-01 som publicerats; inget litet antal eller ökning kan avgränsas/)]);
  });

  it("never shows a count in both months when February's less January's is 1 to 4 persons", () => {
    let increases = 0;
    for (const report of REPORTS) {
      const [jan, feb] = MONTHS.map((m) => new Map(published.get(`${m}/${report}`)!.disclosure!.cells.map((c) => [c.id, c.value])));
      for (const id of smallIncreases(report)) {
        if (!gathers(id)) continue;
        increases++;
        const shownBoth = jan.get(id) !== undefined && jan.get(id) !== null && feb.get(id) !== undefined && feb.get(id) !== null;
        expect(shownBoth, `${report}: ${id}`).toBe(false);
      }
    }
    // The sample has such increases (new participants per provider, focus groups, resource jobs).
    expect(increases).toBeGreaterThanOrEqual(6);
  });

  it("protects every small increase against both months' figures together", async () => {
    const view = emptyView();
    const { cells, free, relations } = view;
    const checked = new Set<string>();
    for (const report of REPORTS) {
      const ids = new Map<string, Set<string>>();
      for (const month of MONTHS) ids.set(month, addPublished(view, month, published.get(`${month}/${report}`)!.disclosure!));
      // February = January + the persons in between, for every count gathered from January the
      // true values of which grow (unknown, at least 0; checked where it is 1 … 4).
      const [jan, feb] = MONTHS.map((m) => truth.get(`${m}/${report}`)!);
      const small = new Set(smallIncreases(report));
      for (const id of ids.get(MONTHS[1])!) {
        if (!ids.get(MONTHS[0])!.has(id) || !gathers(id) || !(feb.get(id)! >= jan.get(id)!)) continue;
        const between = `Δ${report}#${id}`;
        cells.push({ id: between, label: `ökningen ${id}`, value: null, primary: small.has(id) });
        free.add(between);
        relations.push({ total: `${MONTHS[1]}#${id}`, parts: [`${MONTHS[0]}#${id}`, between], kind: "eq", why: "ökning" });
        if (small.has(id)) checked.add(between);
      }
    }
    expect(checked.size).toBeGreaterThanOrEqual(6);
    const { failing } = await checkIntervals({ threshold: 5, cells, relations }, { free, cells: checked });
    expect(failing.map((f) => `${f.label}: ${f.min}–${f.max}`)).toEqual([]);
  }, 60_000);
});
