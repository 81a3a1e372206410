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
import { attackWithOtherMonths, type TwoMonthsResult } from "./two-months.ts";

export interface OverTime {
  protections: Map<string, Protection>;
  /** What was joined by its own cells after the audit: a month's count (`2023-01|<cell id>`), table (`2023-01|utfall`) or the whole month. */
  joined: string[];
  /** The last audit: one result per other month (and edition) of the year. */
  audit: TwoMonthsResult[];
}

/** How many relations out a narrowed count's month is joined before its whole table is. */
const RADIUS = 3;

/** The count's name of a cell the two-months attacker names (`<month>#<name>`, or `Δ<month>→<month>#<name>`). */
function nameOf(id: string): string {
  return id.slice(id.indexOf("#") + 1);
}

export async function protectOverTime(reports: readonly ReportRegistration[], threshold: number, history: readonly PublicationRecord[]): Promise<OverTime> {
  const atDate = new Set(reports.flatMap((r) => [...(r.atDate ?? [])]));
  const gathered = (id: string) => !atDate.has(id.split("|", 2).join("|"));
  const join = new Set<string>();
  /** How far from each narrowed count (`<month>|<name>`) its month was joined. */
  const radius = new Map<string, number>();
  /** The counts within `r` relations of a count in a month's publications, itself included. */
  const ball = (month: string, name: string, r: number): Set<string> => {
    const relations = history.filter((rec) => rec.period === month).flatMap((rec) => rec.relations);
    const out = new Set([name]);
    for (let frontier = [name], d = 0; d < r && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const rel of relations) {
        const ids = [rel.total, ...rel.parts];
        if (!ids.some((id) => frontier.includes(id))) continue;
        for (const id of ids) if (!out.has(id)) (out.add(id), next.push(id));
      }
      frontier = next;
    }
    return out;
  };
  let protections: Map<string, Protection> | undefined;
  for (;;) {
    // Each round only adds to the last: what it hid stays hidden.
    protections = await protectJointly(reports, threshold, history, join, protections);
    const current = reports.map((r) => publicationRecord(r.name, r.period, r.model, protections!.get(r.name)!, r.shown));
    const audit = await attackWithOtherMonths(current, history, gathered);
    const narrowed = audit.filter((p) => p.failing.length > 0);
    if (narrowed.length === 0) return { protections, joined: [...join].sort(), audit };
    const month = current[0].period;
    // Join the other month's narrowed counts and the counts within one relation of them there;
    // narrowed again, one relation further (up to RADIUS), then its table, then the whole month:
    // the first of these that joins anything new.
    const fresh = new Set<string>();
    for (const p of narrowed) {
      const other = p.earlier === month ? p.later : p.earlier;
      for (const f of p.failing) {
        const name = nameOf(f.id);
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
        `publicerad bredvid ${[...new Set(narrowed.map((p) => (p.earlier === month ? p.later : p.earlier)))].join(", ")} skulle bygget låta ${labels.length} små antal eller ökningar avgränsas ` +
          `(published beside those months, small counts or increases could be narrowed): ${labels.slice(0, 5).join("; ")}${labels.length > 5 ? " …" : ""}`,
      );
    }
    for (const k of fresh) join.add(k);
  }
}
