/**
 * What an attacker can derive about each suppressed small count from everything a report
 * publishes: the smallest and largest value of the cell over all non-negative integer solutions
 * consistent with the published numbers and the relations between them, solved as a mixed
 * integer programme with HiGHS (WebAssembly).
 *
 * The attacker knows every published value, every relation, that suppressed cells are
 * non-negative integers, and which suppressed cells are primary (1 … threshold − 1): the others
 * are then 0 or at least the threshold, which is a disjunction (one binary variable each).
 *
 * The constraints come only from what is published (values or null, primary flags, relations):
 * the build-time audit feeds it the values read back from the rendered outputs. An optional
 * witness (one solution known to fit, e.g. the true counts) only speeds the search up; the
 * intervals are the same with or without it.
 */
import { createRequire } from "node:module";
import type { LegacyHighs } from "highs";
import type { Relation } from "./model.ts";

// highs is a CommonJS package whose typings declare an ES default export: load it by require.
const highsLoader = createRequire(import.meta.url)("highs") as () => Promise<LegacyHighs>;

export interface PublishedCell {
  id: string;
  /** The published value; null = suppressed. */
  value: number | null;
  /** Suppressed because it is a small count (1 … threshold − 1). */
  primary: boolean;
  label: string;
}

export interface PublishedView {
  threshold: number;
  cells: readonly PublishedCell[];
  relations: readonly Relation[];
}

export interface CellInterval {
  id: string;
  label: string;
  min: number;
  max: number;
}

let solver: Promise<LegacyHighs> | undefined;
function highs(): Promise<LegacyHighs> {
  solver ??= highsLoader();
  return solver;
}

