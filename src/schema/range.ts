/**
 * Parsing one byte range of an export's data into packed columns (issue 11 §2): the unit of work
 * of the parallel load, run the same way in a worker thread and on the main thread.
 *
 * A range starts at a line start after the header and is assumed to start a record. The range's
 * records are read; the last one may run past the range's end (a quoted line break across the
 * cut), so reading goes on into the following bytes until that record is complete, and stops at
 * the first record that starts after the range. `lastLine` tells the merge where the range's last
 * record ended: when it is past the range, the next range's guess of its first record was wrong
 * and the merge parses that range again from the right line (see parallel.ts).
 *
 * Line numbers here are relative to the range (its first line is 1); problems are kept raw (not
 * yet formatted) with those lines, so the merge can number them and cap the list like one walk.
 * Footer-shaped and blank records at the end of the range are handed back unread (`tail`): only
 * the merge knows whether data follows them in a later range.
 */
import { isBlankRecord, looksLikeFooter, replayHeld, type DialectHead, type HeldRecord } from "../read/dialect.ts";
import type { ByteSource, ScanResult } from "../read/chunks.ts";
import { textPieces } from "../read/chunks.ts";
import type { DecimalSeparator } from "../read/numbers.ts";
import { tokenizePieces, type TextPiece } from "../read/pieces.ts";
import { Pseudonymizer } from "../read/pseudonym.ts";
import type { RecordView } from "../read/tokenizer.ts";
import type { PackedColumn } from "./columns.ts";
import { matchHeader } from "./headers.ts";
import { parseRangeFast } from "./range-fast.ts";
import { RowReader, type IssueSink } from "./rows.ts";
import type { Schema } from "./types.ts";

/** Everything a range parse needs; plain data, so it can be posted to a worker. */
export interface RangeJob {
  scan: ScanResult;
  chunkBytes: number;
  /** First byte of the range (a line start) and the byte after it. */
  start: number;
  end: number;
  /** The delimiter and header field count (rule d of the tokenizer). */
  head: DialectHead;
  /** The header's fields, trimmed. */
  header: string[];
  schema: Schema;
  mapping: Record<string, string>;
  decimal: DecimalSeparator;
  referenceYear: number;
  maxErrors: number;
  /** The resolved pseudonym key (null when the schema reads no identity number). */
  key: Uint8Array | null;
  /** The load has already failed: count records, read no cells. */
  countOnly: boolean;
  /** False: never read the range on raw codes (range-fast.ts; `ParallelOptions.rawCodes`). */
  rawCodes?: boolean;
}

/** A problem as `IssueCollector.add` takes it, with its line relative to the range. */
export type RawIssue = [kind: string, line: number, column: string, field: string, expected: string, cell: string | undefined, detail: string | undefined];

/** A footer-shaped or blank record held back (lines relative to the range). */
export type { HeldRecord };

export interface Segment {
  /** Physical lines of the range's own bytes (counted from its text, not by the tokenizer). */
  rangeLines: number;
  /** Line where the last record read ended (0 when the range held no record). */
  lastLine: number;
  /** True when a record that is neither blank nor footer-shaped was read. */
  hasData: boolean;
  dataRecords: number;
  continuationLines: number;
  /** Accepted rows and their columns (one per schema field; null where the field has no builder). */
  rows: number;
  columns: (PackedColumn | null)[];
  rowsQuarantined: number;
  quarantined: number[];
  /** The first maxErrors problems, and the count of all by kind. */
  issues: RawIssue[];
  byKind: Record<string, number>;
  total: number;
  /** Blank lines read between data records. */
  blankLines: number[];
  /** Footer-shaped and blank records after the range's last data record. */
  tail: HeldRecord[];
  /** True when the range was read on raw codes (range-fast.ts), false when from its text. */
  onCodes: boolean;
}

