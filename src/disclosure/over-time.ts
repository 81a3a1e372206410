/**
 * The protection of a public build over time: the joint protection (joint.ts) against every
 * earlier publication, then the audit of what the build would publish against each other month of
 * its year as published (two-months.ts, an attacker who solves both months' hidden cells together
 * and knows that a count gathered from January only grows), and, once every month passes on its
 * own, against all of them at once (a month between can tell what neither month beside it does).
 * The joint model bounds an earlier month's hidden counts through stand-ins, one by one, and links
 * a count to the month before's only where that month showed it; joining every month's hidden
 * cells made a build of April take ten minutes. So where the audit narrows something, those counts
 * and the counts they share a relation with are joined by their own cells for that month (narrowed
 * again: one relation further, up to RADIUS; then its table; then the whole month), and the build
 * protected again from where it was, until the audit passes. What joining cannot mend (an
 * increase between two other months, or anything left once those months are joined whole) makes
 * the build hide more of its own counts. A build the audit still fails then is refused, naming the
 * counts, never their values.
 */
import { publicationRecord, type PublicationRecord } from "./history.ts";
import { protectJointly, type HiddenIntervals, type JointProtection, type ReportRegistration } from "./joint.ts";
import { DisclosureError, namedCounts } from "./model.ts";
import type { Protection } from "./protect.ts";
import type { CellInterval } from "./attacker.ts";
import { attackAllMonths, attackWithOtherMonths, cellMonths, countName, type AllMonthsResult, type TwoMonthsResult } from "./two-months.ts";

export interface OverTime {
  protections: Map<string, Protection>;
  /** What was joined by its own cells after the audit: a month's count (`2023-01|<cell id>`), table (`2023-01|utfall`) or the whole month. */
  joined: string[];
  /** The audit that passed: one result per other month (and edition) of the year. */
  audit: (TwoMonthsResult & { other: string })[];
  /** The audit of all the months at once that passed (one per edition; none with fewer than two other months). */
  together: AllMonthsResult[];
  /** Small counts the earlier publications narrow among themselves, and the build no further (joint.ts `JointProtection.already`). */
  already: CellInterval[];
}

/** How many relations out a narrowed count's month is joined before its whole table is. */
const RADIUS = 3;

/**
 * `told`: what the history's publications told of their hidden counts, by index in `history`, as
 * far as it is known (earlier builds', kept beside the records: cli/told.ts); what this build
 * finds is added to it.
 */
