/**
 * The attacker of two months of one year, from their publication records (history.ts): every
 * cell both published, as published (values, marks, hidden and withheld cells), their relations,
 * and each count gathered from January linked across the months as later = earlier + the persons
 * in between (unknown, at least 0). Stronger than what the joint protection models of an older
 * month (joint.ts bounds its hidden counts one by one), so a public build is audited with it
 * against every earlier month of its year before anything is written (cli/joint-protection.ts),
 * and `bench/series-attack.ts` runs it over every two months of a series.
 */
import { checkIntervals, type CellInterval, type PublishedCell } from "./attacker.ts";
import { publishedView, unknownCells, type PublicationRecord } from "./history.ts";
import type { Relation } from "./model.ts";

export interface TwoMonthsResult {
  earlier: string;
  later: string;
  cells: number;
  relations: number;
  /** The small counts of both months and the small increases checked. */
  checked: number;
  /** Of them, the increases. */
  increases: number;
  /** The checked cells the attacker narrows, with their labels (and intervals: never to be shown). */
  failing: CellInterval[];
}

/** The name of the count a cell of the attacker stands for (`<month>#<name>`, `Δ<month>→<month>#<name>`). */
export function countName(id: string): string {
  return id.slice(id.indexOf("#") + 1);
}

/**
 * Attack the records of two months of one year together. `gathered(id)` says whether a cell id's
 * count is gathered from January (not counted at one date). Each month's records are one per
 * report (the version published last); a count two reports of a month publish is one cell.
 */
export async function attackTwoMonths(earlier: readonly PublicationRecord[], later: readonly PublicationRecord[], gathered: (id: string) => boolean): Promise<TwoMonthsResult> {
  const [first, second] = [earlier[0]?.period, later[0]?.period];
  if (!first || !second || first.slice(0, 4) !== second.slice(0, 4) || first >= second) throw new Error(`attackTwoMonths: two months of one year, the earlier first (${first}, ${second})`);
  const threshold = Math.max(...[...earlier, ...later].map((r) => r.threshold));
  const small = (v: number) => v > 0 && v < threshold;
  const cells: PublishedCell[] = [];
  const free = new Set<string>();
  const relations: Relation[] = [];
  const truth = new Map<string, number>();
  for (const [month, records] of [[first, earlier], [second, later]] as const) {
    for (const rec of records) {
      if (rec.period !== month) throw new Error(`attackTwoMonths: ${rec.report} ${rec.period} among ${month}`);
      const view = publishedView(rec);
      const unknown = unknownCells(rec);
      view.cells.forEach((c, k) => {
        const id = `${month}#${c.id}`;
        if (truth.has(id)) return;
        truth.set(id, rec.cells[k].value);
        cells.push({ ...c, id, label: `${month} ${rec.report}: ${c.label}` });
        if (unknown.has(c.id)) free.add(id);
      });
      for (const r of view.relations) relations.push({ ...r, total: `${month}#${r.total}`, parts: r.parts.map((p) => `${month}#${p}`) });
    }
  }
  const checked = new Set<string>();
  let increases = 0;
  for (const [id, value] of truth) {
    if (!id.startsWith(`${second}#`)) continue;
    const name = id.slice(id.indexOf("#") + 1);
    const before = truth.get(`${first}#${name}`);
    // A count that shrank was corrected, not gathered: the attacker cannot link it.
    if (before === undefined || !gathered(name) || value < before) continue;
    const between = `Δ${first}→${id}`;
    cells.push({ id: between, label: `${first}→${second}: ökningen (the increase) ${name}`, value: null, primary: small(value - before) });
    free.add(between);
    relations.push({ total: id, parts: [`${first}#${name}`, between], kind: "eq", why: "ökning" });
    if (small(value - before)) {
      checked.add(between);
      increases++;
    }
  }
  for (const c of cells) if (c.primary) checked.add(c.id);
  const { failing } = await checkIntervals({ threshold, cells, relations }, { free, cells: checked });
  return { earlier: first, later: second, cells: cells.length, relations: relations.length, checked: checked.size, increases, failing };
}

/**
 * The records of each month, as editions of the month: one record per report each. A report built
 * again for a month with other numbers has a record per version, and any of them may have been
 * read; edition i takes each report's i-th version (its last where it has fewer), so every version
 * is in some edition. Records without a month (`period` null or not a month) are left out.
 */
export function monthEditions(records: readonly PublicationRecord[]): Map<string, PublicationRecord[][]> {
  const versions = new Map<string, Map<string, PublicationRecord[]>>();
  for (const r of records) {
    if (r.period === null || !/^\d{4}-(0[1-9]|1[0-2])$/.test(r.period)) continue;
    const month = versions.get(r.period) ?? new Map<string, PublicationRecord[]>();
    month.set(r.report, [...(month.get(r.report) ?? []), r]);
    versions.set(r.period, month);
  }
  const out = new Map<string, PublicationRecord[][]>();
  for (const month of [...versions.keys()].sort()) {
    const reports = [...versions.get(month)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    const n = Math.max(...reports.map((v) => v.length));
    out.set(month, Array.from({ length: n }, (_, i) => reports.map((v) => v[Math.min(i, v.length - 1)])));
  }
  return out;
}

/**
 * The records a public build is about to publish (`current`, one month), attacked together with
 * each other month of the same year that earlier builds published (`history`), every edition of
 * it (only the months in `only`, if given): the pairs' results, in month order, each with the
 * other month.
 */
export async function attackWithOtherMonths(current: readonly PublicationRecord[], history: readonly PublicationRecord[], gathered: (id: string) => boolean,
  only?: ReadonlySet<string>): Promise<(TwoMonthsResult & { other: string })[]> {
  const month = current[0]?.period ?? null;
  if (month === null || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return [];
  const out: (TwoMonthsResult & { other: string })[] = [];
  for (const [other, editions] of monthEditions(history)) {
    if (other === month || other.slice(0, 4) !== month.slice(0, 4) || (only && !only.has(other))) continue;
    for (const edition of editions) out.push({ other, ...(other < month ? await attackTwoMonths(edition, current, gathered) : await attackTwoMonths(current, edition, gathered)) });
  }
  return out;
}
