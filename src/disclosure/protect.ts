/**
 * Choosing which cells to suppress in a report's disclosure model.
 *
 * Primary: every count 1 … threshold − 1. Secondary, in two steps:
 * 1. No equality may hide exactly one cell (it could be computed from the others): while one
 *    does, the cheapest published cell of that relation is hidden too.
 * 2. Then, for every primary cell, the attacker of `attacker.ts` must not narrow it below
 *    1 … threshold − 1. While one fails, a published cell sharing a relation with its part of the
 *    model is hidden: the cheapest of the few cheapest that widens the failing interval.
 * Cheapest means: small counts first, zeros after every other count, totals after that, a
 * grand total last; ties by cell id. The result depends only on the values and
 * relations, not on the order tables were registered in.
 */
import { checkIntervals, type PublishedView } from "./attacker.ts";
import { DisclosureError, type CellId, type DisclosureModel, type Relation } from "./model.ts";

export interface Protection {
  threshold: number;
  primary: Set<CellId>;
  /** Primary and secondary. */
  suppressed: Set<CellId>;
}

/**
 * The view an attacker has when `suppressed` is hidden. Cells in no output (`shown` lacks them)
 * are unknown to the attacker: free non-negative integers.
 */
export function viewOf(model: DisclosureModel, threshold: number, suppressed: ReadonlySet<CellId>, shown?: ReadonlySet<CellId>): { view: PublishedView; free: Set<CellId> } {
  const small = (v: number) => v > 0 && v < threshold;
  const free = new Set<CellId>();
  const cells = [...model.cells.values()].map((c) => {
    // An unshown small count is free to the attacker (not known to be small) but still checked:
    // its interval must hold 1 … threshold − 1.
    const unshown = shown !== undefined && !shown.has(c.id);
    if (unshown) free.add(c.id);
    const hidden = suppressed.has(c.id) || unshown;
    return { id: c.id, value: hidden ? null : c.value, primary: hidden && small(c.value), label: c.label };
  });
  return { view: { threshold, cells, relations: model.relations }, free };
}

const members = (r: Relation) => [r.total, ...r.parts];

/**
 * Primary and secondary suppression over the whole model.
 * @param shown the cells some output shows (default: all); only they are candidates for
 *   secondary suppression, the others are unknown to the attacker anyway.
 */
export async function protect(model: DisclosureModel, threshold: number, shown?: ReadonlySet<CellId>): Promise<Protection> {
  if (!Number.isInteger(threshold) || threshold < 2) throw new DisclosureError(`tröskeln måste vara ett heltal ≥ 2 (threshold must be an integer ≥ 2), fick ${threshold}`);
  const primary = new Set([...model.cells.values()].filter((c) => c.value > 0 && c.value < threshold).map((c) => c.id));
  const suppressed = new Set(primary);
  if (primary.size === 0) return { threshold, primary, suppressed };

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

  // 1. No equality with exactly one hidden cell (it could be computed from the others).
  for (let changed = true; changed; ) {
    changed = false;
    const sorted = [...model.relations].sort((a, b) => (a.total < b.total ? -1 : a.total > b.total ? 1 : 0));
    for (const r of sorted) {
      if (r.kind !== "eq") continue;
      const ids = members(r);
      const hidden = ids.filter(hiddenNow);
      if (hidden.length !== 1 || !ids.some((id) => suppressed.has(id))) continue;
      const open = ids.filter((id) => !hiddenNow(id)).sort(byCost);
      if (open.length === 0) continue;
      suppressed.add(open[0]);
      changed = true;
    }
  }

  // 2. The attacker's intervals. Hiding one more cell never narrows an attacker's interval
  // and never widens what the marks tell, so a protected cell stays protected: only the
  // failing ones are checked again.
  const at = () => viewOf(model, threshold, suppressed, shown);
  const check = (cells?: ReadonlySet<CellId>) => {
    const { view, free } = at();
    return checkIntervals(view, { free, cells, witness });
  };
  const witness = new Map([...model.cells.values()].map((c) => [c.id, c.value]));
  let failing = (await check()).failing;
  for (let round = 0; failing.length > 0; round++) {
    if (round > model.cells.size) throw new DisclosureError("sekundär röjandekontroll avslutades inte (secondary suppression did not finish)");
    const target = failing[0];
    const reach = new Set<CellId>([target.id]);
    for (const queue = [target.id]; queue.length > 0; ) {
      const id = queue.pop()!;
      for (const r of relationsOf.get(id) ?? []) {
        for (const other of members(r)) {
          if (hiddenNow(other) && !reach.has(other)) {
            reach.add(other);
            queue.push(other);
          }
        }
      }
    }
    const candidates = new Set<CellId>();
    for (const id of reach) for (const r of relationsOf.get(id) ?? []) for (const other of members(r)) if (!hiddenNow(other)) candidates.add(other);
    if (candidates.size === 0) throw new DisclosureError(`${target.label}: kan inte skyddas (cannot be protected: no cell left to suppress)`);
    const ranked = [...candidates].sort(byCost);
    let chosen = ranked[0];
    for (const id of ranked.slice(0, 4)) {
      suppressed.add(id);
      const trial = await check(new Set([target.id]));
      suppressed.delete(id);
      const after = trial.intervals[0];
      if (trial.failing.length === 0 || after.max - after.min > target.max - target.min) {
        chosen = id;
        break;
      }
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
    const recheck = failing.filter((f) => changed.has(f.id));
    const again = recheck.length ? (await check(new Set(recheck.map((f) => f.id)))).failing : [];
    failing = [...again, ...failing.filter((f) => !changed.has(f.id))].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return { threshold, primary, suppressed };
}