/** Problems kept raw: the first `max`, all counted. */
export class RawIssues implements IssueSink {
  readonly list: RawIssue[] = [];
  readonly byKind: Record<string, number> = {};
  total = 0;
  constructor(private readonly max: number) {}
  add(kind: string, line: number, column: string, field: string, expected: string, cell: string | undefined, detail?: string): void {
    this.total++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    // A copy: a cell sliced from a window of text would keep the window alive.
    if (this.list.length < this.max) this.list.push([kind, line, column, field, expected, cell === undefined ? undefined : (" " + cell).slice(1), detail]);
  }
}

/**
 * Ranges of one parallel load, handed out to the threads: the thread that gets this `first`
 * parses that range, then claims the next unclaimed one from the shared counter `next` until none
 * is left, so a thread that is done early (or one that started late) takes more or fewer ranges.
 */
export interface RangeWork {
  template: Omit<RangeJob, "start" | "end">;
  /** Range k is bytes cuts[k] … cuts[k + 1]. */
  cuts: number[];
  first: number;
  /** Int32Array over it: the next range to claim (Atomics.add). */
  next: SharedArrayBuffer;
  /** Tests: fail (throw) after parsing this many ranges and claiming one more, as a worker that dies midway. */
  failAfter?: number;
}

/** Parse `work.first` and then every range this thread claims, handing each segment on as it is done. */
export function parseClaimed(work: RangeWork, src: ByteSource, pseudonyms: Pseudonymizer | null, done: (range: number, seg: Segment) => void): void {
  const ranges = work.cuts.length - 1;
  const job = (k: number): RangeJob => ({ ...work.template, start: work.cuts[k], end: work.cuts[k + 1] });
  let parsed = 0;
  if (work.first < ranges) {
    done(work.first, parseRange(job(work.first), src, pseudonyms));
    parsed++;
  }
  const next = new Int32Array(work.next);
  for (let k = Atomics.add(next, 0, 1); k < ranges; k = Atomics.add(next, 0, 1)) {
    if (work.failAfter !== undefined && parsed >= work.failAfter) throw new Error(`load worker fault after ${parsed} range(s) (a test)`);
    done(k, parseRange(job(k), src, pseudonyms));
    parsed++;
  }
}

/**
 * The row reader of a job (the same builders as the main thread's for the same header); its
 * identity numbers go to `pseudonyms` when given, else to a pseudonymiser of its own.
 */
function readerFor(job: RangeJob, issues: IssueSink, pseudonyms: Pseudonymizer | null, capacity: number): RowReader {
  const match = matchHeader(job.schema, job.header, job.mapping);
  const key = job.key;
  return new RowReader(job.schema, job.header, match, {
    capacity,
    referenceYear: job.referenceYear,
    decimal: job.decimal,
    maxErrors: job.maxErrors,
    pseudonyms: () => {
      if (pseudonyms !== null) return pseudonyms;
      if (key === null) throw new Error("parseRange: no pseudonym key for an identity-number column");
      return new Pseudonymizer(key, false, capacity, true);
    },
  }, issues);
}

/**
 * The rows a range's columns are made for at once: the range's bytes over the bytes per line of
 * its first piece of text, and 8 % more, so that they rarely grow and are handed over without a
 * copy (`pack`); never more than one row per header field's worth of bytes. Without a line in the
 * first piece, the columns start small and grow.
 */
export function rangeCapacity(rangeBytes: number, pieceBytes: number, pieceLines: number, headerFields: number): number {
  if (pieceLines === 0 || pieceBytes === 0) return Math.min(Math.floor(rangeBytes / 16) + 16, 1 << 16);
  return Math.min(Math.ceil(((rangeBytes * pieceLines) / pieceBytes) * 1.08) + 64, Math.floor(rangeBytes / Math.max(2, headerFields)) + 64);
}

/**
 * Held records that turned out to be followed by data: read as data (blank ones are blank lines),
 * as one more segment. Lines stay as given.
 */
