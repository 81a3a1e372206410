/**
 * Disclosure control of the public reports of one build, together.
 *
 * The reports of a build are published side by side (the municipality's website), so an
 * attacker knows every number of all of them. One report's table of programmes and another's of
 * providers × programmes tell, subtracted, what each alone hides (the programme's total in one,
 * the other providers in the other). So the reports' models are joined into one and protected at
 * once; each report then shows what the joint protection leaves, and is audited on its own as
 * before (hiding more only takes knowledge away).
 *
 * A count is the same count in two reports when both register it under the same table name,
 * measure, keys and gender for the same period: then it is one cell, and the relations each report
 * knows (and the roll-ups of one report's tables into another's) meet in it. Reports of different
 * periods share no cell. The same cell with two values is an error: two reports that mean different
 * populations must give their tables different names.
 */
import { cellId, type PendingRollup } from "./register.ts";
import { DisclosureModel, type CellId } from "./model.ts";
import { protect, type Protection } from "./protect.ts";

/** What one report registered in its first run (`ReportDisclosure`), and the cells it shows. */
export interface ReportRegistration {
  name: string;
  period: string | null;
  model: DisclosureModel;
  pending: readonly PendingRollup[];
  shown: ReadonlySet<CellId>;
  /** The cells the report suppresses when protected on its own: the joint protection starts from them. */
  suppressed?: ReadonlySet<CellId>;
  /** Of them, the withheld ones (breakdowns of small totals). */
  withheld?: ReadonlySet<CellId>;
}

/** The joint model's id of a report's cell: its period, then its id. */
function jointId(period: string | null, id: CellId): CellId {
  return `${period ?? "–"}#${id}`;
}

/** The joint model of the reports, and the cells any of them shows. */
export function jointModel(reports: readonly ReportRegistration[]): { model: DisclosureModel; shown: Set<CellId>; suppressed: Set<CellId> } {
  const model = new DisclosureModel();
  for (const r of reports) for (const c of r.model.cells.values()) model.addCell(jointId(r.period, c.id), c.value, c.label, c.grandTotal);
  for (const r of reports) {
    for (const rel of r.model.relations) model.relate(jointId(r.period, rel.total), rel.parts.map((p) => jointId(r.period, p)), rel.why);
    // A roll-up whose coarser table another report registers: related here, in the joint model.
    for (const p of r.pending) model.relate(jointId(r.period, cellId(p.name, p.measure, p.coarse, p.gender)), p.parts.map((id) => jointId(r.period, id)), "undergrupper och grupp");
  }
  const shown = new Set(reports.flatMap((r) => [...r.shown].map((id) => jointId(r.period, id))));
  const suppressed = new Set(reports.flatMap((r) => [...(r.suppressed ?? [])].map((id) => jointId(r.period, id))));
  return { model, shown, suppressed };
}

/**
 * The part of the joint model where reports meet: the cells of every connected part (cells linked
 * by relations) that holds cells of two or more reports, and their relations. A part within one
 * report is protected by that report's own suppression already.
 */
function meetingPart(model: DisclosureModel, reports: readonly ReportRegistration[]): DisclosureModel {
  const parent = new Map<CellId, CellId>();
  const find = (id: CellId): CellId => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression: every cell on the way points at the root.
    for (let x = id; x !== root; ) {
      const next = parent.get(x)!;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const id of model.cells.keys()) parent.set(id, id);
  for (const r of model.relations) for (const p of r.parts) parent.set(find(p), find(r.total));
  const owners = new Map<CellId, Set<string>>();
  for (const r of reports) {
    for (const id of r.model.cells.keys()) {
      const root = find(jointId(r.period, id));
      owners.set(root, (owners.get(root) ?? new Set()).add(r.name));
    }
  }
  const meets = (id: CellId) => owners.get(find(id))!.size > 1;
  const part = new DisclosureModel();
  for (const c of model.cells.values()) if (meets(c.id)) part.addCell(c.id, c.value, c.label, c.grandTotal);
  for (const r of model.relations) if (meets(r.total)) part.relate(r.total, r.parts, r.why);
  return part;
}

/** Protect the reports together; each report's part of the protection, by report name. */
export async function protectJointly(reports: readonly ReportRegistration[], threshold: number): Promise<Map<string, Protection>> {
  const { model, shown, suppressed } = jointModel(reports);
  // Starting from what each report suppresses on its own, only what the reports tell together
  // needs more, and only where they meet.
  const met = await protect(meetingPart(model, reports), threshold, shown, suppressed);
  const joint: Protection = {
    threshold,
    primary: new Set([...model.cells.values()].filter((c) => c.value > 0 && c.value < threshold).map((c) => c.id)),
    withheld: new Set([...met.withheld, ...reports.flatMap((r) => [...(r.withheld ?? [])].map((id) => jointId(r.period, id)))]),
    suppressed: new Set([...suppressed, ...met.suppressed]),
    solutions: met.solutions,
  };
  const out = new Map<string, Protection>();
  for (const r of reports) {
    const ids = [...r.model.cells.keys()];
    const part = (set: ReadonlySet<CellId>) => new Set(ids.filter((id) => set.has(jointId(r.period, id))));
    out.set(r.name, {
      threshold,
      primary: part(joint.primary),
      withheld: part(joint.withheld),
      suppressed: part(joint.suppressed),
      solutions: joint.solutions.map((s) => new Map(ids.filter((id) => s.has(jointId(r.period, id))).map((id) => [id, s.get(jointId(r.period, id))!]))),
    });
  }
  return out;
}
