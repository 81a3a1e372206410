/**
 * The protection of a public build over time: the joint protection (joint.ts) against every
 * earlier publication, then the audit of what the build would publish against each other month of
 * its year as published (two-months.ts, an attacker who solves both months' hidden cells together
 * and knows that a count gathered from January only grows). The joint model bounds an earlier
 * month's hidden counts through stand-ins, one by one, and links a count to the month before's
 * only where that month showed it; joining every month's hidden cells made a build of April take
 * ten minutes. So where the audit narrows something, those counts and the counts they share a
 * relation with are joined by their own cells for that month (narrowed again: one relation
 * further, up to RADIUS; then its table; then the whole month), and the build protected again
 * from where it was, until the audit passes. A build the audit still fails with those months
 * joined whole is refused, naming the counts, never their values.
 */
import { publicationRecord, type PublicationRecord } from "./history.ts";
import { protectJointly, type ReportRegistration } from "./joint.ts";
import { DisclosureError } from "./model.ts";
import type { Protection } from "./protect.ts";
import { attackWithOtherMonths, countName, type TwoMonthsResult } from "./two-months.ts";

export interface OverTime {
  protections: Map<string, Protection>;
  /** What was joined by its own cells after the audit: a month's count (`2023-01|<cell id>`), table (`2023-01|utfall`) or the whole month. */
  joined: string[];
  /** The audit that passed: one result per other month (and edition) of the year. */
  audit: (TwoMonthsResult & { other: string })[];
}

/** How many relations out a narrowed count's month is joined before its whole table is. */
const RADIUS = 3;

export async function protectOverTime(reports: readonly ReportRegistration[], threshold: number, history: readonly PublicationRecord[]): Promise<OverTime> {
  const atDate = new Set(reports.flatMap((r) => [...(r.atDate ?? [])]));
  const gathered = (id: string) => !atDate.has(id.split("|", 2).join("|"));
  const join = new Set<string>();
  /** How far from each narrowed count (`<month>|<name>`) its month was joined. */
  const radius = new Map<string, number>();
  /** Each month's relations by the counts they hold, made when first needed. */
  const graphs = new Map<string, Map<string, string[][]>>();
  /** The counts within `r` relations of a count in a month's publications, itself included. */
  const ball = (month: string, name: string, r: number): Set<string> => {
    let graph = graphs.get(month);
    if (graph === undefined) {
      graph = new Map();
      for (const rec of history) {
        if (rec.period !== month) continue;
        for (const rel of rec.relations) for (const id of [rel.total, ...rel.parts]) graph.set(id, [...(graph.get(id) ?? []), [rel.total, ...rel.parts]]);
      }
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
  let protections: Map<string, Protection> | undefined;
  // The audit of each other month; after the first round only the months that narrowed something
  // are attacked again: a round only hides more, so a month that passed still passes.
  const passed = new Map<string, (TwoMonthsResult & { other: string })[]>();
  let again: Set<string> | undefined;
  for (;;) {
    // Each round only adds to the last: what it hid stays hidden.
    protections = await protectJointly(reports, threshold, history, join, protections);
    const current = reports.map((r) => publicationRecord(r.name, r.period, r.model, protections!.get(r.name)!, r.shown));
    const audit = await attackWithOtherMonths(current, history, gathered, again);
    const narrowed = audit.filter((p) => p.failing.length > 0);
    for (const p of audit) if (!narrowed.some((n) => n.other === p.other)) passed.set(p.other, [...(passed.get(p.other) ?? []), p]);
    if (narrowed.length === 0) return { protections, joined: [...join].sort(), audit: [...passed.values()].flat().sort((a, b) => (a.other < b.other ? -1 : a.other > b.other ? 1 : 0)) };
    again = new Set(narrowed.map((p) => p.other));
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
    if (fresh.size === 0) {
      const labels = [...new Set(narrowed.flatMap((p) => p.failing.map((f) => f.label)))];
      throw new DisclosureError(
        `publicerad bredvid ${[...again].join(", ")} skulle bygget låta ${labels.length} små antal eller ökningar avgränsas ` +
          `(published beside those months, small counts or increases could be narrowed): ${labels.slice(0, 5).join("; ")}${labels.length > 5 ? " …" : ""}`,
      );
    }
    for (const k of fresh) join.add(k);
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
