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
 *
 * Every report published before (history.ts: every period and version) joins the model as it
 * was published: its cells fixed, in a namespace of its own, and a count of it that is one number
 * with a count of this build (the same name and value, and the same period or a year or month
 * closed before the earlier one) either linked to it or, when either publication showed it,
 * known. A count gathered from January that grew by 1 … threshold − 1 since an earlier month of
 * the year is the sum of that month's count and the persons in between, a small count of its own.
 */
import { cellId, type PendingRollup } from "./register.ts";
import { DisclosureModel, type CellId } from "./model.ts";
import { protect, type Protection } from "./protect.ts";
import type { CellInterval } from "./attacker.ts";
import { closedBefore, gathersBetween, hiddenIntervals, type PublicationRecord } from "./history.ts";

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
  /** `table|measure` of the counts taken at one date, not from January (register.ts `atDateMeasures`). */
  atDate?: ReadonlySet<string>;
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

/** The joint model's id of a cell of an earlier publication (the `k`-th record): its report, period and version, then its id. */
function historyId(k: number, record: PublicationRecord, id: CellId): CellId {
  return `${record.report}@${record.period ?? "–"}~${k}#${id}`;
}

/** A count of one name in one publication (this build's or an earlier one), for the links between them. */
interface Member {
  id: CellId;
  period: string | null;
  value: number;
  /** Earlier and published: its value is known. */
  known: boolean;
  /** Of an earlier publication: its record (index into the history) and its id there. */
  from?: { record: number; cell: CellId };
}

/**
 * The earlier publications in the joint model: their cells as published (locked), and the counts
 * that are one number across publications (history.ts: same name and value, and the same period
 * or a closed time) linked. A count known from any publication is known in all of them: it is
 * taken as published everywhere (this build shows it too, as it tells nothing new), and only
 * counts hidden everywhere are linked. Returns the owner of every cell, the cells as they were
 * shown, hidden and withheld, the locked ones, this build's counts known from before, and the
 * counts of each name across publications.
 */
function addHistory(model: DisclosureModel, reports: readonly ReportRegistration[], history: readonly PublicationRecord[]) {
  // A count two reports of this build register is theirs both.
  const owner = new Map<CellId, string[]>();
  for (const r of reports) for (const id of r.model.cells.keys()) owner.set(jointId(r.period, id), [...(owner.get(jointId(r.period, id)) ?? []), r.name]);
  const locked = new Set<CellId>();
  const shown = new Set<CellId>();
  const suppressed = new Set<CellId>();
  const withheld = new Set<CellId>();
  // The counts of one name across publications: this build's first, then the earlier ones.
  const byName = new Map<CellId, Member[]>();
  const add = (name: CellId, m: Member) => byName.set(name, [...(byName.get(name) ?? []), m]);
  const seen = new Set<CellId>();
  for (const r of reports) {
    for (const c of r.model.cells.values()) {
      const id = jointId(r.period, c.id);
      if (seen.has(id)) continue;
      seen.add(id);
      add(c.id, { id, period: r.period, value: c.value, known: false });
    }
  }
  history.forEach((rec, k) => {
    const where = `${rec.report} ${rec.period ?? "utan period"} (publicerad tidigare)`;
    for (const c of rec.cells) {
      const id = historyId(k, rec, c.id);
      model.addCell(id, c.value, `${where}: ${c.label}`, c.grandTotal);
      owner.set(id, [`${rec.report}@${rec.period ?? "–"}~${k}`]);
      locked.add(id);
      if (c.shown) shown.add(id);
      if (c.suppressed) suppressed.add(id);
      if (c.withheld) withheld.add(id);
      if (byName.has(c.id)) add(c.id, { id, period: rec.period, value: c.value, known: c.shown && !c.suppressed, from: { record: k, cell: c.id } });
    }
    for (const rel of rec.relations) model.relate(historyId(k, rec, rel.total), rel.parts.map((p) => historyId(k, rec, p)), rel.why);
  });
  // The counts of this build known from an earlier publication.
  const known = new Set<CellId>();
  for (const [name, members] of byName) {
    if (members.length < 2) continue;
    // One number: the same value, and the same period or a time closed before the earlier one.
    const parent = members.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [members[i], members[j]];
        if (a.value !== b.value) continue;
        const earlier = a.period === null || b.period === null ? null : a.period < b.period ? a.period : b.period;
        if (a.period === b.period || closedBefore(name, earlier)) parent[find(j)] = find(i);
      }
    }
    const classes = new Map<number, Member[]>();
    members.forEach((m, i) => classes.set(find(i), [...(classes.get(find(i)) ?? []), m]));
    for (const same of classes.values()) {
      if (same.length < 2) continue;
      if (same.some((m) => m.known)) {
        for (const m of same) {
          if (locked.has(m.id)) {
            suppressed.delete(m.id);
            withheld.delete(m.id);
            shown.add(m.id);
          } else known.add(m.id);
        }
      } else for (const m of same.slice(1)) model.relate(same[0].id, [m.id], "samma antal i en annan publicering");
    }
  }
  return { owner, locked, shown, suppressed, withheld, known, byName };
}

