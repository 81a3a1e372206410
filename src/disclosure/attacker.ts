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
export function highs(): Promise<LegacyHighs> {
  solver ??= highsLoader();
  return solver;
}

/**
 * Solve a problem exactly. HiGHS's presolve has been seen to call a problem infeasible that the
 * true values satisfy (a public build of February of the sample series, highs 1.15.3); solved
 * again without presolve it was optimal. So a problem that is not optimal is solved once more
 * without presolve before that answer stands. `gap`: HiGHS's relative MIP gap, 0 for the optimum;
 * a solution within it is a solution all the same (see `SETTLE_GAP`).
 */
export function solveMilp(h: LegacyHighs, problem: string, gap = 0): ReturnType<LegacyHighs["solve"]> {
  const res = h.solve(problem, { mip_rel_gap: gap, output_flag: false });
  return res.Status === "Optimal" ? res : h.solve(problem, { mip_rel_gap: gap, output_flag: false, presolve: "off" });
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

type Component = { cells: string[]; relations: Relation[] };

/**
 * The LP-format text of one component's constraints (without objective). Cells in `fixed` that
 * are not variables of the component take their value from it (a neighbourhood's boundary).
 * With `side`, a hidden cell not marked small (0 or at least the threshold) stays on the side of
 * the threshold that `side` puts it on, a problem with no binary variables: every solution of it
 * is a solution of the whole problem too, though not every one of that is one of it.
 */
function constraints(view: PublishedView, comp: Component, byId: Map<string, PublishedCell>, free: ReadonlySet<string>, fixed?: ReadonlyMap<string, number>, side?: ReadonlyMap<string, number>) {
  const vars = [...comp.cells];
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
    // No part above its total: said by the relation itself when the parts sum to at most the
    // total (eq, le), every part being at least 0; written out only where they sum to at least it.
    if (rel.kind === "ge") for (const p of rel.parts) linear([[1, p], [-1, rel.total]], "<=", 0);
  }
  const bounds: string[] = [];
  const binaries: string[] = [];
  vars.forEach((id, i) => {
    const cell = byId.get(id)!;
    if (free.has(id)) bounds.push(` 0 <= x${i} <= ${big}`);
    else if (cell.primary) bounds.push(` 1 <= x${i} <= ${view.threshold - 1}`);
    else if (side?.has(id)) bounds.push(side.get(id)! > 0 ? ` ${view.threshold} <= x${i} <= ${big}` : ` 0 <= x${i} <= 0`);
    else {
      bounds.push(` 0 <= x${i} <= ${big}`);
      binaries.push(`b${i}`);
      rows.push(` c${rows.length}: x${i} - ${big} b${i} <= 0`);
      rows.push(` c${rows.length}: x${i} - ${view.threshold} b${i} >= 0`);
    }
  });
  /** The problem's text, with more rows and bounds (for variables of an objective's own). */
  const text = (moreRows: readonly string[] = [], moreBounds: readonly string[] = []) =>
    `Subject To\n${[...rows, ...moreRows].join("\n")}\nBounds\n${[...bounds, ...moreBounds].join("\n")}\nGeneral\n ${vars.map((_, i) => `x${i}`).join(" ")}\n${binaries.length ? `Binary\n ${binaries.join(" ")}\n` : ""}End\n`;
  return { varOf, body: text(), text };
}

