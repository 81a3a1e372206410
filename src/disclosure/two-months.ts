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
import { isMonth, publishedView, unknownCells, type PublicationRecord } from "./history.ts";
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

/** The attack of several months of one year together (`attackMonths`). */
export interface MonthsResult {
  /** The months attacked, in order. */
  months: string[];
  cells: number;
  relations: number;
  /** The small counts of every month and the small increases checked. */
  checked: number;
  /** Of them, the increases. */
  increases: number;
  /** The checked cells the attacker narrows, with their labels (and intervals: never to be shown). */
  failing: CellInterval[];
}

/**
 * The months a cell of the attacker belongs to: `<month>#…` one, `Δ<earlier>→<later>#…` both.
 */
export function cellMonths(id: string): string[] {
  return id.startsWith("Δ") ? [id.slice(1, 8), id.slice(9, 16)] : [id.slice(0, 7)];
}

/**
 * Attack the records of two or more months of one year together (`byMonth`, the months in order,
 * each month's records one per report). `gathered(id)` says whether a cell id's count is gathered
 * from January (not counted at one date): such a count is linked to the same count of the nearest
 * earlier month that published it, as later = earlier + the persons in between (unknown, at least
 * 0), so every month's hidden counts bound every other month's through the chain. Checked: the
 * small counts of every month, and every small increase of a count between two months (an
 * increase between months that are not next to each other in the chain is a cell of its own, so
 * that it is checked too). A count two reports of a month publish is one cell. The month
 * `unpublished` is taken as not yet published: its counts are there, unknown, and only grow.
 * With `touching`, only the parts of the model (hidden cells linked by relations) that hold a
 * cell of that month or an increase to or from it are checked; with `only`, only those cells.
 * The true counts, which the records hold, are the attacker's first solution (a witness: it
 * only makes the search faster).
 */
export async function attackMonths(byMonth: readonly (readonly PublicationRecord[])[], gathered: (id: string) => boolean,
  opts: { unpublished?: string; touching?: string; only?: ReadonlySet<string> } = {}): Promise<MonthsResult> {
  const months = byMonth.map((records) => records[0]?.period);
  for (let i = 0; i < months.length; i++) {
    const m = months[i];
    if (!m || m.slice(0, 4) !== months[0]!.slice(0, 4) || (i > 0 && months[i - 1]! >= m)) throw new Error(`attackMonths: months of one year, in order (${months.join(", ")})`);
  }
  if (months.length < 2) throw new Error(`attackMonths: at least two months (${months.join(", ")})`);
  const threshold = Math.max(...byMonth.flat().map((r) => r.threshold));
  const small = (v: number) => v > 0 && v < threshold;
  const cells: PublishedCell[] = [];
  const free = new Set<string>();
  const relations: Relation[] = [];
  const truth = new Map<string, number>();
  byMonth.forEach((records, i) => {
    const month = months[i]!;
    for (const rec of records) {
      if (rec.period !== month) throw new Error(`attackMonths: ${rec.report} ${rec.period} among ${month}`);
      const view = publishedView(rec);
      const unknown = unknownCells(rec);
      const unpublished = month === opts.unpublished;
      view.cells.forEach((c, k) => {
        const id = `${month}#${c.id}`;
        if (truth.has(id)) return;
        truth.set(id, rec.cells[k].value);
        cells.push(unpublished ? { ...c, id, label: `${month} ${rec.report}: ${c.label}`, value: null, primary: false } : { ...c, id, label: `${month} ${rec.report}: ${c.label}` });
        if (unpublished || unknown.has(c.id)) free.add(id);
      });
      if (!unpublished) for (const r of view.relations) relations.push({ ...r, total: `${month}#${r.total}`, parts: r.parts.map((p) => `${month}#${p}`) });
    }
  });
  const checked = new Set<string>();
  let increases = 0;
  const increase = (from: string, to: string, name: string, link: boolean) => {
    const [before, value] = [truth.get(`${from}#${name}`)!, truth.get(`${to}#${name}`)!];
    const between = `Δ${from}→${to}#${name}`;
    if (!link && !small(value - before)) return;
    truth.set(between, value - before);
    cells.push({ id: between, label: `${from}→${to}: ökningen (the increase) ${name}`, value: null, primary: small(value - before) });
    free.add(between);
    relations.push({ total: `${to}#${name}`, parts: [`${from}#${name}`, between], kind: "eq", why: "ökning" });
    if (small(value - before)) {
      checked.add(between);
      increases++;
    }
  };
  // Each gathered count's months, in order; a count that shrank was corrected, not gathered: the
  // chain breaks there (the attacker cannot link it).
  const chains = new Map<string, string[][]>();
  for (const id of truth.keys()) {
    const month = id.slice(0, 7);
    const name = id.slice(8);
    if (!gathered(name)) continue;
    const runs = chains.get(name) ?? [[]];
    const run = runs[runs.length - 1];
    if (run.length > 0 && truth.get(id)! < truth.get(`${run[run.length - 1]}#${name}`)!) runs.push([month]);
    else run.push(month);
    chains.set(name, runs);
  }
  for (const [name, runs] of chains) {
    for (const run of runs) {
      for (let j = 1; j < run.length; j++) {
        increase(run[j - 1], run[j], name, true);
        for (let i = 0; i < j - 1; i++) increase(run[i], run[j], name, false);
      }
    }
  }
  for (const c of cells) if (c.primary) checked.add(c.id);
  if (opts.only) for (const id of checked) if (!opts.only.has(id)) checked.delete(id);
  const within = opts.touching === undefined ? undefined : new Set(cells.filter((c) => cellMonths(c.id).includes(opts.touching!)).map((c) => c.id));
  const witness = new Map(cells.filter((c) => c.value === null || free.has(c.id)).map((c) => [c.id, truth.get(c.id)!]));
  // The months' hidden cells make one large part: more rounds of settling save solves of it.
  const { failing } = await checkIntervals({ threshold, cells, relations }, { free, cells: checked, within, witness, settleRounds: 16 });
  return { months: months as string[], cells: cells.length, relations: relations.length, checked: checked.size, increases, failing };
}

