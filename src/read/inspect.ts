/**
 * Inspecting an unknown export: what encoding, dialect and columns it has, and which value type
 * each column looks like. Shares decode, dialect detection, the tokenizer and the value parsers
 * with the loader (no logic of its own beyond counting).
 *
 * A column whose values look like identity numbers is inferred as `pnr`, marked personal, and
 * never shows examples. Examples of other columns skip any value that contains a run of 10 or
 * 12 digits, so an identity number in a free-text column does not leak either.
 *
 * Issue 11: the export is read like the loader reads it — in windows (read/chunks.ts: hash,
 * encoding and decode problem in one pass, then the text piece by piece) and tokenized piece by
 * piece (read/pieces.ts), so no string ever holds the whole file and files of any size can be
 * inspected. Memory is the window plus the per-column counters (distinct values are capped at
 * `DISTINCT_CAP`, examples at three per column) and the lists the result holds (skipped lines).
 */
import type { ValueType } from "../schema/types.ts";
import { parseBoolean } from "./booleans.ts";
import { detach, releaseRegExpInput, trimValue } from "./chars.ts";
import { bytesSource, fileSource, scanSource, textPieces, DEFAULT_CHUNK_BYTES, type ByteSource } from "./chunks.ts";
import { parseDate, parseMonth } from "./dates.ts";
import { detectHead, walkRecords, type DialectHead, type Delimiter, type SkipKind } from "./dialect.ts";
import { DecodeError, type Encoding } from "./encoding.ts";
import { headSample } from "./head-sample.ts";
import type { LineBreak } from "./lines.ts";
import type { TextPiece } from "./pieces.ts";
import { parseGender } from "./gender.ts";
import { missingKind, PRESENT } from "./missing.ts";
import { hasLeadingZero, lastHadKronor, parseDecimal, parseInteger, parseMoneyOre } from "./numbers.ts";
import { containsPnrLike, looksLikePnr, parsePnr, PNR_OK } from "./pnr.ts";
import { cellHoldsIdentityNumber } from "../guard/cell-check.ts";

export interface InspectColumn {
  /** Header as written (trimmed). */
  header: string;
  /** The value type that fits at least 90 % of the present values (else `string`). */
  inferredType: ValueType;
  /** True for identity-number columns: no examples are given. */
  personal: boolean;
  /** Cells that are empty or a missing marker (`..`, `-`, `.`). */
  missing: number;
  /** Present cells that do not fit the inferred type. */
  unparsable: number;
  /** Distinct present values (trimmed), counted up to `DISTINCT_CAP`. */
  distinct: number;
  /** True when there are more distinct values than counted. */
  distinctCapped: boolean;
  /** Up to three distinct values; always empty for personal columns. */
  examples: string[];
}

export interface InspectResult {
  file: string;
  bytes: number;
  sha256: string;
  encoding: Encoding;
  delimiter: Delimiter;
  lineBreak: LineBreak;
  headerLine: number;
  header: string[];
  skippedLines: { line: number; kind: SkipKind }[];
  physicalLines: number;
  /** Data records (rows) after the header. */
  dataRows: number;
  /** Rows whose field count differs from the header's. */
  fieldCountMismatches: number;
  /** Lines where an unbalanced quote opened. */
  badQuoteLines: number[];
  columns: InspectColumn[];
}

export const DISTINCT_CAP = 1000;

/** What the parsers made of one cell, as bits (see `classify`). */
const PNR_SHAPE = 1;
const PNR_VALID = 2;
const DATE = 4;
const MONTH = 8;
const INTEGER = 16;
const DECIMAL = 32;
const DECIMAL_POINT = 64;
const MONEY = 128;
const KRONOR = 256;
const BOOLEAN = 512;
const GENDER = 1024;

/** Every parser of the inference tried on a present cell: the bits of those that read it. */
function classify(raw: string, referenceYear: number): number {
  let bits = 0;
  if (looksLikePnr(raw)) {
    bits |= PNR_SHAPE;
    if (parsePnr(raw, referenceYear) === PNR_OK) bits |= PNR_VALID;
  }
  if (!Number.isNaN(parseDate(raw))) bits |= DATE;
  if (parseMonth(raw) !== null) bits |= MONTH;
  // A leading zero (0180) makes an id, not a number.
  if (!hasLeadingZero(raw)) {
    if (!Number.isNaN(parseInteger(raw))) bits |= INTEGER;
    if (!Number.isNaN(parseDecimal(raw))) bits |= DECIMAL;
    else if (!Number.isNaN(parseDecimal(raw, "."))) bits |= DECIMAL_POINT;
    if (!Number.isNaN(parseMoneyOre(raw))) {
      bits |= MONEY;
      if (lastHadKronor()) bits |= KRONOR;
    }
  }
  if (parseBoolean(raw) !== -1) bits |= BOOLEAN;
  const g = parseGender(raw);
  if (g === "K" || g === "M") bits |= GENDER;
  return bits;
}

