/**
 * Choosing which cells to suppress in a report's disclosure model.
 *
 * Primary: every count 1 … threshold − 1.
 *
 * Withheld: the breakdown of a small total is not published at all. Its parts (and their parts,
 * and so on) are hidden like suppressed cells, but without saying which of them are small: to an
 * attacker they are unknown non-negative integers. Otherwise the marks alone would tell too much
 * (a total under 5 with two small parts leaves each part at most 3, and the total at least 2).
 * Which cells are withheld follows from the structure and from which totals are marked small,
 * never from the parts' own values. Where suppression cannot protect a small count
 * otherwise (everything around it is hidden, and the marks still narrow it), that hidden part of
 * the model is withheld as a whole.
 *
 * Secondary, in two steps:
 * 1. No equality may hide exactly one small count (it could be computed from the others): while
 *    one does, the cheapest published cell of that relation is hidden too.
 * 2. Then, for every primary cell, the attacker of `attacker.ts` must not narrow it below
 *    1 … threshold − 1. While one fails, a published cell sharing a relation with its part of the
 *    model is hidden: of the nearest and cheapest few, the first that widens the failing interval.
 *    A small count that earlier publications narrow among themselves (hiding everything this build
 *    may hide around it does not help) passes as long as the build narrows it no further: the
 *    build cannot mend it, and not publishing would not undo it (`Protection.already`).
 * Cheapest means: small counts first, zeros after every other count, totals after that, a
 * grand total last; ties by cell id. The result depends only on the values and
 * relations, not on the order tables were registered in.
 */
import { checkIntervals, type CellInterval, type PublishedView } from "./attacker.ts";
import { DisclosureError, type CellId, type DisclosureModel, type Relation } from "./model.ts";

export interface Protection {
  threshold: number;
  /** Every small count (1 … threshold − 1), withheld or not. */
  primary: Set<CellId>;
  /** The breakdowns of small totals: hidden, with no word on which of them are small. */
  withheld: Set<CellId>;
  /** Primary, withheld and secondary. */
  suppressed: Set<CellId>;
  /**
   * Solutions of the attacker's problem found on the way (each fits the final view too: hiding
   * more only takes knowledge away); the audit may start from them, checking each.
   */
  solutions: Map<CellId, number>[];
  /**
   * Small counts that earlier publications narrow among themselves (with every cell this build may
   * hide hidden and withheld around them), with that interval: out of the build's hands, so held
   * as protected once the build narrows them no further. Empty without earlier publications.
   */
  already: CellInterval[];
}

/** The parts of every small total, and their parts in turn. */
export function withheldCells(model: DisclosureModel, primary: ReadonlySet<CellId>): Set<CellId> {
  const byTotal = new Map<CellId, Relation[]>();
  for (const r of model.relations) byTotal.set(r.total, [...(byTotal.get(r.total) ?? []), r]);
  const withheld = new Set<CellId>();
  const queue = [...primary].filter((id) => byTotal.has(id));
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const r of byTotal.get(id) ?? []) {
      for (const p of r.parts) {
        if (withheld.has(p)) continue;
        withheld.add(p);
        queue.push(p);
      }
    }
  }
  return withheld;
}

/**
 * The view an attacker has when `suppressed` is hidden. Cells in no output (`shown` lacks them)
 * are unknown to the attacker: free non-negative integers.
 */
export function viewOf(
  model: DisclosureModel,
  threshold: number,
  suppressed: ReadonlySet<CellId>,
  shown?: ReadonlySet<CellId>,
  withheld: ReadonlySet<CellId> = new Set(),
): { view: PublishedView; free: Set<CellId> } {
  const small = (v: number) => v > 0 && v < threshold;
  const free = new Set<CellId>();
  const cells = [...model.cells.values()].map((c) => {
    // An unshown or withheld small count is free to the attacker (not known to be small) but
    // still checked: its interval must hold 1 … threshold − 1.
    const unshown = shown !== undefined && !shown.has(c.id);
    if (unshown || withheld.has(c.id)) free.add(c.id);
    const hidden = suppressed.has(c.id) || unshown;
    return { id: c.id, value: hidden ? null : c.value, primary: hidden && small(c.value), label: c.label };
  });
  return { view: { threshold, cells, relations: model.relations }, free };
}