export interface IntervalOptions {
  /**
   * Hidden cells the attacker knows nothing about beyond being non-negative integers: not
   * known to be small or not (cells no output shows, and the withheld breakdowns of small totals).
   * Those among them marked `primary` in the view are checked all the same.
   */
  free?: ReadonlySet<string>;
  /** Compute only these primary cells (default: every primary cell). */
  cells?: ReadonlySet<string>;
  /** Only the parts of the model (hidden cells linked by relations) that hold one of these cells. */
  within?: ReadonlySet<string>;
  /**
   * How many solves of a whole part settle its cells together before the rest are solved one by
   * one (`settle`; default 4). A large part, as that of several months together, gains from more:
   * each round settles a share of what is open, where a cell alone takes one solve of it.
   */
  settleRounds?: number;
  /** Compute every hidden cell of `cells`, marked small or not (exact intervals only). */
  hidden?: boolean;
  /**
   * A solution known to be consistent with what is published (the true values of the hidden
   * cells). It only makes the search faster: each cell is first tried in a small neighbourhood
   * with the hidden cells outside it fixed at the witness, so any value found there extends to a
   * whole solution. Which cells fail, and every exact interval, are the same with or without it.
   */
  witness?: ReadonlyMap<string, number>;
  /**
   * Solutions known from earlier work on the same or a less hidden view (e.g. from the
   * suppression, for the audit). Each is checked against everything this view tells before it
   * proves anything, and is completed from the witness where it lacks a cell; solutions found
   * here are appended (the newest {@link KEPT_SOLUTIONS} are kept).
   */
  solutions?: Map<string, number>[];
}

/** From how many cells of a component on their bounds are first settled together (`settle`). */
const SETTLE_TOGETHER = 4;

/**
 * The relative MIP gap of the solves that settle many cells together (`settle`): their solutions
 * only join the pool, where any solution proves what it reaches, so the optimum is not needed.
 * The whole part of five months of the sample series (17 000 cells): its settling took 96 s at
 * the optimum, 70 s within half of it; no interval changes.
 */
const SETTLE_GAP = 0.5;

/** How many shared solutions are kept. */
export const KEPT_SOLUTIONS = 300;

/**
 * Hidden cells within `radius` relation steps of `start` (through hidden cells). `relsOf` holds
 * the relations of each hidden cell of the component, so its keys are the component's cells.
 */
