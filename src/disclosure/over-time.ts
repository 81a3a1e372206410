/**
 * The protection of a public build over time: the joint protection (joint.ts) against every
 * earlier publication, then the audit of what the build would publish against each other month of
 * its year as published (two-months.ts, an attacker who solves both months' hidden cells together
 * and knows that a count gathered from January only grows). The joint model links the month
 * before by its own cells and older months through stand-ins bounded one by one; a month the
 * audit finds something narrowed with is joined by its own cells too and the build protected
 * again, until the audit passes. A build the audit still fails with every such month joined is
 * refused, naming the counts, never their values.
 */
import { publicationRecord, type PublicationRecord } from "./history.ts";
import { protectJointly, type ReportRegistration } from "./joint.ts";
import { DisclosureError } from "./model.ts";
import type { Protection } from "./protect.ts";
import { attackWithOtherMonths, type TwoMonthsResult } from "./two-months.ts";

export interface OverTime {
  protections: Map<string, Protection>;
  /** The months joined by their own cells after the audit (beside the month before). */
  joined: string[];
  /** The last audit: one result per other month (and edition) of the year. */
  audit: TwoMonthsResult[];
}

export async function protectOverTime(reports: readonly ReportRegistration[], threshold: number, history: readonly PublicationRecord[]): Promise<OverTime> {
  const atDate = new Set(reports.flatMap((r) => [...(r.atDate ?? [])]));
  const gathered = (id: string) => !atDate.has(id.split("|", 2).join("|"));
  const join = new Set<string>();
  for (;;) {
    const protections = await protectJointly(reports, threshold, history, join);
    const current = reports.map((r) => publicationRecord(r.name, r.period, r.model, protections.get(r.name)!, r.shown));
    const audit = await attackWithOtherMonths(current, history, gathered);
    const narrowed = audit.filter((p) => p.failing.length > 0);
    if (narrowed.length === 0) return { protections, joined: [...join].sort(), audit };
    const month = current[0].period;
    const others = [...new Set(narrowed.map((p) => (p.earlier === month ? p.later : p.earlier)))];
    const fresh = others.filter((m) => !join.has(m));
    if (fresh.length === 0) {
      const labels = [...new Set(narrowed.flatMap((p) => p.failing.map((f) => f.label)))];
      throw new DisclosureError(
        `publicerad bredvid ${others.join(", ")} skulle bygget låta ${labels.length} små antal eller ökningar avgränsas ` +
          `(published beside those months, small counts or increases could be narrowed): ${labels.slice(0, 5).join("; ")}${labels.length > 5 ? " …" : ""}`,
      );
    }
    for (const m of fresh) join.add(m);
  }
}