const members = (r: Relation) => [r.total, ...r.parts];

/**
 * Cells whose state is settled elsewhere (earlier publications, see history.ts): `locked` cells
 * are never hidden as secondary nor newly withheld, and are checked as they stand; `withheld` are
 * those among them that were withheld.
 */
export interface Fixed {
  locked: ReadonlySet<CellId>;
  withheld: ReadonlySet<CellId>;
  /**
   * Unshown cells that stand for what an earlier publication told of a hidden count (joint.ts
   * `addDifferences`): they bound other cells and are never themselves checked here.
   */
  standIns?: ReadonlySet<CellId>;
}

const NOTHING_FIXED: Fixed = { locked: new Set(), withheld: new Set() };

/**
 * Primary and secondary suppression over the whole model.
 * @param shown the cells some output shows (default: all); only they are candidates for
 *   secondary suppression, the others are unknown to the attacker anyway.
 * @param seed cells already suppressed.
 * @param fixed cells that cannot change (published before): see `Fixed`.
 */
export async function protect(model: DisclosureModel, threshold: number, shown?: ReadonlySet<CellId>, seed: ReadonlySet<CellId> = new Set(), fixed: Fixed = NOTHING_FIXED): Promise<Protection> {
  if (!Number.isInteger(threshold) || threshold < 2) throw new DisclosureError(`tröskeln måste vara ett heltal ≥ 2 (threshold must be an integer ≥ 2), fick ${threshold}`);
  const locked = fixed.locked;
  // A locked cell that was published is a known number, whatever its value.
  const primary = new Set([...model.cells.values()].filter((c) => c.value > 0 && c.value < threshold && !(locked.has(c.id) && !seed.has(c.id) && (shown === undefined || shown.has(c.id))) && !fixed.standIns?.has(c.id)).map((c) => c.id));
  const withheld = new Set([...withheldCells(model, primary)].filter((id) => !locked.has(id)));
  for (const id of fixed.withheld) if (model.cells.has(id)) withheld.add(id);
  // `seed`: cells already suppressed (a report's own protection, when reports are joined).
  const suppressed = new Set([...primary, ...withheld, ...[...seed].filter((id) => model.cells.has(id))]);
  const solutions: Map<CellId, number>[] = [];
  if (primary.size === 0) return { threshold, primary, withheld, suppressed, solutions, already: [] };

  const totals = new Set(model.relations.map((r) => r.total));
  const cost = (id: CellId) => {
    const c = model.cells.get(id)!;
    // A hidden 0 protects little (it is 0 or at least the threshold): after every count.
    return (c.value === 0 ? 1e5 : c.value) + (totals.has(id) ? 1e6 : 0) + (c.grandTotal ? 1e9 : 0);
  };
  const isShown = (id: CellId) => shown === undefined || shown.has(id);
  const hiddenNow = (id: CellId) => suppressed.has(id) || !isShown(id);
  const byCost = (a: CellId, b: CellId) => cost(a) - cost(b) || (a < b ? -1 : a > b ? 1 : 0);
  const relationsOf = new Map<CellId, Relation[]>();
  for (const r of model.relations) for (const id of members(r)) relationsOf.set(id, [...(relationsOf.get(id) ?? []), r]);

  // 1. No equality with exactly one hidden cell that is small (it could be computed from the others).
  for (let changed = true; changed; ) {
    changed = false;
    const sorted = [...model.relations].sort((a, b) => (a.total < b.total ? -1 : a.total > b.total ? 1 : 0));
    for (const r of sorted) {
      if (r.kind !== "eq") continue;
      const ids = members(r);
      const hidden = ids.filter(hiddenNow);
      // Only a small count needs this; a hidden zero or a protecting cell computed exactly is left
      // to step 2, which hides more only if that narrows a small count.
      if (hidden.length !== 1 || !primary.has(hidden[0])) continue;
      const open = ids.filter((id) => !hiddenNow(id) && !locked.has(id)).sort(byCost);
      if (open.length === 0) continue;
      suppressed.add(open[0]);
      changed = true;
    }
  }

  // 2. The attacker's intervals. Hiding one more cell (or withholding one) only takes knowledge
  // away from the attacker, so a protected cell stays protected: only the failing ones are
  // checked again.
  const at = () => viewOf(model, threshold, suppressed, shown, withheld);
  /** What earlier publications alone narrow (see `narrowedBefore`), by cell. */
  const already = new Map<CellId, CellInterval>();
  /** A failing cell narrowed no further than earlier publications narrow it already. */
  const asBefore = (f: CellInterval) => {
    const a = already.get(f.id);
    return a !== undefined && f.min <= a.min && f.max >= a.max;
  };
  const check = async (cells?: ReadonlySet<CellId>) => {
    const { view, free } = at();
    const { intervals, failing } = await checkIntervals(view, { free, cells, witness, solutions });
    return { intervals, failing: failing.filter((f) => !asBefore(f)) };
  };
  const witness = new Map([...model.cells.values()].map((c) => [c.id, c.value]));
  /**
   * The small counts this build can change anything about: its own, and those of earlier
   * publications whose hidden part of the model (hidden cells joined by relations, as the attacker
   * sees it) holds a relation with a cell of this build. The others were protected when they were
   * published, and nothing here touches them.
   */
  const touchedByBuild = (): Set<CellId> => {
    const parent = new Map<CellId, CellId>();
    const find = (x: CellId): CellId => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      parent.set(x, r);
      return r;
    };
    for (const id of model.cells.keys()) if (hiddenNow(id)) parent.set(id, id);
    for (const r of model.relations) {
      const hidden = members(r).filter((id) => parent.has(id));
      for (let i = 1; i < hidden.length; i++) parent.set(find(hidden[i]), find(hidden[0]));
    }
    const touched = new Set<CellId>();
    for (const r of model.relations) {
      if (!members(r).some((id) => !locked.has(id))) continue;
      for (const id of members(r)) if (parent.has(id)) touched.add(find(id));
    }
    return new Set([...primary].filter((id) => !locked.has(id) || (parent.has(id) && touched.has(find(id)))));
  };

  /**
   * Whether the target is narrowed by earlier publications alone, and the build narrows it no
   * further: tried with every cell of its part of the model hidden that the build may still hide,
   * and withheld every one no earlier publication marked. Where that still narrows it, nothing
   * this build hides can mend it (nor not publishing at all): the interval is kept in `already`,
   * and the target passes once it is no narrower than that.
   */
  const narrowedBefore = async (target: CellInterval): Promise<boolean> => {
    const part = new Set<CellId>([target.id]);
    for (const queue = [target.id]; queue.length > 0; ) {
      for (const r of relationsOf.get(queue.pop()!) ?? []) {
        for (const other of members(r)) {
          if (part.has(other)) continue;
          part.add(other);
          queue.push(other);
        }
      }
    }
    // Hidden, and withheld: no mark of them said small or not (as the loop below ends up doing).
    const open = [...part].filter((id) => !hiddenNow(id) && !locked.has(id));
    const unmarked = [...part].filter((id) => !locked.has(id) && !withheld.has(id));
    for (const id of open) suppressed.add(id);
    for (const id of unmarked) withheld.add(id);
    const trial = await check(new Set([target.id]));
    for (const id of open) suppressed.delete(id);
    for (const id of unmarked) withheld.delete(id);
    if (trial.failing.length === 0) return false;
    already.set(target.id, trial.failing[0]);
    return asBefore(target);
  };
  // The cells that failed, by id, with their intervals; a cell whose part of the model changed
  // since (`stale`) is checked again only when its turn comes: hiding more may have protected it
  // meanwhile. Checking them one at a time instead of all after every change finds the same
  // target each round (the first by id that still fails, with its exact interval), with fewer
  // solves: most are protected on the way by what is hidden for another.
  let failing = (await check(locked.size > 0 ? touchedByBuild() : undefined)).failing;
  const stale = new Set<CellId>();
  const nextTarget = async (): Promise<CellInterval | undefined> => {
    while (failing.length > 0) {
      const first = failing[0];
      if (!stale.has(first.id)) return first;
      stale.delete(first.id);
      const again = (await check(new Set([first.id]))).failing;
      if (again.length > 0) return (failing[0] = again[0]);
      failing.shift();
    }
    return undefined;
  };
  for (let round = 0; ; round++) {
    const target = await nextTarget();
    if (target === undefined) break;
    if (round > model.cells.size) throw new DisclosureError("sekundär röjandekontroll avslutades inte (secondary suppression did not finish)");
    // The hidden cells connected to the target, with their distance from it.
    const depth = new Map<CellId, number>([[target.id, 0]]);
    for (let frontier = [target.id], d = 1; frontier.length > 0; d++) {
      const next: CellId[] = [];
      for (const id of frontier) {
        for (const r of relationsOf.get(id) ?? []) {
          for (const other of members(r)) {
            if (hiddenNow(other) && !depth.has(other)) {
              depth.set(other, d);
              next.push(other);
            }
          }
        }
      }
      frontier = next;
    }
    const reach = new Set(depth.keys());
    // Published cells of the relations around it, the nearest first.
    const candidates = new Map<CellId, number>();
    for (const [id, d] of depth) {
      for (const r of relationsOf.get(id) ?? []) {
        for (const other of members(r)) if (!hiddenNow(other) && !locked.has(other) && !(candidates.get(other)! <= d)) candidates.set(other, d);
      }
    }
    if (candidates.size === 0) {
      // Everything around it is hidden, and still the marks around it (small, or 0 or at least
      // the threshold) narrow it: that whole hidden part of the model is withheld, no cell of it
      // said to be small or not.
      if ([...reach].every((id) => withheld.has(id) || locked.has(id))) {
        if (locked.size > 0 && (await narrowedBefore(target))) {
          failing.shift();
          continue;
        }
        throw new DisclosureError(`${target.label}: kan inte skyddas (cannot be protected: no cell left to suppress)`);
      }
      for (const id of reach) if (!locked.has(id)) withheld.add(id);
      for (const f of failing) stale.add(f.id);
      continue;
    }
    // Progress: the target passes, or its interval reaches further towards 1 or towards threshold − 1.
    const widens = (trial: Awaited<ReturnType<typeof check>>) => {
      const after = trial.intervals[0];
      return trial.failing.length === 0 || (target.min > 1 && after.min < target.min) || (target.max < threshold - 1 && after.max > target.max);
    };
    const ranked = [...candidates.keys()].sort((a, b) => candidates.get(a)! - candidates.get(b)! || byCost(a, b));
    let chosen: CellId | undefined;
    for (const id of ranked.slice(0, 6)) {
      suppressed.add(id);
      const trial = await check(new Set([target.id]));
      suppressed.delete(id);
      if (widens(trial)) {
        chosen = id;
        break;
      }
    }
    if (chosen === undefined) {
      // No single cell helps. Against earlier publications, what narrows it may be the marks of
      // the hidden cells next to it (small counts a few apart, across months): those withheld, no
      // more cell needs hiding. (Within one build, hiding a further cell is preferred, as before.)
      const near = locked.size === 0 ? [] : [...depth].filter(([id, d]) => d <= 2 && !locked.has(id) && !withheld.has(id)).map(([id]) => id);
      if (near.length > 0) {
        for (const id of near) withheld.add(id);
        if (widens(await check(new Set([target.id])))) {
          for (const f of failing) stale.add(f.id);
          continue;
        }
        for (const id of near) withheld.delete(id);
      }
      // Where cells are fixed (earlier publications), hiding every cell that may still be hidden
      // around it may not help either: then they narrow it among themselves, and it passes as long
      // as the build narrows it no further.
      if (locked.size > 0 && (await narrowedBefore(target))) {
        failing.shift();
        continue;
      }
      chosen = ranked[0];
    }
    suppressed.add(chosen);
    // Only the part of the model holding the target and the new cell changed.
    const changed = new Set<CellId>(reach);
    for (const queue = [chosen]; queue.length > 0; ) {
      const id = queue.pop()!;
      if (changed.has(id) && id !== chosen) continue;
      changed.add(id);
      for (const r of relationsOf.get(id) ?? []) for (const other of members(r)) if (hiddenNow(other) && !changed.has(other)) queue.push(other);
    }
    for (const f of failing) if (changed.has(f.id)) stale.add(f.id);
  }
  return { threshold, primary, withheld, suppressed, solutions, already: [...already.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) };
}
