/**
 * Comparison with other municipalities on Kolada key figures, and our own value of a key
 * figure computed from the participants export.
 */
import type { ColumnTable } from "./util.ts";
import { col, compareValues, numCol, strCol, toTable } from "./util.ts";
import { programmeOutcomes } from "./outcomes.ts";
import { participantsByAgeBand } from "./groups.ts";

export interface KoladaOptions {
  kpi: string;
  year: number;
  municipalityId: string;
  /** Municipalities to compare with (default: every other municipality in the table). */
  peers?: string[];
  gender?: "T" | "K" | "M";
  /** Our own value computed from row-level data (e.g. {@link ourKoladaValue}): added as a row
   *  with `source: "computed"` beside Kolada's own row, named "<own name> (egen beräkning)"
   *  ("Egen beräkning" when Kolada has no row for the own municipality). A public report passes
   *  the figure of `ownKoladaFigure` (a share is shown in percent): the row then carries the
   *  cells of its counts (`cells:value`), and a value hidden with them is suppressed. */
  ownComputed?: number | null | LinkedValue;
}

/** A figure linked to the disclosure cells of its counts (`r.count`, `r.share`). */
export interface LinkedValue {
  readonly value: number | string | null;
  readonly format: string;
  readonly cell?: string;
  readonly cells?: readonly string[];
}

/** Where a computed row links its value: `cells:value`, as `r.publishable` links a share. */
export const OWN_VALUE_LINKS = "cells:value";

/** Name of the peers' average row. */
export const AVERAGE_NAME = "Jämförda kommuner";

/**
 * Our municipality, its peers and the peers' average for one key figure, year and gender.
 * @param kolada the loaded Kolada table (`kpi`, `municipalityId`, `municipality`, `period`,
 *   `gender`, `value`, `status`).
 * @returns columns: `municipalityId`, `municipality`, `value` (null unless status is ok), `status`
 *   (`ok`, `suppressed`, `missing`; a listed peer without a row is `missing`), `isOwn`, `source`
 *   (`kolada`, `computed`, `average`). `municipality` is null only for a listed peer or the own
 *   municipality without a Kolada row. Order: own row, the computed row (if given), peers by id,
 *   then the average row (`municipalityId: "avg"`, the mean of the peers'
 *   `ok` values, named {@link AVERAGE_NAME}; status `missing` when there are none).
 * @example koladaComparison(k, { kpi: "U40455", year: 2023, municipalityId: "1980", peers: ["0180", "1280"] })
 */
export function koladaComparison(kolada: ColumnTable, opts: KoladaOptions): ColumnTable {
  const gender = opts.gender ?? "T";
  const kpi = strCol(kolada, "kpi");
  const id = strCol(kolada, "municipalityId");
  const name = strCol(kolada, "municipality");
  const period = numCol(kolada, "period");
  const g = strCol(kolada, "gender");
  const value = numCol(kolada, "value");
  const hasStatus = kolada.columnNames().includes("status");
  const status = col(kolada, "status");
  const found = new Map<string, { municipality: string | null; value: number | null; status: string }>();
  for (let i = 0; i < kpi.length; i++) {
    if (kpi[i] !== opts.kpi || period[i] !== opts.year || g[i] !== gender || id[i] === null) continue;
    const v = Number.isFinite(value[i]) ? value[i] : null;
    const st = hasStatus && typeof status[i] === "string" ? (status[i] as string) : v === null ? "missing" : "ok";
    const rec = { municipality: name[i], value: st === "ok" ? v : null, status: st };
    const prev = found.get(id[i] as string);
    // duplicates: prefer an ok value, then the smaller value, so the result does not depend on row order
    if (!prev || (prev.status !== "ok" && rec.status === "ok") || (prev.status === rec.status && compareValues(rec.value, prev.value) < 0))
      found.set(id[i] as string, rec);
  }
  const peerIds = (opts.peers ?? [...found.keys()]).filter((p) => p !== opts.municipalityId);
  const rowFor = (mid: string, isOwn: boolean) => {
    const r = found.get(mid);
    return { municipalityId: mid, municipality: r?.municipality ?? null, value: r?.value ?? null, status: r?.status ?? "missing", isOwn, source: "kolada" };
  };
  const own = rowFor(opts.municipalityId, true);
  const rows: Record<string, unknown>[] = [own];
  const linked = typeof opts.ownComputed === "object" && opts.ownComputed !== null ? opts.ownComputed : null;
  if (opts.ownComputed !== undefined) {
    const raw = linked === null ? opts.ownComputed : typeof linked.value === "number" ? (linked.format === "percent" ? linked.value * 100 : linked.value) : null;
    const v = typeof raw === "number" && Number.isFinite(raw) ? raw : null;
    const municipality = own.municipality ? `${own.municipality} (egen beräkning)` : "Egen beräkning";
    const cells = linked === null ? null : [...(linked.cells ?? (linked.cell === undefined ? [] : [linked.cell]))];
    // A linked value that is null was hidden with its counts: suppressed, not missing.
    const status = v !== null ? "ok" : cells !== null && cells.length > 0 ? "suppressed" : "missing";
    rows.push({ ...own, municipality, value: v, status, source: "computed", ...(cells === null ? {} : { [OWN_VALUE_LINKS]: cells }) });
  }
  const peers = [...new Set(peerIds)].sort(compareValues).map((p) => rowFor(p, false));
  rows.push(...peers);
  const ok = peers.filter((p) => p.status === "ok" && p.value !== null).map((p) => p.value as number);
  const avg = ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : null;
  rows.push({ municipalityId: "avg", municipality: AVERAGE_NAME, value: avg, status: avg === null ? "missing" : "ok", isOwn: false, source: "average" });
  return toTable(rows, ["municipalityId", "municipality", "value", "status", "isOwn", "source", ...(linked === null ? [] : [OWN_VALUE_LINKS])]);
}

