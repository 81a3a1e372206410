/**
 * The joint protection of the public reports of one build (disclosure/joint.ts), as `utfall build
 * --public` and `utfall preview --public` both use it, so a preview shows what the build will
 * publish: each report's first run is registered and protected on its own (a report that fails
 * here fails again when it is built, with its message), then the suppression is completed once
 * for all of them and against every earlier publication (disclosure/history.ts), and audited
 * against each other month of the year (disclosure/over-time.ts). Reports whose
 * own thresholds differ are all protected, and built, at the highest: a count one report hides as
 * small must not be shown by another; so are they at an earlier publication's, and one published
 * under a lower threshold than the build's is refused.
 */
import { joinedSummary, protectOverTime } from "../disclosure/over-time.ts";
import { DisclosureError, namedCounts } from "../disclosure/model.ts";
import { tablesLeftBehind, type PublicationRecord } from "../disclosure/history.ts";
import type { HiddenIntervals } from "../disclosure/joint.ts";
import type { AllMonthsResult } from "../disclosure/two-months.ts";
import type { CellInterval } from "../disclosure/attacker.ts";
import { registerPublicReport } from "../report/build.ts";
import type { InputCache } from "../report/load.ts";
import type { ReportDefinition } from "../report/report.ts";
import type { BuildOptions } from "../report/types.ts";

/** A report's part of the joint protection, with the threshold it is built at. */
export type Joint = NonNullable<BuildOptions["joint"]> & { threshold: number };

/**
 * Each report's part of the joint protection, by name, and the names of the reports protected
 * together. `load` gives a report's definition (undefined for a script that is none: it is built,
 * and reported, with the others). No joint protection is needed for one report and no earlier
 * publication: the map is then empty and the report protects itself. `told`: what the earlier
 * publications told of their hidden counts, as far as earlier builds found it (cli/told.ts); what
 * this build finds is added to it.
 */
export async function protectTogether(names: readonly string[], load: (name: string) => Promise<ReportDefinition | undefined>,
  opts: { data: string; period?: string; threshold?: number }, effects: { env: Record<string, string | undefined>; cwd: string; files?: InputCache },
  published: readonly PublicationRecord[], told?: HiddenIntervals): Promise<{ joint: Map<string, Joint>; together: Set<string>; warnings: string[]; notes: string[] }> {
  const definitions = new Map<string, ReportDefinition>();
  const register = (name: string, threshold: number | undefined) =>
    registerPublicReport(definitions.get(name)!, { name, dataDir: opts.data, period: opts.period, public: true, threshold },
      { log: () => {}, now: () => new Date(), ...effects });
  const regs: Awaited<ReturnType<typeof register>>[] = [];
  for (const name of names) {
    try {
      const def = await load(name);
      if (def === undefined) continue;
      definitions.set(name, def);
      regs.push(await register(name, opts.threshold));
    } catch {
      // built, and reported, with the others
    }
  }
  const together = new Set(regs.map((r) => r.name));
  const joint = new Map<string, Joint>();
  // A table an earlier publication of the report had and this build does not: renamed, its counts
  // are linked to nothing published before. Said, since only the script's author can tell.
  const warnings = tablesLeftBehind(new Map(regs.map((r) => [r.name, r.model.cells.keys()])), published).map(
    (w) => `${w.report} publicerades för ${w.period ?? "utan period"} med ${w.tables.length === 1 ? "tabellen" : "tabellerna"} ${w.tables.join(", ")}, som bygget inte har: ` +
      `har en tabell bytt namn skyddas den inte mot det som publicerats tidigare (a table renamed since an earlier publication is not protected against it)`,
  );
  // Every earlier publication counts, of every period and version: each may have been read.
  if (regs.length === 0 || (regs.length < 2 && published.length === 0)) return { joint, together, warnings, notes: [] };
  // Publications over time are protected at one threshold: a later build at a higher one could
  // not keep what an earlier one showed under it from telling its small counts.
  const threshold = Math.max(...regs.map((r) => r.threshold), ...published.map((p) => p.threshold));
  const lower = published.filter((p) => p.threshold < threshold);
  if (lower.length > 0) {
    const [p] = lower;
    throw new DisclosureError(
      `${p.report} för ${p.period ?? "utan period"} publicerades med tröskeln ${p.threshold}, lägre än byggets ${threshold} (an earlier publication used a lower threshold): ` +
        `bygg med --threshold ${p.threshold}, eller bygg de tidigare perioderna på nytt med ${threshold} och publicera om dem`,
    );
  }
  for (let i = 0; i < regs.length; i++) if (regs[i].threshold < threshold) regs[i] = await register(regs[i].name, threshold);
  const { protections, joined, audit, together: allAtOnce, already: before } = await protectOverTime(regs, threshold, published, told);
  for (const r of regs) joint.set(r.name, { protection: protections.get(r.name)!, shown: r.shown, threshold });
  const notes: string[] = [];
  if (audit.length > 0) {
    const months = [...new Set(audit.map((p) => p.other))];
    notes.push(
      `Röjandekontroll över tid: granskad tillsammans med ${months.length === 1 ? "månaden" : "månaderna"} ${months.join(", ")} som publicerats` +
        (allAtOnce.length > 0 ? `, var för sig och alla på en gång` : "") +
        `; inget litet antal eller ökning kan avgränsas (audited beside the other months of the year${allAtOnce.length > 0 ? ", each and all at once" : ""}: nothing narrowed)` +
        (joined.length > 0 ? `; efter granskningen skyddades bygget också med ${joinedSummary(joined)} som de publicerats (joined after the audit)` : ""),
    );
  }
  const already = alreadyNarrowed(allAtOnce, opts.period);
  if (already !== null) warnings.push(already);
  const amongThemselves = narrowedAmongThemselves(before);
  if (amongThemselves !== null) warnings.push(amongThemselves);
  return { joint, together, warnings, notes };
}

/**
 * What the other months as published already tell, found by the audit of all months at once: out
 * of the build's hands, but the controller should know (the counts named, never their values).
 */
export function alreadyNarrowed(allAtOnce: readonly AllMonthsResult[], period: string | undefined): string | null {
  const labels = [...new Set(allAtOnce.flatMap((r) => r.already.map((f) => f.label)))];
  if (labels.length === 0) return null;
  const months = [...new Set(allAtOnce.flatMap((r) => r.months))].filter((m) => m !== period);
  return `${labels.length} ${labels.length === 1 ? "litet antal eller ökning" : "små antal eller ökningar"} avgränsas redan av det som publicerats för ${months.join(", ")} ` +
    `(already narrowed by what earlier builds published; this build cannot mend it): ${namedCounts(labels)}`;
}

/**
 * What the joint protection found narrowed by earlier publications among themselves, whatever the
 * build hides (disclosure/protect.ts `narrowedBefore`): passed, as the build narrows it no further,
 * but the controller should know (the counts named, never their values).
 */
export function narrowedAmongThemselves(already: readonly CellInterval[]): string | null {
  const labels = [...new Set(already.map((f) => f.label))];
  if (labels.length === 0) return null;
  const [n, it] = labels.length === 1 ? ["1 litet antal", "det"] : [`${labels.length} små antal`, "dem"];
  return `${n} avgränsas redan av tidigare publiceringar tillsammans, hur mycket bygget än döljer; bygget avgränsar ${it} inte mer ` +
    `(already narrowed by earlier publications among themselves; the build narrows ${labels.length === 1 ? "it" : "them"} no further): ${namedCounts(labels)}`;
}