/**
 * A count gathered from January, published for an earlier and a later period of one year: the
 * later less the earlier counts the persons in between (February's new participants, from the
 * year-to-date counts of January and February), a count no report shows but every reader can
 * compute. Each such difference of a count of this build and one of an earlier publication that
 * is small (1 … threshold − 1) becomes a cell of the model, shown nowhere, with the later count
 * the sum of the earlier and it: protected as any small count is, by hiding the build's count
 * that tells it and what tells that.
 *
 * A count gathered from January only grows, and an attacker knows it: every gathered count of the
 * build is at least the month before's as published (the latest month of the year that showed
 * it), a bound of the build's count where it is hidden. An earlier count that was hidden enters
 * as what its publication told of it: a number between the least and the most it can be there
 * (history.ts `hiddenIntervals`), not the cell itself, so each month's hidden cells stay a problem
 * of their own (joined, a year of them made one problem too large to solve: a build of April took
 * 26 minutes). That the earlier publication's hidden cells also constrain one another is left
 * out, and so is the stand-in's own protection (protect.ts `Fixed.standIns`): it was protected
 * when it was published. What that leaves out the audit over time finds (over-time.ts), and joins
 * (`join`: a month's count, `<month>|<cell id>`, its table, `<month>|<table>`, or the whole month):
 * a joined count is linked by its own cell, at least the earlier one however much it grew, and a
 * small increase is the build's count less that cell, so the build also protects that month's
 * hidden counts against what it shows.
 *
 * Where both counts are small, the earlier one was marked small: marking the build's as small
 * too would say the persons in between are at most threshold − 2, so the build's is withheld
 * (hidden without saying whether it is small), as the parts of a small total are. Left out are
 * counts taken at one date (`atDate`), whose difference is a net change, not persons, and counts
 * known from before (nothing this build hides takes them back).
 */