/**
 * Cells remembered per column with what `classify` made of them (the default of
 * `InspectOptions.memoCells`): a column repeats its values (codes, dates, yes/no), so most cells
 * cost one lookup instead of every parser.
 */
export const MEMO_CELLS = 10_000;
/** Longer cells are not remembered (free text rarely repeats): a column's memo stays under a MiB or so. */
const MEMO_MAX_LENGTH = 64;

class ColumnStats {
  missing = 0;
  present = 0;
  pnrShape = 0;
  pnrValid = 0;
  date = 0;
  month = 0;
  integer = 0;
  decimal = 0;
  /** Decimals that read only with a decimal point (`3.4`, as Kolada writes them). */
  decimalPoint = 0;
  money = 0;
  kronor = 0;
  boolean = 0;
  gender = 0;
  readonly distinct = new Set<string>();
  distinctCapped = false;
  readonly examples: string[] = [];
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly referenceYear: number,
    private readonly memoCells: number,
  ) {}

  add(raw: string): void {
    if (missingKind(raw) !== PRESENT) {
      this.missing++;
      return;
    }
    this.present++;
    const short = raw.length <= MEMO_MAX_LENGTH;
    let bits = short ? this.memo.get(raw) : undefined;
    if (bits === undefined) {
      bits = classify(raw, this.referenceYear);
      if (short && this.memo.size < this.memoCells) this.memo.set(detach(raw), bits);
      this.addDistinct(raw);
    } // else: a cell seen before, whose value is in `distinct` already (or the set is capped)
    this.count(bits);
  }

  private count(bits: number): void {
    if (bits === 0) return;
    if (bits & PNR_SHAPE) this.pnrShape++;
    if (bits & PNR_VALID) this.pnrValid++;
    if (bits & DATE) this.date++;
    if (bits & MONTH) this.month++;
    if (bits & INTEGER) this.integer++;
    if (bits & DECIMAL) this.decimal++;
    if (bits & DECIMAL_POINT) this.decimalPoint++;
    if (bits & MONEY) this.money++;
    if (bits & KRONOR) this.kronor++;
    if (bits & BOOLEAN) this.boolean++;
    if (bits & GENDER) this.gender++;
  }

  private addDistinct(raw: string): void {
    const v = trimValue(raw);
    if (!this.distinct.has(v)) {
      if (this.distinct.size < DISTINCT_CAP) this.distinct.add(detach(v));
      else this.distinctCapped = true;
      if (this.examples.length < 3 && !containsPnrLike(v) && !cellHoldsIdentityNumber(v)) this.examples.push(v.length > 80 ? detach(v.slice(0, 80)) + "…" : detach(v));
    }
  }

  infer(): { type: ValueType; fit: number } {
    const p = this.present;
    if (p === 0) return { type: "string", fit: 0 };
    const ok = (k: number) => k >= 0.9 * p;
    if (ok(this.pnrShape)) return { type: "pnr", fit: this.pnrValid };
    if (ok(this.date)) return { type: "date", fit: this.date };
    if (ok(this.month)) return { type: "month", fit: this.month };
    if (ok(this.integer)) return { type: "integer", fit: this.integer };
    if (ok(this.money) && this.kronor > 0) return { type: "money", fit: this.money };
    if (ok(this.decimal)) return { type: "decimal", fit: this.decimal };
    if (ok(this.decimal + this.decimalPoint)) return { type: "decimal", fit: this.decimal + this.decimalPoint };
    if (ok(this.boolean)) return { type: "boolean", fit: this.boolean };
    if (ok(this.gender)) return { type: "gender", fit: p }; // other categories are kept, not errors
    return { type: "string", fit: p };
  }
}

