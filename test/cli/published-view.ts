// The attacker's view of public reports as their figures.json publish them (the disclosure
// section: every count's published value or null, its mark, and the relations), for tests that
// attack several publications together. Each publication's cells are namespaced by `prefix`.
import type { PublishedCell } from "../../src/disclosure/attacker.ts";
import type { Relation } from "../../src/disclosure/model.ts";
import type { DisclosureDocument } from "../../src/report/build.ts";

export interface AttackView {
  cells: PublishedCell[];
  /** Cells the attacker knows only to be counts: withheld, or named by a relation but shown nowhere. */
  free: Set<string>;
  relations: Relation[];
}

export const emptyView = (): AttackView => ({ cells: [], free: new Set(), relations: [] });

/** Add a publication's disclosure section under `prefix#`; returns the ids it names (unprefixed). */
export function addPublished(view: AttackView, prefix: string, d: DisclosureDocument): Set<string> {
  const known = new Set(d.cells.map((c) => c.id));
  for (const c of d.cells) {
    view.cells.push({ id: `${prefix}#${c.id}`, label: `${prefix}: ${c.label}`, value: c.value, primary: c.primary });
    if (c.withheld) view.free.add(`${prefix}#${c.id}`);
  }
  for (const r of d.relations) {
    for (const id of [r.total, ...r.parts]) {
      if (known.has(id)) continue;
      known.add(id);
      view.free.add(`${prefix}#${id}`);
      view.cells.push({ id: `${prefix}#${id}`, label: `${prefix}: ${id}`, value: null, primary: false });
    }
    view.relations.push({ ...r, total: `${prefix}#${r.total}`, parts: r.parts.map((p) => `${prefix}#${p}`) });
  }
  return known;
}