async function addDifferences(model: DisclosureModel, history: readonly PublicationRecord[], threshold: number, atDate: ReadonlySet<string>, join: ReadonlySet<string>,
  past: { byName: ReadonlyMap<CellId, readonly Member[]>; owner: Map<CellId, string[]>; locked: Set<CellId>; shown: Set<CellId>; known: ReadonlySet<CellId>; withheld: Set<CellId> },
  told: HiddenIntervals): Promise<Set<CellId>> {
  const standIns = new Set<CellId>();
  const small = (v: number) => v > 0 && v < threshold;
  const pairs: { m: Member; h: Member; lo: Member; hi: Member; d: number; joined: boolean }[] = [];
  for (const [name, members] of past.byName) {
    if (members.length < 2 || atDate.has(measureOf(name))) continue;
    const current = members.filter((m) => !past.locked.has(m.id) && !past.known.has(m.id));
    const earlier = members.filter((m) => m.from !== undefined);
    const joined = (period: string | null) => joinedBy(join, period, name);
    for (const m of current) {
      // The month just before this one that published the count (the latest of the same year).
      const before = earlier.filter((h) => gathersBetween(h.period, m.period)).reduce<string | null>((p, h) => (p === null || h.period! > p ? h.period : p), null);
      // Versions of one period with one value tell the same difference.
      const done = new Set<string>();
      for (const h of earlier) {
        const [lo, hi] = m.period !== null && h.period !== null && m.period < h.period ? [m, h] : [h, m];
        const d = hi.value - lo.value;
        if (!gathersBetween(lo.period, hi.period) || d < 0 || done.has(`${h.period}=${h.value}`)) continue;
        if (small(d)) {
          done.add(`${h.period}=${h.value}`);
          if (small(lo.value) && small(hi.value)) past.withheld.add(m.id);
          pairs.push({ m, h, lo, hi, d, joined: joined(h.period) });
        } else if ((h.known && h.period === before) || joined(h.period)) {
          // A count gathered from January only grows: this build's is at least the month
          // before's as published (a bound of the build's count if hidden). Of a month joined after
          // the audit, also a count hidden there, by its own cell: so the build keeps its hidden
          // cells from telling that month's. (Said of every hidden count of the month before, a
          // build of April took ten minutes; the audit finds the counts that matter.)
          done.add(`${h.period}=${h.value}`);
          model.relations.push({ total: hi.id, parts: [lo.id], kind: "le", why: "växer under året" });
        }
      }
    }
  }
  // What each earlier publication told of its hidden counts among them.
  const wanted = new Map<number, Set<CellId>>();
  for (const { h, joined } of pairs) if (!h.known && !joined) wanted.set(h.from!.record, (wanted.get(h.from!.record) ?? new Set()).add(h.from!.cell));
  for (const [k, cells] of wanted) {
    const known = told.get(k) ?? new Map<CellId, { min: number; max: number | null }>();
    told.set(k, known);
    const missing = new Set([...cells].filter((id) => !known.has(id)));
    if (missing.size > 0) for (const [id, i] of await hiddenIntervals(history[k], missing)) known.set(id, i);
  }
  const bound = (id: CellId, value: number, label: string) => {
    if (model.cells.has(id)) return;
    model.addCell(id, value, label);
    past.owner.set(id, ["–"]);
    past.locked.add(id);
    past.shown.add(id);
  };
  for (const { m, h, lo, hi, d, joined } of pairs) {
    let earlier = h.id;
    if (!h.known && !joined) {
      // A stand-in for the hidden count: unknown, between what its publication left open.
      const { min, max } = told.get(h.from!.record)!.get(h.from!.cell)!;
      earlier = `≈${h.id}`;
      if (!model.cells.has(earlier)) {
        const label = `${model.cells.get(h.id)!.label}, som publicerat (as published)`;
        model.addCell(earlier, h.value, label);
        standIns.add(earlier);
        past.owner.set(earlier, past.owner.get(h.id)!);
        // Bounds as known numbers: the least (a count is at least 0 anyway), the most if any.
        if (min > 0) {
          bound(`≥${h.id}`, min, `${label}: minst (at least)`);
          model.relations.push({ total: earlier, parts: [`≥${h.id}`], kind: "le", why: "minst som publicerat" });
        }
        if (max !== null) {
          bound(`≤${h.id}`, max, `${label}: högst (at most)`);
          model.relations.push({ total: `≤${h.id}`, parts: [earlier], kind: "le", why: "högst som publicerat" });
        }
      }
    }
    const [from, to] = lo === h ? [earlier, m.id] : [m.id, earlier];
    const id = `Δ${lo.id}→${hi.id}`;
    model.addCell(id, d, `${model.cells.get(hi.id)!.label}: ökningen sedan ${lo.period} (the increase since)`);
    past.owner.set(id, past.owner.get(m.id)!);
    model.relate(to, [from, id], "ökning mellan perioder");
  }
  return standIns;
}

/**
 * Whether a month's count of this name is joined by its own cell after the audit (`join` names the
 * month, `<month>`, its table, `<month>|<table>`, or the count, `<month>|<cell id>`).
 */
function joinedBy(join: ReadonlySet<string>, period: string | null, name: CellId): boolean {
  return period !== null && (join.has(period) || join.has(`${period}|${name.slice(0, name.indexOf("|"))}`) || join.has(`${period}|${name}`));
}

/** A cell id's `table|measure`, as `atDate` names the counts taken at one date. */
function measureOf(id: CellId): string {
  return id.split("|", 2).join("|");
}

/**
 * The counts of the months joined after the audit (`join`, see `addDifferences`) only grow among
 * themselves too: each gathered count of a joined month is at least the same count of the nearest
 * earlier joined month of the year that published it. An attacker of all the months at once knows
 * it, and so bounds an earlier month's hidden count by the months around it (February's hidden
 * count at least January's shown one), which may tell a small increase of this build's.
 */
function addJoinedGrowth(model: DisclosureModel, history: readonly PublicationRecord[], join: ReadonlySet<string>, atDate: ReadonlySet<string>): void {
  if (join.size === 0) return;
  const byName = new Map<CellId, { id: CellId; period: string; value: number; known: boolean }[]>();
  history.forEach((rec, k) => {
    if (rec.period === null) return;
    for (const c of rec.cells) {
      if (!joinedBy(join, rec.period, c.id) || atDate.has(measureOf(c.id))) continue;
      const counts = byName.get(c.id) ?? [];
      counts.push({ id: historyId(k, rec, c.id), period: rec.period, value: c.value, known: c.shown && !c.suppressed });
      byName.set(c.id, counts);
    }
  });
  for (const counts of byName.values()) {
    for (const hi of counts) {
      const below = counts.filter((lo) => gathersBetween(lo.period, hi.period));
      const nearest = below.reduce<string | null>((p, lo) => (p === null || lo.period > p ? lo.period : p), null);
      for (const lo of below) {
        if (lo.period === nearest && lo.value <= hi.value && !(lo.known && hi.known)) model.relations.push({ total: hi.id, parts: [lo.id], kind: "le", why: "växer under året" });
      }
    }
  }
}