export interface InspectOptions {
  /** Year used to pick the century of `YYMMDD-NNNN` numbers; default the current UTC year. */
  referenceYear?: number;
  /** Cells remembered per column with what the parsers made of them (default MEMO_CELLS); tests pass 0 or a few. */
  memoCells?: number;
  /** Size in bytes of the windows the export is read in (default 2 MiB); tests pass tiny sizes. */
  chunkBytes?: number;
}

/**
 * Inspect an export of unknown kind, from its bytes. Throws DecodeError for bytes that cannot be
 * read as text (invalid UTF-8 after a byte order mark, a NUL byte, UTF-16 with an odd number of
 * bytes), naming the line and byte offset.
 */
export function inspectBytes(bytes: Uint8Array, name: string, opts: InspectOptions = {}): InspectResult {
  return inspectSource(bytesSource(bytes), name, opts);
}

/** Inspect an export file, read in windows straight from disk (files of any size); as `inspectBytes`. */
export function inspectFile(path: string, name: string, opts: InspectOptions = {}): InspectResult {
  const src = fileSource(path);
  try {
    return inspectSource(src, name, opts);
  } finally {
    src.close();
  }
}

/** Inspect an export from a byte source, window by window (the one code path of files and bytes). */
export function inspectSource(src: ByteSource, name: string, opts: InspectOptions = {}): InspectResult {
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  // Pass 1: hash, encoding, the first decode problem, bare CR line ends.
  const scan = scanSource(src, chunkBytes);
  if (scan.problem !== null) throw new DecodeError(scan.problem);
  // Pass 2: the text in pieces; the head sample is the one `detectHead` takes from the whole text.
  const { sample, c1, pieces } = headSample(textPieces(src, scan, chunkBytes));
  const head = detectHead(sample, { c1 });
  const body = inspectText(pieces, head, referenceYear, opts.memoCells);
  return {
    file: name,
    bytes: scan.bytes,
    sha256: scan.sha256,
    encoding: scan.encoding,
    delimiter: head.delimiter,
    lineBreak: scan.bareCr ? "\r" : head.lineBreak,
    headerLine: head.headerLine,
    ...body,
  };
}

/** What `inspectText` finds in the records of a text. */
export type InspectBody = Pick<InspectResult, "header" | "skippedLines" | "physicalLines" | "dataRows" | "fieldCountMismatches" | "badQuoteLines" | "columns">;

/**
 * Walk the records of a decoded text (one string, or pieces with their Windows-1252 positions) with
 * the dialect `head` found, counting per column. The whole-string form is what inspect did before
 * issue 11 and what tests compare the pieces against.
 */
export function inspectText(text: string | Iterable<TextPiece>, head: DialectHead, referenceYear: number, memoCells = MEMO_CELLS): InspectBody {
  let header: string[] = [];
  let stats: ColumnStats[] = [];
  const skippedLines: { line: number; kind: SkipKind }[] = [];
  let fieldCountMismatches = 0;
  const badQuoteLines: number[] = [];
  const walk = walkRecords(text, head, {
    header(rec) {
      header = rec.fields.slice(0, rec.count).map((f) => detach(f.trim()));
      stats = header.map(() => new ColumnStats(referenceYear, memoCells));
    },
    skipped(line, kind) {
      skippedLines.push({ line, kind });
    },
    data(rec) {
      if (rec.count !== header.length) fieldCountMismatches++;
      if (rec.badQuoteLine !== 0 && badQuoteLines.length < 100) badQuoteLines.push(rec.badQuoteLine);
      const k = Math.min(rec.count, stats.length);
      for (let i = 0; i < k; i++) stats[i].add(rec.fields[i]);
      for (let i = k; i < stats.length; i++) stats[i].missing++;
    },
  });
  skippedLines.sort((a, b) => a.line - b.line);
  releaseRegExpInput();
  const columns = header.map((h, i): InspectColumn => {
    const s = stats[i];
    const { type, fit } = s.infer();
    const personal = type === "pnr";
    return {
      header: h,
      inferredType: type,
      personal,
      missing: s.missing,
      unparsable: s.present - fit,
      distinct: s.distinct.size,
      distinctCapped: s.distinctCapped,
      examples: personal ? [] : s.examples,
    };
  });
  return {
    header,
    skippedLines,
    physicalLines: walk.physicalLines,
    dataRows: walk.dataRecords,
    fieldCountMismatches,
    badQuoteLines,
    columns,
  };
}
