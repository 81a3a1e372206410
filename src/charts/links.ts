/**
 * Disclosure links of a chart's data table: for each cell that shows one count of the input (one
 * metric row and measure), the id of its disclosure-model cell, read from the `cell:<measure>`
 * column that `r.publishable` adds to a registered metric table. A cell summed from several input
 * rows, or from a table without such columns, gets no link. The report engine uses the links to
 * check that a chart shows the same cells as the tables and text of the report.
 */

/** Prefix of the link columns; the same as `linkColumn` in src/disclosure/register.ts. */
export const LINK_PREFIX = "cell:";
/** Prefix of a share's links to its counts; the same as `shareLinkColumn` in src/disclosure/register.ts. */
export const SHARE_LINK_PREFIX = "cells:";

/** The key under which a share shown in `column` links the n-th count it is computed from (`TableSpec.links`). */
export function shareLinkKey(column: string, n: number): string {
  return `${column}:${n}`;
}

/** Collects, per table row and column, the one input cell the value comes from. */
export class CellLinks {
  private readonly cells = new Map<string, string | null>();
  /** Per row and column of a share: the cells of its counts (see `TableSpec.links`). */
  private readonly counts = new Map<string, string[]>();

  /**
   * Records that `row[measure]` went into the cell (`rowId`, `column`) of the chart's table; for a
   * share, the cells of the counts it is computed from.
   */
  add(rowId: string, column: string, row: Readonly<Record<string, unknown>>, measure: string): void {
    const key = JSON.stringify([rowId, column]);
    const id = row[`${LINK_PREFIX}${measure}`];
    // A second contribution makes the cell a sum: no single input cell to link to.
    this.cells.set(key, this.cells.has(key) ? null : typeof id === "string" ? id : null);
    const ids = row[`${SHARE_LINK_PREFIX}${measure}`];
    if (Array.isArray(ids)) this.counts.set(key, [...(this.counts.get(key) ?? []), ...ids.filter((x): x is string => typeof x === "string")]);
  }

  /**
   * The links of one table row: column key → cell id, for the columns with exactly one linked
   * input, and `<column>:1`, … → the counts of a share shown in the column.
   */
  row(rowId: string, columns: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of columns) {
      const key = JSON.stringify([rowId, c]);
      const id = this.cells.get(key);
      if (typeof id === "string") out[c] = id;
      this.counts.get(key)?.forEach((count, i) => (out[shareLinkKey(c, i + 1)] = count));
    }
    return out;
  }

  /** True when any input row carried a link. */
  get any(): boolean {
    if (this.counts.size > 0) return true;
    for (const v of this.cells.values()) if (typeof v === "string") return true;
    return false;
  }
}