/**
 * The part of the joint model where reports meet: the cells of every connected part (cells linked
 * by relations) that holds cells of two or more owners (reports, earlier publications) and one of
 * this build's, and their relations. A part within one report is protected by that report's own
 * suppression already, and one of earlier publications alone when the later of them was built.
 */
function meetingPart(model: DisclosureModel, owner: ReadonlyMap<CellId, readonly string[]>, current: ReadonlySet<string>): DisclosureModel {
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
  for (const id of model.cells.keys()) {
    const root = find(id);
    const set = owners.get(root) ?? new Set<string>();
    for (const name of owner.get(id)!) set.add(name);
    owners.set(root, set);
  }
  const meets = (id: CellId) => {
    const o = owners.get(find(id))!;
    return o.size > 1 && [...o].some((name) => current.has(name));
  };
  const part = new DisclosureModel();
  for (const c of model.cells.values()) if (meets(c.id)) part.addCell(c.id, c.value, c.label, c.grandTotal);
  // As they are: \`relate\` would take a bound (≤, ≥) that the true values meet exactly for an equation.
  for (const r of model.relations) if (meets(r.total)) part.relations.push({ ...r, parts: [...r.parts] });
  return part;
}

/**
 * What each earlier publication (by its index in the history) told of its hidden counts, as
 * `hiddenIntervals` gives them: they never change, so rounds of one build share them.
 */
export type HiddenIntervals = Map<number, Map<CellId, { min: number; max: number | null }>>;

/**
 * Each report's part of a joint protection, by report name; `already`, the small counts of the
 * joint model (this build's or earlier publications') that earlier publications narrow among
 * themselves and the build no further (`Protection.already`), labelled as in the joint model.
 */
export type JointProtection = Map<string, Protection> & { already: CellInterval[] };

/**
 * Protect the reports together, and against every earlier publication (`history`, see
 * history.ts); each report's part of the protection, by report name. What `join` names is linked
 * to this build's counts by its own cells (see `addDifferences`); `seed`, an earlier protection of
 * the same reports, stays hidden and withheld; `told`, the hidden intervals of the same history
 * found before (filled in here).
 */
export async function protectJointly(reports: readonly ReportRegistration[], threshold: number, history: readonly PublicationRecord[] = [], join: ReadonlySet<string> = new Set(),
  seed?: ReadonlyMap<string, Protection>, told: HiddenIntervals = new Map()): Promise<JointProtection> {
  const { model, shown, suppressed: own } = jointModel(reports);
  // A protection this one only adds to (an earlier round of over-time.ts): its hidden cells stay hidden.
  for (const r of reports) for (const id of seed?.get(r.name)?.suppressed ?? []) own.add(jointId(r.period, id));
  const past = addHistory(model, reports, history);
  const seedWithheld = reports.flatMap((r) => [...(seed?.get(r.name)?.withheld ?? [])].map((id) => jointId(r.period, id)));
  for (const id of seedWithheld) past.withheld.add(id);
  const atDate = new Set(reports.flatMap((r) => [...(r.atDate ?? [])]));
  const standIns = await addDifferences(model, history, threshold, atDate, join, past, told);
  addJoinedGrowth(model, history, join, atDate);
  // A count published before is shown: hiding it hides nothing.
  const suppressed = new Set([...own].filter((id) => !past.known.has(id)));
  // Starting from what each report suppresses on its own, only what the reports tell together
  // needs more, and only where they meet.
  const met = await protect(meetingPart(model, past.owner, new Set(reports.map((r) => r.name))), threshold, new Set([...shown, ...past.shown]),
    new Set([...suppressed, ...past.suppressed]), { locked: new Set([...past.locked, ...past.known]), withheld: past.withheld, standIns });
  const joint: Protection = {
    threshold,
    primary: new Set([...model.cells.values()].filter((c) => c.value > 0 && c.value < threshold).map((c) => c.id)),
    withheld: new Set([...met.withheld, ...seedWithheld, ...reports.flatMap((r) => [...(r.withheld ?? [])].map((id) => jointId(r.period, id)))].filter((id) => !past.known.has(id))),
    suppressed: new Set([...suppressed, ...met.suppressed]),
    solutions: met.solutions,
    already: met.already,
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
      already: joint.already.flatMap((i) => {
        const id = i.id.slice(jointId(r.period, "").length);
        return i.id === jointId(r.period, id) && r.model.cells.has(id) ? [{ ...i, id }] : [];
      }),
    });
  }
  return Object.assign(out, { already: joint.already });
}
