// Shared by public-audit-*.test.ts: build every sample report in public mode for a period, then
// attack what was written — values parsed back from the CSV files and figures.json, never the
// build's internal state.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "vitest";
import { checkIntervals } from "../../src/disclosure/attacker.ts";
import type { Relation } from "../../src/disclosure/model.ts";
import type { FiguresDocument, TableRecord } from "../../src/report/build.ts";
import { readWrittenCsv } from "../report/written-csv.ts";

/** A count as written: ".." is suppressed (null); digits with space separators otherwise. */
export function parseCount(cell: string): number | null {
  if (cell === "..") return null;
  const n = Number(cell.replace(/[\s\u00a0\u202f]/g, ""));
  if (!Number.isInteger(n)) throw new Error(`not a count: ${JSON.stringify(cell)}`);
  return n;
}

/**
 * Every linked count of every table and chart CSV of a written public report, checked against
 * figures.json, then attacked: returns the number of small counts checked.
 */
export async function attackWrittenReport(dir: string): Promise<{ primaries: number; shown: number }> {
  const doc = JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument;
  expect(doc.parameters.public).toBe(true);
  const disclosure = doc.disclosure!;
  const published = new Map(disclosure.cells.map((c) => [c.id, c]));
  const seen = new Map<string, number | null>();
  const records: TableRecord[] = [...doc.tables, ...doc.charts.map((c) => c.data)];
  for (const t of records) {
    if (!t.cells) continue;
    const csv = readWrittenCsv(await readFile(path.join(dir, t.file), "utf8"));
    t.cells.forEach((cellsOfRow, i) =>
      cellsOfRow.forEach((id, j) => {
        if (id === null) return;
        const value = parseCount(csv[i + 1][j]);
        // The same cell shows the same value in every file, and the value figures.json gives.
        if (seen.has(id)) expect(value, `${t.file}: ${id}`).toBe(seen.get(id));
        seen.set(id, value);
        expect(published.has(id), `${t.file}: ${id} not in figures.json`).toBe(true);
        expect(value, `${t.file}: ${id}`).toBe(published.get(id)!.value);
      }),
    );
  }
  for (const f of doc.figures) if (f.cell !== undefined) expect(f.suppressed ? null : f.value).toBe(published.get(f.cell)!.value);
  // The counts a shown share or statistic is computed from are published too (an exact share tells them).
  for (const t of records) {
    t.shareCells?.forEach((row, i) =>
      row.forEach((ids, j) => {
        if (ids !== null && t.rows[i][j] !== null) for (const id of ids) expect(published.has(id), `${t.file}: ${t.columns[j].key} of ${id}`).toBe(true);
      }),
    );
  }
  for (const f of doc.figures) if (f.cells !== undefined && !f.suppressed) for (const id of f.cells) expect(published.has(id), `${f.id}: ${id}`).toBe(true);
  // The attacker: every published cell with its written value, the relations, which cells are
  // marked small; withheld cells (breakdowns of small totals) and cells of the relations that no
  // output shows are unknowns.
  const cells = disclosure.cells.map((c) => ({ id: c.id, label: c.label, value: c.value, primary: c.primary }));
  const unknown = new Set(disclosure.cells.filter((c) => c.withheld).map((c) => c.id));
  for (const r of disclosure.relations) {
    for (const id of [r.total, ...r.parts]) {
      if (published.has(id) || unknown.has(id)) continue;
      unknown.add(id);
      cells.push({ id, label: id, value: null, primary: false });
    }
  }
  for (const c of disclosure.cells) {
    if (c.primary) expect(c.value).toBeNull();
    if (c.withheld) expect([c.value, c.primary]).toEqual([null, false]);
  }
  const marked = disclosure.cells.filter((c) => c.primary);
  const { intervals, failing } = await checkIntervals({ threshold: disclosure.threshold, cells, relations: disclosure.relations }, { free: unknown, cells: new Set(marked.map((c) => c.id)) });
  expect(failing.map((f) => f.label)).toEqual([]);
  // Every cell marked small is exactly 1 … threshold − 1 to the attacker: no more, no less.
  expect(intervals.length).toBe(marked.length);
  for (const i of intervals) expect([i.min, i.max], i.label).toEqual([1, disclosure.threshold - 1]);
  return { primaries: intervals.length, shown: seen.size };
}

/**
 * The reports of one public build attacked together, from their written figures.json: the cells
 * of all of them (the same id in two reports is one count: they are built for the same period),
 * all relations, and which are marked small. Returns the small counts the union narrows below
 * 1 … threshold − 1 (none, when the build protected its reports together).
 */
export async function attackWrittenReportsTogether(dirs: readonly string[]): Promise<{ failing: string[]; primaries: number }> {
  const cells = new Map<string, { id: string; label: string; value: number | null; primary: boolean }>();
  const withheld = new Set<string>();
  const relations = new Map<string, Relation>();
  let threshold = 0;
  for (const dir of dirs) {
    const disclosure = (JSON.parse(await readFile(path.join(dir, "figures.json"), "utf8")) as FiguresDocument).disclosure!;
    threshold = disclosure.threshold;
    for (const c of disclosure.cells) {
      const had = cells.get(c.id);
      if (had) expect(c.value, `${dir}: ${c.id}`).toBe(had.value);
      cells.set(c.id, { id: c.id, label: `${path.basename(dir)}: ${c.label}`, value: c.value, primary: c.primary || (had?.primary ?? false) });
      if (c.withheld) withheld.add(c.id);
    }
    for (const r of disclosure.relations) relations.set(JSON.stringify(r), r);
  }
  // Withheld in one report but marked small in another: known to be small.
  const unknown = new Set([...withheld].filter((id) => !cells.get(id)!.primary));
  for (const r of relations.values()) {
    for (const id of [r.total, ...r.parts]) {
      if (cells.has(id)) continue;
      unknown.add(id);
      cells.set(id, { id, label: id, value: null, primary: false });
    }
  }
  const marked = [...cells.values()].filter((c) => c.primary);
  const { failing } = await checkIntervals({ threshold, cells: [...cells.values()], relations: [...relations.values()] }, { free: unknown, cells: new Set(marked.map((c) => c.id)) });
  return { failing: failing.map((f) => `${f.label}: ${f.min}–${f.max}`), primaries: marked.length };
}

/** True when a chart SVG draws at least one data mark (a bar, a line or a point). */
export function drawsMarks(svg: string): boolean {
  return /class="mark-(rect|line|symbol|area|arc)[^"]*"[^>]*>\s*<path[^>]*d="M/.test(svg) || /class="mark-(rect|line|symbol|area|arc)[^"]*"[^>]*>(?:(?!<\/g>).)*<path[^>]*d="M/s.test(svg);
}