/** Suppressed cells grouped into the parts of the model an attacker can attack together. */
function components(view: PublishedView): { cells: string[]; relations: Relation[] }[] {
  const hidden = new Set(view.cells.filter((c) => c.value === null).map((c) => c.id));
  const parent = new Map<string, string>([...hidden].map((id) => [id, id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const rel of view.relations) {
    const ids = [rel.total, ...rel.parts].filter((id) => hidden.has(id));
    for (let i = 1; i < ids.length; i++) parent.set(find(ids[i]), find(ids[0]));
  }
  const groups = new Map<string, { cells: string[]; relations: Relation[] }>();
  for (const id of hidden) {
    const root = find(id);
    const g = groups.get(root) ?? { cells: [], relations: [] };
    g.cells.push(id);
    groups.set(root, g);
  }
  for (const rel of view.relations) {
    const first = [rel.total, ...rel.parts].find((id) => hidden.has(id));
    if (first !== undefined) groups.get(find(first))!.relations.push(rel);
  }
  return [...groups.values()];
}

/**
 * The LP-format text of one component's constraints (without objective). `blind`: published
 * cells of its relations become unknown non-negative integers instead of constants.
 */
function constraints(
  view: PublishedView,
  comp: { cells: string[]; relations: Relation[] },
  byId: Map<string, PublishedCell>,
  free: ReadonlySet<string>,
  blind: boolean,
  fixed?: ReadonlyMap<string, number>,
) {
  const vars = [...comp.cells];
  const unknown = new Set(free);
  if (blind) {
    for (const rel of comp.relations) {
      for (const id of [rel.total, ...rel.parts]) {
        if (byId.get(id)!.value !== null && !unknown.has(id)) {
          unknown.add(id);
          vars.push(id);
        }
      }
    }
  }
  const varOf = new Map(vars.map((id, i) => [id, `x${i}`]));
  const known = (id: string) => byId.get(id)!.value ?? fixed?.get(id);
  // A bound for the big-M disjunctions, far above any value a suppressed cell can take (each is
  // at most a published total, or a hidden total that is itself at most the sum of what is
  // published plus the hidden small cells). Capping an unbounded cell there cannot narrow a
  // primary's interval: a primary moves by less than the threshold.
  const published = view.cells.reduce((s, c) => s + (c.value ?? 0), 0);
  const big = 2 * published + view.threshold * (vars.length + 1) + 1000;
  const rows: string[] = [];
  const linear = (terms: [number, string][], op: "=" | "<=" | ">=", rhsConst: number) => {
    // terms: coefficient × cell id; published cells move to the right-hand side.
    let rhs = rhsConst;
    const parts: string[] = [];
    for (const [coef, id] of terms) {
      const v = varOf.get(id);
      if (v === undefined) {
        const k = known(id);
        if (k === undefined || k === null) throw new Error(`cell ${id} has no value and no variable`);
        rhs -= coef * k;
      }
      else parts.push(`${coef < 0 ? "-" : "+"} ${Math.abs(coef)} ${v}`);
    }
    if (parts.length === 0) return;
    rows.push(` c${rows.length}: ${parts.join(" ")} ${op} ${rhs}`);
  };
  for (const rel of comp.relations) {
    const terms: [number, string][] = [...rel.parts.map((p) => [1, p] as [number, string]), [-1, rel.total]];
    linear(terms, rel.kind === "eq" ? "=" : rel.kind === "ge" ? ">=" : "<=", 0);
    for (const p of rel.parts) linear([[1, p], [-1, rel.total]], "<=", 0);
  }
  const bounds: string[] = [];
  const binaries: string[] = [];
  vars.forEach((id, i) => {
    const cell = byId.get(id)!;
    if (unknown.has(id)) bounds.push(` 0 <= x${i} <= ${big}`);
    else if (cell.primary) bounds.push(` 1 <= x${i} <= ${view.threshold - 1}`);
    else {
      bounds.push(` 0 <= x${i} <= ${big}`);
      binaries.push(`b${i}`);
      rows.push(` c${rows.length}: x${i} - ${big} b${i} <= 0`);
      rows.push(` c${rows.length}: x${i} - ${view.threshold} b${i} >= 0`);
    }
  });
  return { varOf, body: `Subject To\n${rows.join("\n")}\nBounds\n${bounds.join("\n")}\nGeneral\n ${vars.map((_, i) => `x${i}`).join(" ")}\n${binaries.length ? `Binary\n ${binaries.join(" ")}\n` : ""}End\n` };
}

export interface IntervalOptions {
  /**
   * Hidden cells the attacker knows nothing about beyond being non-negative integers: not
   * known to be primary or not (cells no output shows).
   */
  free?: ReadonlySet<string>;
  /** Compute only these primary cells (default: every primary cell). */
  cells?: ReadonlySet<string>;
  /** Forget the published values of the relations of each part of the model (see markIntervals). */
  blind?: boolean;
  /**
   * A solution known to be consistent with what is published (the true values of the hidden
   * cells). It only makes the search faster: each cell is first tried in a small neighbourhood
   * with the hidden cells outside it fixed at the witness, so any value found there extends to a
   * whole solution. A neighbourhood that reaches 1 and threshold − 1 proves the exact interval;
   * otherwise the whole part of the model is solved. Results are the same with or without it.
   */
  witness?: ReadonlyMap<string, number>;
}

/** Hidden cells within `radius` relation steps of `start` (through hidden cells). */
function neighbourhood(start: string, comp: { cells: string[]; relations: Relation[] }, radius: number): { cells: string[]; relations: Relation[] } {
  const inComp = new Set(comp.cells);
  const rels = new Map<string, Relation[]>();
  for (const r of comp.relations) for (const id of [r.total, ...r.parts]) if (inComp.has(id)) rels.set(id, [...(rels.get(id) ?? []), r]);
  const seen = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < radius; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const r of rels.get(id) ?? []) {
        for (const other of [r.total, ...r.parts]) {
          if (inComp.has(other) && !seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
        }
      }
    }
    frontier = next;
  }
  const relations = comp.relations.filter((r) => [r.total, ...r.parts].some((id) => seen.has(id)));
  return { cells: [...seen], relations };
}

/**
 * The interval of every primary cell. Throws when the published numbers contradict the
 * relations (no solution at all), which means an output does not show what the model holds.
 */
