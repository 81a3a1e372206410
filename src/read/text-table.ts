/**
 * Rows written as CSV text for the loader, remembering where each line came from.
 *
 * Inputs that are not CSV (an Excel sheet, Kolada's JSON) or that a mapping file reshapes (an
 * `unpivot`) are turned into rows of text cells and loaded by the one CSV path, so they get the
 * same header detection, value parsers, checks and load report. `TextTableWriter` writes those
 * rows (`;`, every non-empty cell quoted, LF) and records, per physical line of the text, the
 * source row it came from — and optionally, per cell, the source column — so that problems can
 * be reported where the user can find them.
 *
 * The rows are kept as UTF-8 bytes (what the loader reads), in blocks, never as one string of the
 * whole table (issue 11): `bytes()` hands them to the loader, `text()` decodes them for callers
 * that want a string.
 */

/** Size of the first block of written bytes (most tables are small), and of every later one. */
const FIRST_BLOCK_BYTES = 1 << 16;
const BLOCK_BYTES = 1 << 20;

export class TextTableWriter {
  /** Full blocks, then the block being written. */
  private readonly blocks: Buffer[] = [];
  private block: Buffer | null = null;
  private used = 0;
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
    this.write(line + "\n");
    for (let k = 0; k <= breaks; k++) {
      this.lineSource.push(source);
      this.cellSource.push(columns);
    }
  }

  private write(s: string): void {
    const need = Buffer.byteLength(s, "utf8");
    if (this.block === null || this.used + need > this.block.length) {
      if (this.block !== null) this.blocks.push(this.block.subarray(0, this.used));
      this.block = Buffer.allocUnsafe(Math.max(this.block === null ? FIRST_BLOCK_BYTES : BLOCK_BYTES, need));
      this.used = 0;
    }
    this.used += this.block.write(s, this.used, "utf8");
  }

  /** The UTF-8 bytes written so far (LF after every row): the bytes of `utf8(text())`. */
  bytes(): Uint8Array {
    if (this.block === null) return new Uint8Array(0);
    if (this.blocks.length > 0) {
      // Joined once: later rows go to a new block.
      const all = Buffer.concat([...this.blocks, this.block.subarray(0, this.used)]);
      this.blocks.length = 0;
      this.block = all;
      this.used = all.length;
    }
    return new Uint8Array(this.block.buffer, this.block.byteOffset, this.used);
  }

  /** The text written so far (LF after every row). */
  text(): string {
    const b = this.bytes();
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");
  }
}

/** UTF-8 bytes of a text (what the loader reads). */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