function neighbourhood(start: string, comp: Component, relsOf: Map<string, Relation[]>, radius: number): Component {
  const seen = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < radius; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const r of relsOf.get(id) ?? []) {
        for (const other of [r.total, ...r.parts]) {
          if (relsOf.has(other) && !seen.has(other)) {
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

/** What is wanted of each cell: its exact interval, or only whether it reaches 1 and t − 1. */
type Goal = "exact" | "reach";

/**
 * One part of the model: every solution found along the way is kept (a pool), and a cell's
 * bound is proved by any kept solution that reaches it before a solver is asked. A solution of a
 * neighbourhood, with the witness outside it, is a whole solution too.
 */
class ComponentSolver {
  private readonly pool: Map<string, number>[] = [];
  private readonly relsOf = new Map<string, Relation[]>();
  private whole: ReturnType<typeof constraints> | undefined;
  /** The witness on this component, if it fits what is published (else no neighbourhoods). */
  private readonly witness: Map<string, number> | undefined;
  /** The witness as given (it completes the shared solutions). */
  private readonly given: ReadonlyMap<string, number> | undefined;
  /** Shared solutions not yet checked against this component (see `reaches`). */
  private readonly candidates: Map<string, number>[];

  constructor(
    private readonly h: LegacyHighs,
    private readonly view: PublishedView,
    private readonly comp: Component,
    private readonly byId: Map<string, PublishedCell>,
    private readonly free: ReadonlySet<string>,
    witness: ReadonlyMap<string, number> | undefined,
    private readonly shared: Map<string, number>[] | undefined,
  ) {
    const inComp = new Set(comp.cells);
    for (const r of comp.relations) {
      for (const id of [r.total, ...r.parts]) {
        if (!inComp.has(id)) continue;
        const list = this.relsOf.get(id);
        if (list === undefined) this.relsOf.set(id, [r]);
        else if (list[list.length - 1] !== r) list.push(r);
      }
    }
    this.given = witness;
    this.witness = witness ? this.onComp(witness) : undefined;
    if (this.witness) this.pool.push(this.witness);
    // The shared solutions are checked only when one would settle a bound the pool does not
    // (`reaches`): checking each of them against a whole part of a year's model, in every check of
    // the suppression loop, cost more than the solves (a build of May: 145 of 1 160 s).
    this.candidates = [...(shared ?? [])];
  }

  /** A solution on this component, completed from the witness where it lacks a cell, if it fits (else undefined). */
  private onComp(sol: ReadonlyMap<string, number>): Map<string, number> | undefined {
    const out = new Map<string, number>();
    for (const id of this.comp.cells) {
      const v = sol.get(id) ?? this.given?.get(id);
      if (v === undefined) return undefined;
      out.set(id, v);
    }
    return this.fits(out) ? out : undefined;
  }

  /**
   * Whether a kept solution puts the cell at or below `target` (`low`) or at or above it: the
   * pool first, then the shared solutions not yet checked that would, each checked against
   * everything the attacker knows here before it counts (and then kept, or dropped for good).
   */
  private reaches(id: string, target: number, side: "low" | "high"): boolean {
    if (side === "low" ? this.lowest(id) <= target : this.highest(id) >= target) return true;
    const candidates = this.candidates;
    for (let i = 0; i < candidates.length; ) {
      const v = candidates[i].get(id) ?? this.given?.get(id);
      if (v === undefined || (side === "low" ? v > target : v < target)) {
        i++;
        continue;
      }
      const mine = this.onComp(candidates[i]);
      candidates.splice(i, 1);
      if (mine) {
        this.pool.push(mine);
        return true;
      }
    }
    return false;
  }

  /** Whether a value for every cell of the component agrees with everything the attacker knows. */
  private fits(sol: ReadonlyMap<string, number>): boolean {
    const t = this.view.threshold;
    for (const id of this.comp.cells) {
      const v = sol.get(id)!;
      if (!Number.isInteger(v) || v < 0) return false;
      if (this.free.has(id)) continue;
      if (this.byId.get(id)!.primary ? v < 1 || v > t - 1 : v > 0 && v < t) return false;
    }
    const value = (id: string) => sol.get(id) ?? this.byId.get(id)!.value;
    for (const r of this.comp.relations) {
      const total = value(r.total);
      if (total === null) return false;
      let sum = 0;
      for (const p of r.parts) {
        const v = value(p);
        if (v === null || v > total) return false;
        sum += v;
      }
      if (r.kind === "eq" ? sum !== total : r.kind === "ge" ? sum < total : sum > total) return false;
    }
    return true;
  }

  private keep(sol: Map<string, number>): void {
    this.pool.push(sol);
    if (!this.shared) return;
    this.shared.push(sol);
    if (this.shared.length > KEPT_SOLUTIONS) this.shared.splice(0, this.shared.length - KEPT_SOLUTIONS);
  }

  /** Optimise one cell over `part`; keeps the solution. */
  private solve(id: string, part: ReturnType<typeof constraints>, sense: "Minimize" | "Maximize", outside?: ReadonlyMap<string, number>): number {
    const res = solveMilp(this.h, `${sense}\n obj: ${part.varOf.get(id)!}\n${part.body}`);
    if (res.Status !== "Optimal") {
      throw new Error(`${this.byId.get(id)!.label}: de publicerade talen går inte ihop (the published numbers are inconsistent: ${res.Status})`);
    }
    const sol = new Map<string, number>(outside ?? []);
    for (const [cell, v] of part.varOf) sol.set(cell, Math.round((res.Columns[v] as { Primal: number }).Primal));
    if (sol.size === this.comp.cells.length) this.keep(sol);
    return Math.round(res.ObjectiveValue);
  }

  private lowest(id: string): number {
    return this.pool.reduce((m, s) => Math.min(m, s.get(id)!), Infinity);
  }

  private highest(id: string): number {
    return this.pool.reduce((m, s) => Math.max(m, s.get(id)!), -Infinity);
  }

  /**
   * Settle the bounds of many cells with few solves of the whole component: a solution that puts
   * all of them as low as it can together, then one that puts them as high as they need to be
   * (the sum of their shortfalls from their targets minimised), again for those still open while
   * that settles more. Each solution fits everything the attacker knows, so it proves what it
   * reaches; what it does not settle is solved cell by cell as before. Only the number and size
   * of the solves change, not any interval.
   *
   * With a witness, the rounds are first solved with every hidden count not marked small kept on
   * the witness's side of the threshold (0, or at least it): no binary variables, so a solve of
   * the whole part of six months of the sample series (9 700 cells) takes 2 s instead of 7–8 s,
   * and it settles all but a few dozen of its 4 000 cells. What is left takes the whole problem.
   * (January–June at once: 205 s → 62 s, the same intervals.)
   */
  settle(ids: readonly string[], goal: Goal, rounds: number): void {
    const targets = ids.map((id) => ({ id, ...this.targets(id, goal) }));
    this.whole ??= constraints(this.view, this.comp, this.byId, this.free);
    if (this.witness) this.settleOver(targets, constraints(this.view, this.comp, this.byId, this.free, undefined, this.witness), rounds);
    this.settleOver(targets, this.whole, rounds);
  }

  /** `settle`'s rounds over one problem (the whole, or its restriction to the witness's sides). */
  private settleOver(targets: readonly { id: string; low: number; high: number }[], part: ReturnType<typeof constraints>, rounds: number): void {
    for (const sense of ["Minimize", "Maximize"] as const) {
      let open = targets.filter((c) => (sense === "Minimize" ? !this.reaches(c.id, c.low, "low") : Number.isFinite(c.high) && !this.reaches(c.id, c.high, "high")));
      for (let round = 0; round < rounds && open.length >= 2; round++) {
        // The shortfall of each open cell from its target (y ≥ 0 and ≥ x − low, or ≥ high − x),
        // their sum minimised: the gap is taken on what is still missing, so a solution near
        // where the cells already are (the witness) is never good enough.
        const vars = open.map((c) => part.varOf.get(c.id)!);
        const short = open.map((c, i) => (sense === "Minimize" ? ` cy${i}: y${i} - ${vars[i]} >= ${-c.low}` : ` cy${i}: y${i} + ${vars[i]} >= ${c.high}`));
        const problem = `Minimize\n obj: ${vars.map((_, i) => `y${i}`).join(" + ")}\n${part.text(short)}`;
        this.solveProblem(problem, part);
        const left = open.filter((c) => (sense === "Minimize" ? !this.reaches(c.id, c.low, "low") : !this.reaches(c.id, c.high, "high")));
        if (left.length === open.length) break;
        open = left;
      }
    }
  }

  /** The values a kept solution must reach to settle a cell's low and high side (see `Goal`). */
  private targets(id: string, goal: Goal): { low: number; high: number } {
    const isFree = this.free.has(id) || !this.byId.get(id)!.primary;
    return { low: goal === "reach" || !isFree ? 1 : 0, high: goal === "reach" || !isFree ? this.view.threshold - 1 : Infinity };
  }

  /** Solve a whole-component problem with an objective of its own; keeps the solution. */
  private solveProblem(problem: string, part: ReturnType<typeof constraints>): void {
    const res = solveMilp(this.h, problem, SETTLE_GAP);
    if (res.Status !== "Optimal") throw new Error(`de publicerade talen går inte ihop (the published numbers are inconsistent: ${res.Status})`);
    const sol = new Map<string, number>();
    for (const [cell, v] of part.varOf) sol.set(cell, Math.round((res.Columns[v] as { Primal: number }).Primal));
    this.keep(sol);
  }

  private wholeSolve(id: string, sense: "Minimize" | "Maximize"): number {
    this.whole ??= constraints(this.view, this.comp, this.byId, this.free);
    return this.solve(id, this.whole, sense);
  }

  /**
   * Solve for a cell in its neighbourhoods (within 2, then 4 relations; the cells outside at the
   * witness, so a solution is a whole one) until a kept solution reaches `low` and `high`.
   * Without a witness, nothing.
   */
  private near(id: string, low: number, high: number): void {
    const lowOk = () => this.reaches(id, low, "low");
    const highOk = () => this.reaches(id, high, "high");
    if (!this.witness || (lowOk() && highOk())) return;
    for (const radius of [2, 4]) {
      const local = neighbourhood(id, this.comp, this.relsOf, radius);
      // A neighbourhood near the size of the whole is no cheaper than the whole.
      if (local.cells.length * 2 > this.comp.cells.length) break;
      const part = constraints(this.view, local, this.byId, this.free, this.witness);
      if (!lowOk()) this.solve(id, part, "Minimize", this.witness);
      if (!highOk()) this.solve(id, part, "Maximize", this.witness);
      if (lowOk() && highOk()) break;
    }
  }

  /** The interval of one cell (see `Goal`). */
  interval(id: string, goal: Goal): CellInterval {
    const t1 = this.view.threshold - 1;
    // What is known without solving: a cell marked small lies in 1 … t − 1, a free one (or one
    // not marked small, asked for with `hidden`) is ≥ 0.
    const isFree = this.free.has(id) || !this.byId.get(id)!.primary;
    const floor = isFree ? 0 : 1;
    const ceil = isFree ? Infinity : t1;
    // A kept solution at or below lowTarget (at or above highTarget) settles that side.
    const lowTarget = goal === "reach" ? 1 : floor;
    const highTarget = goal === "reach" ? t1 : ceil;
    const lowOk = () => this.reaches(id, lowTarget, "low");
    const highOk = () => this.reaches(id, highTarget, "high");
    this.near(id, lowTarget, highTarget);
    let min = this.lowest(id);
    let max = this.highest(id);
    let exactMin = min <= floor;
    let exactMax = max >= ceil;
    if (!lowOk()) (min = this.wholeSolve(id, "Minimize")), (exactMin = true);
    if (!highOk()) (max = this.wholeSolve(id, "Maximize")), (exactMax = true);
    // A cell that fails is given its exact interval.
    if (min > 1 || max < t1) {
      if (!exactMin) min = this.reaches(id, floor, "low") ? floor : this.wholeSolve(id, "Minimize");
      if (!exactMax) max = this.reaches(id, ceil, "high") ? ceil : this.wholeSolve(id, "Maximize");
    }
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`${this.byId.get(id)!.label}: no interval`);
    return { id, label: this.byId.get(id)!.label, min, max };
  }
}

async function intervalsOf(view: PublishedView, opts: IntervalOptions, goal: Goal): Promise<CellInterval[]> {
  const free = opts.free ?? new Set<string>();
  const byId = new Map(view.cells.map((c) => [c.id, c]));
  for (const rel of view.relations) {
    for (const id of [rel.total, ...rel.parts]) if (!byId.has(id)) throw new Error(`relation names an unknown cell ${id}`);
  }
  const h = await highs();
  const out: CellInterval[] = [];
  for (const comp of components(view)) {
    if (opts.within && !comp.cells.some((id) => opts.within!.has(id))) continue;
    const wanted = comp.cells.filter((id) => (byId.get(id)!.primary || opts.hidden) && (!opts.cells || opts.cells.has(id)));
    if (wanted.length === 0) continue;
    const solver = new ComponentSolver(h, view, comp, byId, free, opts.witness, opts.solutions);
    if (wanted.length >= SETTLE_TOGETHER) solver.settle(wanted, goal, opts.settleRounds ?? 4);
    for (const id of wanted) out.push(solver.interval(id, goal));
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The exact interval of every primary cell (and of every free cell marked primary in the view).
 * Throws when the published numbers contradict the relations (no solution at all), which means
 * an output does not show what the model holds.
 */
export function attackerIntervals(view: PublishedView, opts: IntervalOptions = {}): Promise<CellInterval[]> {
  return intervalsOf(view, opts, "exact");
}

/** True when the attacker cannot narrow the cell below 1 … threshold − 1. */
export function isProtected(i: CellInterval, threshold: number): boolean {
  return i.min <= 1 && i.max >= threshold - 1;
}

/**
 * Each checked cell against the rule: the attacker's interval holds all of 1 … threshold − 1.
 * `failing` carry their exact intervals; a cell that passes carries values it was shown to reach
 * (for a cell marked small, exactly 1 … threshold − 1).
 */
export async function checkIntervals(view: PublishedView, opts: IntervalOptions = {}): Promise<{ intervals: CellInterval[]; failing: CellInterval[] }> {
  const intervals = await intervalsOf(view, opts, "reach");
  return { intervals, failing: intervals.filter((i) => !isProtected(i, view.threshold)) };
}