export async function attackerIntervals(view: PublishedView, opts: IntervalOptions = {}): Promise<CellInterval[]> {
  const free = opts.free ?? new Set<string>();
  const byId = new Map(view.cells.map((c) => [c.id, c]));
  for (const rel of view.relations) {
    for (const id of [rel.total, ...rel.parts]) if (!byId.has(id)) throw new Error(`relation names an unknown cell ${id}`);
  }
  const h = await highs();
  const out: CellInterval[] = [];
  for (const comp of components(view)) {
    const wanted = comp.cells.filter((id) => byId.get(id)!.primary && (!opts.cells || opts.cells.has(id)));
    if (wanted.length === 0) continue;
    let whole: ReturnType<typeof constraints> | undefined;
    const solve = (id: string, part: ReturnType<typeof constraints>, sense: "Minimize" | "Maximize") => {
      const res = h.solve(`${sense}\n obj: ${part.varOf.get(id)!}\n${part.body}`, { mip_rel_gap: 0, output_flag: false });
      if (res.Status !== "Optimal") {
        throw new Error(`${byId.get(id)!.label}: de publicerade talen går inte ihop (the published numbers are inconsistent: ${res.Status})`);
      }
      return Math.round(res.ObjectiveValue);
    };
    for (const id of wanted) {
      const label = byId.get(id)!.label;
      if (opts.witness && !opts.blind) {
        let proved = false;
        for (const radius of [2]) {
          const local = neighbourhood(id, comp, radius);
          if (local.cells.length >= comp.cells.length) break;
          const part = constraints(view, local, byId, free, false, opts.witness);
          const min = solve(id, part, "Minimize");
          const max = min <= 1 ? solve(id, part, "Maximize") : 0;
          if (min <= 1 && max >= view.threshold - 1) {
            out.push({ id, label, min, max });
            proved = true;
            break;
          }
        }
        if (proved) continue;
      }
      whole ??= constraints(view, comp, byId, free, opts.blind ?? false);
      out.push({ id, label, min: solve(id, whole, "Minimize"), max: solve(id, whole, "Maximize") });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * What the suppression marks alone tell about each primary cell: the same attacker, but with
 * every published value forgotten (the relations and which hidden cells are small remain).
 * Usually 1 … threshold − 1; narrower where the marks themselves imply it — a small total with
 * two small parts (K + M = T, T and both parts under 5) leaves each part at most T − 1 ≤ 3
 * whatever is published. That knowledge is what "fewer than 5" tells; the published numbers
 * must add nothing to it.
 */
export async function markIntervals(view: PublishedView, cells?: ReadonlySet<string>, free?: ReadonlySet<string>): Promise<CellInterval[]> {
  // Per part of the model an attacker attacks together, with its relations' published values
  // forgotten. Leaving out the rest of the model can only widen these intervals, which makes
  // the requirement stricter, never weaker.
  return attackerIntervals(view, { cells, blind: true, free });
}

/** True when the attacker's interval is as wide as what the marks alone tell. */
export function isProtected(i: CellInterval, marks: CellInterval): boolean {
  return i.min <= marks.min && i.max >= marks.max;
}

/**
 * Each primary cell's interval from everything published, beside what the marks alone tell;
 * `failing` are those the published numbers narrow further.
 */
export async function checkIntervals(view: PublishedView, opts: IntervalOptions = {}): Promise<{ intervals: CellInterval[]; marks: Map<string, CellInterval>; failing: CellInterval[] }> {
  const intervals = await attackerIntervals(view, opts);
  // An interval of 1 … threshold − 1 is protected whatever the marks tell.
  const narrow = intervals.filter((i) => i.min > 1 || i.max < view.threshold - 1);
  const marks = new Map(narrow.length ? (await markIntervals(view, new Set(narrow.map((i) => i.id)), opts.free)).map((m) => [m.id, m]) : []);
  const failing = narrow.filter((i) => !isProtected(i, marks.get(i.id)!));
  return { intervals, marks, failing };
}
