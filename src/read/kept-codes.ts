/**
 * Dictionary codes a loader kept for a string column it hands out as a plain array of strings.
 *
 * A loaded table stores strings as arrays (what arquero and scripts expect), but the loader
 * builds them from dictionary codes. It may keep those codes beside the array, so the metrics
 * read the column as integer codes without coding it again (src/metrics/columns.ts). The codes
 * are tied to the array object: a filtered or derived table has new arrays and no codes.
 */

/** `values[codes[i]]` is row i's value; −1 is missing. `values` holds each value once. */
export interface KeptCodes {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

const kept = new WeakMap<object, KeptCodes>();

/** Remember the codes of `column` (which must equal `values[codes[i]]`, or null for −1, row by row). */
export function keepCodes(column: readonly (string | null)[], codes: Int32Array, values: readonly string[]): void {
  if (codes.length !== column.length) throw new Error(`keepCodes: ${codes.length} codes for ${column.length} rows`);
  kept.set(column, { codes, values });
}

/** The codes kept for this very array, if any. */
export function keptCodes(column: unknown): KeptCodes | undefined {
  return typeof column === "object" && column !== null ? kept.get(column) : undefined;
}