export type OwnKpi = "U40455" | "U40800" | "U40811" | "U40812";

/**
 * The counts behind our own value of a Kolada key figure for a calendar year (see
 * {@link ourKoladaValue}): the table, the counts in it (to register for disclosure control), its
 * group keys, and where the value is: `measure` of the row matching `where` (and the gender).
 * `share`: the value is a share of two counts (percent = share × 100), else a count.
 */
export function ownKoladaCounts(
  participants: ColumnTable,
  opts: { kpi: OwnKpi; year: number; exclude?: readonly string[] },
): { table: ColumnTable; counts: string[]; groupKeys: string[]; measure: string; where: Record<string, unknown>; share: boolean } {
  const from = `${opts.year}-01-01`;
  const to = `${opts.year}-12-31`;
  const exclude = opts.exclude ?? [];
  if (opts.kpi === "U40811" || opts.kpi === "U40812") {
    const band = opts.kpi === "U40811" ? "–24" : "25–";
    const table = participantsByAgeBand(participants, { from, to, refDate: to, bands: [band], exclude });
    return { table, counts: ["participants"], groupKeys: ["ageBand"], measure: "participants", where: { ageBand: band }, share: false };
  }
  const table = programmeOutcomes(participants, { from, to, refDate: to, by: [], exclude });
  if (opts.kpi === "U40800") return { table, counts: ["participants"], groupKeys: [], measure: "participants", where: {}, share: false };
  return { table, counts: ["workOrStudies", "ended"], groupKeys: [], measure: "shareWorkOrStudies", where: {}, share: true };
}

/**
 * Our value of a Kolada key figure computed from the participants export for a calendar year:
 * - `U40800` unique participants with an enrolment overlapping the year;
 * - `U40811` / `U40812` of those, aged ≤ 24 / ≥ 25 at the end of the year (year − birth year);
 * - `U40455` percent (0–100) of enrolments ended in the year that ended in work or studies (see
 *   `programmeOutcomes`, `workOrStudies`); null when none ended.
 * @param opts `kpi`, `year`, `gender` (default T), `exclude` programme codes left out (Kolada
 *   excludes summer jobs).
 * A report publishes it through `ownKoladaFigure` (src/report/kolada.ts), which registers its
 * counts for disclosure control.
 * @example ourKoladaValue(p, { kpi: "U40455", year: 2023 }) // 38.2
 */
export function ourKoladaValue(
  participants: ColumnTable,
  opts: { kpi: OwnKpi; year: number; gender?: "T" | "K" | "M"; exclude?: readonly string[] },
): number | null {
  const own = ownKoladaCounts(participants, opts);
  const gender = opts.gender ?? "T";
  const row = (own.table.objects() as Record<string, unknown>[]).find((r) => r.gender === gender && Object.entries(own.where).every(([k, v]) => r[k] === v));
  const v = row ? (row[own.measure] as number | null) : null;
  if (!own.share) return v ?? 0;
  return v === null ? null : v * 100;
}