/**
 * Attack the records of two months of one year together (`attackMonths` of the two). Each month's
 * records are one per report (the version published last).
 */
export async function attackTwoMonths(earlier: readonly PublicationRecord[], later: readonly PublicationRecord[], gathered: (id: string) => boolean): Promise<TwoMonthsResult> {
  const [first, second] = [earlier[0]?.period, later[0]?.period];
  if (!first || !second || first.slice(0, 4) !== second.slice(0, 4) || first >= second) throw new Error(`attackTwoMonths: two months of one year, the earlier first (${first}, ${second})`);
  const { months: _, ...r } = await attackMonths([earlier, later], gathered);
  return { earlier: first, later: second, ...r };
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
    if (!isMonth(r.period)) continue;
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
  if (!isMonth(month)) return [];
  const out: (TwoMonthsResult & { other: string })[] = [];
  for (const [other, editions] of monthEditions(history)) {
    if (other === month || other.slice(0, 4) !== month.slice(0, 4) || (only && !only.has(other))) continue;
    for (const edition of editions) out.push({ other, ...(other < month ? await attackTwoMonths(edition, current, gathered) : await attackTwoMonths(current, edition, gathered)) });
  }
  return out;
}

/** The attack of a build's month with every other month of its year (`attackAllMonths`). */
export interface AllMonthsResult extends MonthsResult {
  /**
   * What the other months, as published before, already narrow with this month's counts unknown
   * (the build cannot mend it): left out of `failing` unless the build narrows it further.
   */
  already: CellInterval[];
}

/**
 * The records a public build is about to publish (`current`, one month), attacked together with
 * every other month of the same year that earlier builds published, all at once: edition i of
 * each other month together (its last where it has fewer), so every version of every month is in
 * some attack. Only where there are two other months or more (two months together are
 * `attackWithOtherMonths`' pairs). Only the parts of the model that hold a count of this month
 * or an increase to or from it are checked: the others are as the other months left them.
 * `failing` holds what the build narrows: a count or increase the other months already narrow
 * with this month's counts unknown but growing fails only where the build narrows it further
 * (those attacks are kept in `before` across calls, by edition and cell: they do not change with
 * what the build hides). With `only`, only those cells are checked. The results, one per edition.
 */
export async function attackAllMonths(current: readonly PublicationRecord[], history: readonly PublicationRecord[], gathered: (id: string) => boolean,
  before = new Map<number, Map<string, CellInterval | null>>(), only?: ReadonlySet<string>): Promise<AllMonthsResult[]> {
  const month = current[0]?.period ?? null;
  if (!isMonth(month)) return [];
  const others = [...monthEditions(history)].filter(([m]) => m !== month && m.slice(0, 4) === month.slice(0, 4));
  if (others.length < 2) return [];
  const out: AllMonthsResult[] = [];
  for (let e = 0; e < Math.max(...others.map(([, x]) => x.length)); e++) {
    const byMonth = new Map<string, readonly PublicationRecord[]>([[month, current], ...others.map(([m, x]) => [m, x[Math.min(e, x.length - 1)]] as const)]);
    const inOrder = [...byMonth.keys()].sort().map((m) => byMonth.get(m)!);
    const r = await attackMonths(inOrder, gathered, { touching: month, only });
    // What the other months tell of the narrowed cells without this one's counts: attacked once.
    const known = before.get(e) ?? new Map<string, CellInterval | null>();
    before.set(e, known);
    const ask = new Set(r.failing.map((f) => f.id).filter((id) => !known.has(id)));
    if (ask.size > 0) {
      for (const id of ask) known.set(id, null);
      for (const f of (await attackMonths(inOrder, gathered, { unpublished: month, only: ask })).failing) known.set(f.id, f);
    }
    const already = r.failing.map((f) => known.get(f.id)).filter((f): f is CellInterval => f !== null && f !== undefined);
    out.push({
      ...r,
      failing: r.failing.filter((f) => {
        const k = known.get(f.id);
        return k === null || k === undefined || f.min > k.min || f.max < k.max;
      }),
      already,
    });
  }
  return out;
}