export function readHeld(job: RangeJob, held: readonly HeldRecord[]): Segment {
  const issues = new RawIssues(job.maxErrors);
  const reader = readerFor(job, issues, null, held.length + 16);
  const blankLines: number[] = [];
  let dataRecords = 0;
  let continuationLines = 0;
  const view: RecordView = { fields: [], count: 0, firstLine: 0, lastLine: 0, badQuoteLine: 0 };
  replayHeld(held, view, (l) => blankLines.push(l), (rec) => {
    dataRecords++;
    continuationLines += rec.lastLine - rec.firstLine;
    if (!job.countOnly) reader.data(rec);
  });
  return {
    rangeLines: 0, lastLine: 0, hasData: false, dataRecords, continuationLines,
    rows: reader.n, columns: reader.builders.map((b) => (b === null ? null : b.pack(reader.n))),
    rowsQuarantined: reader.rowsQuarantined, quarantined: reader.quarantined,
    issues: issues.list, byKind: issues.byKind, total: issues.total, blankLines, tail: [], onCodes: false,
  };
}

/**
 * The records of one range as they are read, and what is kept of them: data records go to the
 * row reader (made at the first one, its columns sized by `capacity`), footer-shaped and blank
 * ones are held until data follows them. Shared by the two ways of reading a range (here, and on
 * raw codes in range-fast.ts), so both keep the same records.
 */
export class RangeRecords {
  private readonly issues: RawIssues;
  private reader: RowReader | null = null;
  private readonly blankLines: number[] = [];
  private pending: HeldRecord[] = [];
  private dataRecords = 0;
  private continuationLines = 0;
  private hasData = false;
  private lastLine = 0;
  private readonly view: RecordView = { fields: [], count: 0, firstLine: 0, lastLine: 0, badQuoteLine: 0 };

  constructor(
    private readonly job: RangeJob,
    private readonly pseudonyms: Pseudonymizer | null,
    private readonly capacity: () => number,
  ) {
    this.issues = new RawIssues(job.maxErrors);
  }

  private readerNow(): RowReader {
    return (this.reader ??= readerFor(this.job, this.issues, this.pseudonyms, this.capacity()));
  }

  private readonly emit = (rec: RecordView): void => {
    this.dataRecords++;
    this.continuationLines += rec.lastLine - rec.firstLine;
    if (!this.job.countOnly) this.readerNow().data(rec);
  };

  private replay(): void {
    replayHeld(this.pending, this.view, (l) => this.blankLines.push(l), this.emit);
    this.pending = [];
  }

  /** A record of the range, as the tokenizer gives it. */
  record(rec: RecordView): void {
    this.lastLine = rec.lastLine;
    const blank = isBlankRecord(rec.fields, rec.count);
    if (blank || looksLikeFooter(rec.fields, rec.count, this.job.head.headerFields)) {
      this.pending.push({ fields: rec.fields.slice(0, rec.count).map((f) => (" " + f).slice(1)), firstLine: rec.firstLine, lastLine: rec.lastLine, badQuoteLine: rec.badQuoteLine, blank });
      return;
    }
    if (this.pending.length > 0) this.replay();
    this.hasData = true;
    this.emit(rec);
  }

  /**
   * A data record of one line given as raw codes (`RowReader.dataCoded`), that `record` would
   * take as data: all the header's fields, the last one not blank (so neither blank nor footer-shaped).
   */
  coded(codes: Int32Array, base: number, line: number, strings: readonly (readonly string[])[]): void {
    this.lastLine = line;
    if (this.pending.length > 0) this.replay();
    this.hasData = true;
    this.dataRecords++;
    if (!this.job.countOnly) this.readerNow().dataCoded(codes, base, line, strings);
  }

  /** The end of a window of codes: the rows `dataCoded` left are written (`RowReader.flushCoded`). */
  flush(): void {
    this.reader?.flushCoded();
  }

  segment(rangeLines: number, onCodes: boolean): Segment {
    this.flush();
    // No record read (a range of footer lines, or a load that only counts): empty columns, not
    // columns made for the whole range.
    const r = this.reader ?? readerFor(this.job, this.issues, this.pseudonyms, 16);
    const issues = this.issues;
    return {
      rangeLines, lastLine: this.lastLine, hasData: this.hasData, dataRecords: this.dataRecords, continuationLines: this.continuationLines,
      rows: r.n, columns: r.builders.map((b) => (b === null ? null : b.pack(r.n))), rowsQuarantined: r.rowsQuarantined, quarantined: r.quarantined,
      issues: issues.list, byKind: issues.byKind, total: issues.total, blankLines: this.blankLines, tail: this.pending, onCodes,
    };
  }
}

