/**
 * Disclosure control of one report as a whole.
 *
 * A public build runs the report body twice. The first run registers every person count the
 * body passes to `r.publishable` (with the relations between them) and shows nothing; the
 * suppression is then solved once over the whole model; the second run gets the same tables
 * with the suppressed cells set to null, so every chart, table, sentence and key figure shows the
 * same pattern. An internal build runs once and suppresses nothing, but registers the same way,
 * so both builds link each count to its cell.
 */
import type { ColumnTable } from "arquero";
import { DisclosureError, DisclosureModel, type CellId } from "./model.ts";
import { protect, type Protection } from "./protect.ts";
import type { ReportRegistration } from "./joint.ts";
import { applySuppression, atDateMeasures, registerTable, resolveRollups, type PendingRollup, type PersonTableSpec } from "./register.ts";

export const DEFAULT_THRESHOLD = 5;

export class ReportDisclosure {
  readonly model = new DisclosureModel();
  private readonly pending: PendingRollup[] = [];
  private protection: Protection | null = null;
  private unnamed = 0;
  private shownCells: ReadonlySet<CellId> = new Set();
  /** `table|measure` of the counts taken at one date (register.ts `atDateMeasures`). */
  private readonly atDate = new Set<string>();

  constructor(readonly threshold: number) {}

  /** Register a table (both runs) and return it as it may be shown in this run. */
  publishable(table: ColumnTable, spec: PersonTableSpec): ColumnTable {
    // Unnamed tables are populations of their own (numbered in the order the body registers them).
    const named = { ...spec, name: spec.name ?? `tabell-${++this.unnamed}` };
    this.pending.push(...registerTable(this.model, table, named));
    for (const m of atDateMeasures(named)) this.atDate.add(m);
    return applySuppression(table, named, this.protection?.suppressed ?? new Set());
  }

  /**
   * Solve primary and secondary suppression over everything registered so far.
   * @param shown the cells the report's outputs show (tables, charts, text); the others are
   *   unknown to an attacker and never need to be hidden as secondary cells.
   */
  async solve(shown: ReadonlySet<CellId>): Promise<Protection> {
    resolveRollups(this.model, this.pending);
    this.shownCells = shown;
    this.protection = await protect(this.model, this.threshold, shown);
    return this.protection;
  }

  /**
   * Take a protection solved elsewhere (the reports of one build together, see joint.ts) instead
   * of solving: `shown` as for `solve`.
   */
  adopt(protection: Protection, shown: ReadonlySet<CellId>): void {
    resolveRollups(this.model, this.pending);
    this.shownCells = shown;
    this.protection = protection;
  }

  /** What this report registered, for a joint protection (see joint.ts), with the cells it shows. */
  registration(name: string, period: string | null, shown: ReadonlySet<CellId>): ReportRegistration {
    return { name, period, model: this.model, pending: [...this.pending], shown, atDate: this.atDate };
  }

  /** The cells shown in the report (after `solve`). */
  get shown(): ReadonlySet<CellId> {
    return this.shownCells;
  }

  /** A fresh model for the second run that applies this one's suppression. */
  secondRun(): ReportDisclosure {
    if (!this.protection) throw new DisclosureError("solve() must run before the second run");
    const next = new ReportDisclosure(this.threshold);
    next.protection = this.protection;
    return next;
  }

  /** After the second run: it must have registered exactly the cells of the first. */
  checkSameAs(first: ReportDisclosure): void {
    resolveRollups(this.model, this.pending);
    const a = first.model.cells;
    const b = this.model.cells;
    const differs = a.size !== b.size || [...a.values()].some((c) => b.get(c.id)?.value !== c.value);
    if (differs) {
      throw new DisclosureError(
        "rapportens kropp registrerade andra antal vid andra körningen (the report body registered different counts in its second run): den måste ge samma resultat varje gång",
      );
    }
  }

  get suppressed(): ReadonlySet<CellId> {
    return this.protection?.suppressed ?? new Set();
  }

  /** Every small count (marked small where published, unless withheld). */
  get primary(): ReadonlySet<CellId> {
    return this.protection?.primary ?? new Set();
  }

  /** Solutions of the attacker's problem found by the suppression (hints for the audit). */
  get solutions(): Map<CellId, number>[] {
    return this.protection?.solutions ?? [];
  }

  /** The breakdowns of small totals: hidden, without saying which of their cells are small. */
  get withheld(): ReadonlySet<CellId> {
    return this.protection?.withheld ?? new Set();
  }
}
