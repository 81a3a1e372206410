/**
 * Rows written as CSV text for the loader, remembering where each line came from.
 *
 * Inputs that are not CSV (an Excel sheet, Kolada's JSON) or that a mapping file reshapes (an
 * `unpivot`) are turned into rows of text cells and loaded by the one CSV path, so they get the
 * same header detection, value parsers, checks and load report. `TextTableWriter` writes those
 * rows (`;`, every non-empty cell quoted, LF) and records, per physical line of the text, the
 * source row it came from — and optionally, per cell, the source column — so that problems can
 * be reported where the user can find them.
 */

export class TextTableWriter {
  private readonly parts: string[] = [];
  /** Index = physical line of the text (1-based); value = source row (index 0 unused). */
  readonly lineSource: number[] = [0];
  /** Index = physical line; the source column index of each written cell (−1: none), when given. */
  readonly cellSource: (Int32Array | null)[] = [null];

  /** Write one row; `source` is its row in the input, `columns` the input column of each cell. */
  row(fields: readonly string[], source: number, columns: Int32Array | null = null): void {
    let line = "";
    let breaks = 0;
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) line += ";";
      const f = fields[i];
      if (f === "") continue;
      line += '"' + (f.includes('"') ? f.replace(/"/g, '""') : f) + '"';
      for (let at = f.indexOf("\n"); at !== -1; at = f.indexOf("\n", at + 1)) breaks++;
    }
    this.parts.push(line);
    for (let k = 0; k <= breaks; k++) {
      this.lineSource.push(source);
      this.cellSource.push(columns);
    }
  }

  /** The text written so far (LF after every row). */
  text(): string {
    return this.parts.length === 0 ? "" : this.parts.join("\n") + "\n";
  }
}

/** UTF-8 bytes of a text (what the loader reads). */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