/**
 * Parse the job's range from `src` (see the module comment; `pseudonyms` as for `readerFor`): on
 * raw codes where the range allows it (range-fast.ts), else from its text.
 */
export function parseRange(job: RangeJob, src: ByteSource, pseudonyms: Pseudonymizer | null = null): Segment {
  return (job.rawCodes !== false ? parseRangeFast(job, src, pseudonyms) : null) ?? parseRangeText(job, src, pseudonyms);
}

/** Parse the job's range from its decoded text, record by record. */
export function parseRangeText(job: RangeJob, src: ByteSource, pseudonyms: Pseudonymizer | null = null): Segment {
  // The columns are sized from the first piece of text (its characters, two bytes each in
  // UTF-16; in UTF-8 a little fewer than its bytes).
  let pieceBytes = 0;
  let pieceLines = 0;
  const unit = job.scan.encoding === "utf-16le" || job.scan.encoding === "utf-16be" ? 2 : 1;
  const records = new RangeRecords(job, pseudonyms, () => rangeCapacity(job.end - job.start, pieceBytes, pieceLines, job.head.headerFields));
  return readRangeText(job, src, records, job.start, 0, (chars, lines) => {
    pieceBytes = chars * unit;
    pieceLines = lines;
  });
}

/**
 * The records of the job's range from byte `from` on (a line start, with `linesBefore` lines of
 * the range before it) read from the text into `records`, and the range's segment: all of the
 * range for `parseRangeText`, the rest of it where the raw codes stopped (range-fast.ts).
 * `firstPiece` is told the characters and lines of the first piece of text. The segment counts as
 * read on raw codes (`onCodes`) when its first bytes were.
 */
export function readRangeText(
  job: RangeJob,
  src: ByteSource,
  records: RangeRecords,
  from: number,
  linesBefore: number,
  firstPiece: (chars: number, lines: number) => void = () => {},
): Segment {
  const { scan, head } = job;
  // The range's text, then (until its last record is complete) the text after it.
  let rangeLines = linesBefore;
  let rangeDone = false;
  const last = job.end >= scan.bodyEnd;
  function* pieces(): Generator<TextPiece> {
    let lastChar = -1;
    let sized = false;
    for (const p of textPieces(src, scan, job.chunkBytes, from, job.end)) {
      const before = rangeLines;
      for (let i = p.text.indexOf("\n"); i !== -1; i = p.text.indexOf("\n", i + 1)) rangeLines++;
      if (!sized && p.text.length > 0) {
        firstPiece(p.text.length, rangeLines - before);
        sized = true;
      }
      if (p.text.length > 0) lastChar = p.text.charCodeAt(p.text.length - 1);
      yield p;
    }
    if (lastChar !== -1 && lastChar !== 10) rangeLines++;
    rangeDone = true;
    if (!last) yield* textPieces(src, scan, job.chunkBytes, job.end, scan.bodyEnd);
  }

  const headerNeed = head.headerFields;
  tokenizePieces(pieces(), { delimiter: head.delimiter, minFields: headerNeed, maxFields: headerNeed, firstLine: linesBefore + 1 }, (rec) => {
    if (rangeDone && rec.firstLine > rangeLines) return false;
    records.record(rec);
  });
  return records.segment(rangeLines, from > job.start);
}

/** Typed arrays of segments, for a transfer list. */
export function transferables(segments: readonly Segment[]): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of segments.flatMap((s) => s.columns)) {
    if (c === null) continue;
    out.push((c.type === "f64" ? c.data : c.codes).buffer as ArrayBuffer);
    if (c.type === "pnr" && c.keys !== null) out.push(c.keys.buffer as ArrayBuffer);
  }
  return out;
}
