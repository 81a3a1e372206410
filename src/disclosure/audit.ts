/**
 * The audit of a public build, run on what the build renders (the figures document: every table,
 * every chart's data and every figure in the text, each count linked to its cell), never on the
 * suppression's own decisions.
 *
 * 1. Every place that shows a cell shows the same value (or ".." everywhere).
 * 2. For every primary cell, the attacker of `attacker.ts` — knowing every shown value, every
 *    relation and which cells are marked small — cannot narrow it below 1 … threshold − 1. A
 *    cell marked small is therefore exactly 1 … threshold − 1 to the attacker; a small count
 *    in a withheld breakdown (or in no output) is an unknown whose interval holds 1 … threshold − 1.
 *
 * A failure names the report, the table and the cell, never the value.
 */
import { checkIntervals, type PublishedCell } from "./attacker.ts";
import type { Relation } from "./model.ts";

/** One place a count is shown: a table cell, a chart data cell or a figure in the text. */
export interface ShownCount {
  cell: string;
  value: number | null;
  /** Where, for messages: "tabell resultat-per-insats, rad 3, kolumn Avslutade". */
  where: string;
}

export interface AuditInput {
  report: string;
  threshold: number;
  /**
   * Every cell of the model with its label, whether it is a small count (checked), and whether
   * it is withheld (part of the breakdown of a small total: hidden, and not said to be small).
   * Cells that are small and not withheld are marked small in what is published.
   */
  cells: readonly { id: string; label: string; primary: boolean; withheld?: boolean }[];
  relations: readonly Relation[];
  shown: readonly ShownCount[];
  /**
   * Optional: values of the hidden cells known to be consistent with what is shown (the true
   * counts). Only speeds up the search (see `IntervalOptions.witness`); the intervals are exact
   * either way.
   */
  witness?: ReadonlyMap<string, number>;
  /** Optional: solutions found by the suppression; each is checked against what is shown before use. */
  solutions?: Map<string, number>[];
}

export interface AuditSummary {
  threshold: number;
  cells: number;
  relations: number;
  shownCells: number;
  primary: number;
  suppressed: number;
  /** The narrowest interval an attacker can derive for a primary cell (null: no primary cell). */
  narrowest: { min: number; max: number } | null;
  /** Shown cells withheld as the breakdown of a small total (hidden, not said to be small). */
  withheld: number;
  /** Small counts no output shows, checked as unknowns an attacker cannot pin down. */
  unshownSmall: number;
}

export class AuditError extends Error {
  override name = "AuditError";
}

export async function auditPublished(input: AuditInput): Promise<AuditSummary> {
  const shownValue = new Map<string, number | null>();
  for (const s of input.shown) {
    if (!shownValue.has(s.cell)) shownValue.set(s.cell, s.value);
    else if (shownValue.get(s.cell) !== s.value) {
      throw new AuditError(`${input.report}: ${s.where} visar inte samma antal som rapportens andra ställen för samma cell (shows a count inconsistent with the same cell elsewhere)`);
    }
  }
  const known = new Set(input.cells.map((c) => c.id));
  for (const s of input.shown) {
    if (!known.has(s.cell)) throw new AuditError(`${input.report}: ${s.where} länkar till en okänd cell (links to an unknown cell)`);
  }
  for (const c of input.cells) {
    if (c.primary && shownValue.has(c.id) && shownValue.get(c.id) !== null) {
      throw new AuditError(`${input.report}: ${c.label} är ett litet antal men visas (a small count is shown)`);
    }
  }
  // A cell shown nowhere is unknown to the attacker: a free non-negative integer, not primary.
  const cells: PublishedCell[] = input.cells.map((c) => {
    const v = shownValue.get(c.id);
    return { id: c.id, label: c.label, value: v === undefined ? null : v, primary: c.primary };
  });
  // Cells no output shows and withheld cells are unknowns to the attacker; the small ones among
  // them are still checked (their interval must hold 1 … threshold − 1).
  const unshown = new Set(input.cells.filter((c) => !shownValue.has(c.id)).map((c) => c.id));
  for (const c of input.cells) {
    if (c.withheld && shownValue.has(c.id) && shownValue.get(c.id) !== null) {
      throw new AuditError(`${input.report}: ${c.label} hör till fördelningen av ett litet antal men visas (part of the breakdown of a small count is shown)`);
    }
  }
  const free = new Set([...unshown, ...input.cells.filter((c) => c.withheld).map((c) => c.id)]);
  const { intervals, failing } = await checkIntervals({ threshold: input.threshold, cells, relations: input.relations }, { free, witness: input.witness, solutions: input.solutions ? [...input.solutions] : undefined });
  if (failing.length > 0) {
    const names = failing.slice(0, 5).map((i) => i.label).join("; ");
    throw new AuditError(
      `${input.report}: röjandekontrollen underkänd (disclosure audit failed): ${failing.length} små antal kan räknas fram snävare än "färre än ${input.threshold}" säger: ${names}`,
    );
  }
  let narrowest: AuditSummary["narrowest"] = null;
  // Over the cells marked small (each exactly 1 … threshold − 1 when the audit passes).
  for (const i of intervals.filter((i) => !free.has(i.id))) if (!narrowest || i.max - i.min < narrowest.max - narrowest.min) narrowest = { min: i.min, max: i.max };
  return {
    threshold: input.threshold,
    cells: input.cells.length,
    relations: input.relations.length,
    shownCells: shownValue.size,
    primary: input.cells.filter((c) => c.primary && !c.withheld && shownValue.has(c.id)).length,
    unshownSmall: input.cells.filter((c) => c.primary && !shownValue.has(c.id)).length,
    suppressed: [...shownValue.values()].filter((v) => v === null).length,
    narrowest,
    withheld: input.cells.filter((c) => c.withheld && shownValue.has(c.id)).length,
  };
}