export async function protectOverTime(reports: readonly ReportRegistration[], threshold: number, history: readonly PublicationRecord[], told: HiddenIntervals = new Map()): Promise<OverTime> {
  const atDate = new Set(reports.flatMap((r) => [...(r.atDate ?? [])]));
  const gathered = (id: string) => !atDate.has(id.split("|", 2).join("|"));
  const join = new Set<string>();
  /** How far from each narrowed count (`<month>|<name>`) its month was joined. */
  const radius = new Map<string, number>();
  /** Each month's relations by the counts they hold, made when first needed. */
  const graphs = new Map<string, Map<string, string[][]>>();
  /** The counts within `r` relations of a count in a month's publications (this build's for its own month), itself included. */
  const ball = (month: string, name: string, r: number): Set<string> => {
    let graph = graphs.get(month);
    if (graph === undefined) {
      graph = new Map();
      const relations = month === reports[0]?.period ? reports.flatMap((r) => r.model.relations) : history.filter((rec) => rec.period === month).flatMap((rec) => rec.relations);
      for (const rel of relations) for (const id of [rel.total, ...rel.parts]) graph.set(id, [...(graph.get(id) ?? []), [rel.total, ...rel.parts]]);
      graphs.set(month, graph);
    }
    const out = new Set([name]);
    for (let frontier = [name], d = 0; d < r && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const id of frontier) for (const members of graph.get(id) ?? []) for (const m of members) if (!out.has(m)) (out.add(m), next.push(m));
      frontier = next;
    }
    return out;
  };
  let protections: JointProtection | undefined;
  // The audit of each other month; after the first round only the months that narrowed something
  // are attacked again: a round only hides more, so a month that passed still passes.
  const passed = new Map<string, (TwoMonthsResult & { other: string })[]>();
  let again: Set<string> | undefined;
  let together: AllMonthsResult[] = [];
  /** What the last attack of all months at once narrowed (after the first, only it is attacked again). */
  let failedTogether: Set<string> | undefined;
  /** What the other months tell with this month's counts unknown, by edition and cell (see `attackAllMonths`). */
  const before = new Map<number, Map<string, CellInterval | null>>();
  const month = reports[0]?.period ?? "";
  /** The names of the counts each month published. */
  const names = new Map<string, Set<string>>();
  const published = (m: string) => {
    let set = names.get(m);
    if (set === undefined) names.set(m, (set = new Set(history.filter((r) => r.period === m).flatMap((r) => r.cells.map((c) => c.id)))));
    return set;
  };
  /**
   * The other months whose counts join for what the attack of all months narrowed: the months of
   * the count or increase, and every other month that published the count (the chain it is
   * narrowed through); all other months where that is none.
   */
  const monthsToJoin = (f: CellInterval, months: readonly string[]): string[] => {
    const others = months.filter((m) => m !== month);
    const out = new Set([...cellMonths(f.id).filter((m) => m !== month), ...others.filter((m) => published(m).has(countName(f.id)))]);
    return out.size > 0 ? [...out].sort() : others;
  };
  /** How far from each count (`<name>`) this build's shown counts were hidden for it. */
  const forced = new Map<string, number>();
  /**
   * Hide this build's shown counts that the narrowed count `f` is narrowed through: those of its
   * name, its months' counts within `r` relations of it and this build's within `r` of those, `r`
   * one more each time (up to RADIUS), then every count linked to those by relations at any
   * distance, until one is hidden. Into `into` (the protection the next round starts from); how
   * many were hidden.
   */
  const hideMore = (f: CellInterval, into: Map<string, Protection>): number => {
    const name = countName(f.id);
    for (let r = (forced.get(name) ?? -1) + 1; r <= RADIUS + 1; r++) {
      forced.set(name, r);
      const reach = r > RADIUS ? Infinity : r;
      const near = new Set([...cellMonths(f.id).filter((m) => m !== month), month].flatMap((m) => [...ball(m, name, reach)]));
      const ours = new Set([...near].flatMap((n) => [...ball(month, n, reach)]));
      let hidden = 0;
      for (const rep of reports) {
        const p = into.get(rep.name)!;
        for (const id of ours) if (rep.shown.has(id) && rep.model.cells.has(id) && !p.suppressed.has(id)) (p.suppressed.add(id), hidden++);
      }
      if (hidden > 0) return hidden;
    }
    return 0;
  };
  for (;;) {
    // Each round only adds to the last: what it hid stays hidden.
    protections = await protectJointly(reports, threshold, history, join, protections, told);
    const current = reports.map((r) => publicationRecord(r.name, r.period, r.model, protections!.get(r.name)!, r.shown));
    const audit = await attackWithOtherMonths(current, history, gathered, again);
    const narrowed: { other: string; failing: CellInterval[] }[] = audit.filter((p) => p.failing.length > 0);
    for (const p of audit) if (!narrowed.some((n) => n.other === p.other)) passed.set(p.other, [...(passed.get(p.other) ?? []), p]);
    again = new Set(narrowed.map((p) => p.other));
    const result = () => ({ protections: protections!, joined: [...join].sort(), audit: [...passed.values()].flat().sort((a, b) => (a.other < b.other ? -1 : a.other > b.other ? 1 : 0)), together, already: protections!.already });
    /** What only hiding more of this build mends. */
    const force: CellInterval[] = [];
    if (narrowed.length === 0) {
      // Every month passes beside this one: all of them at once. An increase between two other
      // months is no count of the joint protection's model: hiding more of this build mends it.
      // After a round, only what failed is attacked again: a round only hides more of the build,
      // so what passed still passes.
      together = await attackAllMonths(current, history, gathered, before, failedTogether);
      failedTogether = new Set(together.flatMap((r) => r.failing.map((f) => f.id)));
      for (const f of together.flatMap((r) => r.failing)) {
        if (f.id.startsWith("Δ") && !cellMonths(f.id).includes(month)) force.push(f);
        else for (const other of monthsToJoin(f, together[0].months)) narrowed.push({ other, failing: [f] });
      }
      if (narrowed.length === 0 && force.length === 0) return result();
    }
    // Join the other month's narrowed counts and the counts within one relation of them there;
    // narrowed again, one relation further (up to RADIUS), then its table, then the whole month:
    // the first of these that joins anything new.
    const fresh = new Set<string>();
    for (const { other, failing } of narrowed) {
      for (const f of failing) {
        const name = countName(f.id);
        const key = `${other}|${name}`;
        for (let r = (radius.get(key) ?? 0) + 1; ; r++) {
          radius.set(key, r);
          const step = r <= RADIUS ? [...ball(other, name, r)].map((n) => `${other}|${n}`) : r === RADIUS + 1 ? [`${other}|${name.slice(0, name.indexOf("|"))}`] : r === RADIUS + 2 ? [other] : [];
          const added = step.filter((k) => !join.has(k) && !join.has(other));
          for (const k of added) fresh.add(k);
          if (added.length > 0 || r > RADIUS + 2) break;
        }
      }
    }
    for (const k of fresh) join.add(k);
    // Nothing left to join: this build hides more.
    if (fresh.size === 0) force.push(...narrowed.flatMap((p) => p.failing));
    if (fresh.size > 0 || force.length === 0) continue;
    let hidden = 0;
    for (const f of force) hidden += hideMore(f, protections);
    if (hidden === 0) {
      const labels = [...new Set(force.map((f) => f.label))];
      const months = [...new Set([...force.flatMap((f) => cellMonths(f.id)), ...narrowed.map((p) => p.other)])].filter((m) => m !== month).sort();
      const what = labels.length === 1 ? "1 litet antal eller ökning" : `${labels.length} små antal eller ökningar`;
      throw new DisclosureError(
        `publicerad bredvid ${months.join(", ")} skulle bygget låta ${what} avgränsas, hur mycket av det bygget visar som än döljs ` +
          `(published beside those months, small counts or increases could be narrowed, whatever the build hides of what it shows): ${namedCounts(labels)}`,
      );
    }
  }
}

/** What the audit joined (`OverTime.joined`), by month: "14 antal från 2023-01, tabellen utfall från 2023-02, hela 2023-03". */
export function joinedSummary(joined: readonly string[]): string {
  const months = new Map<string, { counts: number; tables: string[]; whole: boolean }>();
  for (const key of joined) {
    const month = key.slice(0, 7);
    const m = months.get(month) ?? { counts: 0, tables: [], whole: false };
    const rest = key.slice(8);
    if (key.length === 7) m.whole = true;
    else if (rest.includes("|")) m.counts++;
    else m.tables.push(rest);
    months.set(month, m);
  }
  return [...months].map(([month, m]) =>
    m.whole ? `hela ${month}` : [m.counts > 0 ? `${m.counts} antal` : "", m.tables.length > 0 ? `${m.tables.length === 1 ? "tabellen" : "tabellerna"} ${m.tables.join(", ")}` : ""].filter(Boolean).join(" och ") + ` från ${month}`,
  ).join(", ");
}
