/**
 * Dialect detection: delimiter, line break, header line, and the non-data lines around the data
 * (title lines above the header, footer lines below the data, blank lines).
 *
 * - Delimiter: each candidate (`;`, `,`, tab) tokenizes a sample of the first records
 *   (quote-aware); the one whose most common field count (> 1) covers the largest share of
 *   non-blank records wins; ties go to the larger field count, then to `;` before `,` before tab.
 * - Header: the first record that has at least the common field count and at least two non-empty
 *   fields (a title padded with delimiters, `Titel;;;;`, has one). A caller that knows the
 *   expected headers can pass `headerScore` instead: the best-scoring record of the sample wins.
 * - Title lines: the non-blank lines above the header. Blank lines: records whose fields are all
 *   empty or whitespace (`;;;;` too).
 * - Footer lines: the trailing run of records after the last data row that cannot be data: fewer
 *   fields than the header (not counting trailing empty ones: `Källa: SCB;;;;` is padded), only
 *   the first field non-empty, and that field has the shape of a footer — it starts with `©`,
 *   `*` or a footer word (`Källa`, `Anm`, `Fotnot`, `Antal`, `Summa`, …). A complete row is data
 *   whatever its first word, and a row cut off after its first field (`2023-04`) is data with a
 *   wrong field count. See `looksLikeFooter`.
 */
import { isSpace } from "./chars.ts";
import { countPhysicalLines, detectLineBreak, type LineBreak } from "./lines.ts";
import { tokenize, type RecordView } from "./tokenizer.ts";
import { tokenizePieces, type TextPiece } from "./pieces.ts";

export type Delimiter = ";" | "," | "\t";

export interface Dialect {
  delimiter: Delimiter;
  lineBreak: LineBreak;
  /** 1-based physical line of the header (0 when the text has no header). */
  headerLine: number;
  /** Physical lines above the header that hold text (titles). */
  titleLines: number[];
  /** Physical lines after the data that are footers (sources, notes, sums). */
  footerLines: number[];
  /** Blank physical lines anywhere in the text (also `;;;` lines). */
  blankLines: number[];
}

/** Dialect facts that can be read from the head of the text alone. */
export interface DialectHead {
  delimiter: Delimiter;
  lineBreak: "\r\n" | "\n";
  headerLine: number;
  /** Number of fields in the header record. */
  headerFields: number;
}

export interface DetectOptions {
  /** Score a candidate header record (higher is better, 0 = not a header). */
  headerScore?: (fields: readonly string[]) => number;
  /** Size of the head sample in characters; default 256 KiB. */
  sampleChars?: number;
  /** Records in the head sample; default 500. */
  sampleRecords?: number;
  /** Positions of Windows-1252 characters 0x80–0x9F in Latin-1 text (see `decodeForTokenizer`). */
  c1?: Int32Array | null;
}

const CANDIDATES: readonly Delimiter[] = [";", ",", "\t"];
/** Default size of the head sample in characters. */
export const SAMPLE_CHARS = 256 * 1024;

/** Detect the full dialect, scanning the whole text for footer and blank lines. */
export function detectDialect(text: string, opts: DetectOptions = {}): Dialect {
  const head = detectHead(text, opts);
  const titleLines: number[] = [];
  const footerLines: number[] = [];
  const blankLines: number[] = [];
  walkRecords(text, head, {
    header() {},
    data() {},
    skipped(line, kind) {
      if (kind === "title") titleLines.push(line);
      else if (kind === "footer") footerLines.push(line);
      else blankLines.push(line);
    },
  }, opts.c1);
  return { delimiter: head.delimiter, lineBreak: head.lineBreak, headerLine: head.headerLine, titleLines, footerLines, blankLines };
}

/** Delimiter, line break and header line, from a sample of the first records. */
export function detectHead(text: string, opts: DetectOptions = {}): DialectHead {
  const sampleChars = opts.sampleChars ?? SAMPLE_CHARS;
  let sample = text;
  if (text.length > sampleChars) {
    const cut = text.indexOf("\n", sampleChars);
    if (cut !== -1) sample = text.slice(0, cut + 1);
  }
  const maxRecords = opts.sampleRecords ?? 500;
  const c1 = opts.c1 ?? null;
  let best: { delimiter: Delimiter; share: number; mode: number } | null = null;
  for (const delimiter of CANDIDATES) {
    const counts = new Map<number, number>();
    let nonBlank = 0;
    tokenize(sample, { delimiter, maxRecords, c1 }, (rec) => {
      if (isBlankRecord(rec.fields, rec.count)) return;
      nonBlank++;
      counts.set(rec.count, (counts.get(rec.count) ?? 0) + 1);
    });
    let mode = 1;
    let modeCount = 0;
    for (const [fieldCount, times] of counts) {
      if (fieldCount > 1 && (times > modeCount || (times === modeCount && fieldCount > mode))) {
        mode = fieldCount;
        modeCount = times;
      }
    }
    const share = nonBlank === 0 ? 0 : modeCount / nonBlank;
    if (best === null || share > best.share || (share === best.share && mode > best.mode)) {
      best = { delimiter, share, mode };
    }
  }
  const delimiter = best!.delimiter;
  const mode = best!.mode;
  let headerLine = 0;
  let headerFields = 0;
  if (opts.headerScore) {
    let bestScore = 0;
    tokenize(sample, { delimiter, maxRecords, c1 }, (rec) => {
      const score = opts.headerScore!(rec.fields.slice(0, rec.count));
      if (score > bestScore) {
        bestScore = score;
        headerLine = rec.firstLine;
        headerFields = rec.count;
      }
    });
  }
  if (headerLine === 0) {
    tokenize(sample, { delimiter, maxRecords, c1 }, (rec) => {
      const nonEmpty = nonEmptyFields(rec.fields, rec.count);
      if (rec.count >= mode && nonEmpty >= Math.min(2, mode)) {
        headerLine = rec.firstLine;
        headerFields = rec.count;
        return false;
      }
    });
  }
  return { delimiter, lineBreak: detectLineBreak(sample), headerLine, headerFields };
}

export type SkipKind = "title" | "footer" | "blank";

export interface WalkHandlers {
  /** The header record (fields valid only during the call). */
  header(rec: RecordView): void;
  /** A data record, in file order (fields valid only during the call). */
  data(rec: RecordView): void;
  /** A physical line that holds no data (each line of a multi-line title/footer record). */
  skipped(line: number, kind: SkipKind): void;
  /** A title record above the header (fields valid only during the call), before its lines go to `skipped`. */
  title?(rec: RecordView): void;
}

export interface WalkResult {
  /** Physical lines consumed by the tokenizer. */
  lines: number;
  /** Physical lines of the header record. */
  headerLines: number;
  /** Data records handed to `data`. */
  dataRecords: number;
  /** Sum over data records of (lastLine − firstLine): lines that continue a multi-line record. */
  continuationLines: number;
  /** The independent count of physical lines. */
  physicalLines: number;
}

/** A footer-shaped or blank record held back until it is known whether data follows it. */
export interface HeldRecord {
  fields: string[];
  firstLine: number;
  lastLine: number;
  badQuoteLine: number;
  blank: boolean;
}

/**
 * Held records that turned out to be followed by data, in order: each line of a blank one goes
 * to `blankLine`, every other one to `data` (through `view`, which is reused).
 */
export function replayHeld(held: readonly HeldRecord[], view: RecordView, blankLine: (line: number) => void, data: (rec: RecordView) => void): void {
  for (const p of held) {
    if (p.blank) {
      for (let l = p.firstLine; l <= p.lastLine; l++) blankLine(l);
      continue;
    }
    view.fields = p.fields;
    view.count = p.fields.length;
    view.firstLine = p.firstLine;
    view.lastLine = p.lastLine;
    view.badQuoteLine = p.badQuoteLine;
    data(view);
  }
}

/**
 * Read the whole text record by record: title and blank lines above the header, the header,
 * data records, and the trailing footer/blank lines (held back until it is known that no data
 * follows them; if data follows, they are data after all and go to `data`).
 * The text is one string or a sequence of pieces (`tokenizePieces`; then `c1` comes with each piece).
 */
export function walkRecords(text: string | Iterable<TextPiece>, head: DialectHead, h: WalkHandlers, c1: Int32Array | null = null): WalkResult {
  let pending: HeldRecord[] = [];
  let dataRecords = 0;
  let continuationLines = 0;
  let headerLines = 0;
  const headerNeed = head.headerFields;
  const view: RecordView = { fields: [], count: 0, firstLine: 0, lastLine: 0, badQuoteLine: 0 };
  const emitData = (rec: RecordView) => {
    dataRecords++;
    continuationLines += rec.lastLine - rec.firstLine;
    h.data(rec);
  };
  const flushPending = () => {
    replayHeld(pending, view, (l) => h.skipped(l, "blank"), emitData);
    pending = [];
  };
  const onRecord = (rec: RecordView) => {
    if (head.headerLine === 0 || rec.lastLine < head.headerLine) {
      const kind: SkipKind = isBlankRecord(rec.fields, rec.count) ? "blank" : "title";
      if (kind === "title") h.title?.(rec);
      for (let l = rec.firstLine; l <= rec.lastLine; l++) h.skipped(l, kind);
      return;
    }
    if (rec.firstLine <= head.headerLine) {
      headerLines = rec.lastLine - rec.firstLine + 1;
      h.header(rec);
      return;
    }
    const blank = isBlankRecord(rec.fields, rec.count);
    if (blank || looksLikeFooter(rec.fields, rec.count, headerNeed)) {
      pending.push({ fields: rec.fields.slice(0, rec.count), firstLine: rec.firstLine, lastLine: rec.lastLine, badQuoteLine: rec.badQuoteLine, blank });
      return;
    }
    if (pending.length > 0) flushPending();
    emitData(rec);
  };
  const opts = { delimiter: head.delimiter, minFields: headerNeed, maxFields: headerNeed };
  let lines: number;
  let physicalLines: number;
  if (typeof text === "string") {
    lines = tokenize(text, { ...opts, c1 }, onRecord).lines;
    physicalLines = countPhysicalLines(text);
  } else {
    ({ lines, physicalLines } = tokenizePieces(text, opts, onRecord));
  }
  for (const p of pending) {
    for (let l = p.firstLine; l <= p.lastLine; l++) h.skipped(l, p.blank ? "blank" : "footer");
  }
  return { lines, headerLines, dataRecords, continuationLines, physicalLines };
}

/** Words that start a footer line (compared lower-case). */
const FOOTER_WORDS = [
  "källa", "kalla", "källor", "summa", "totalt", "total", "anm", "anmärkning", "anmarkning", "fotnot", "not", "noter",
  "kommentar", "uppdaterad", "uppdaterat", "uttag", "uttaget", "hämtad", "hamtad", "antal", "source", "note", "notes", "sum",
];
/** First letters of FOOTER_WORDS (lower case), for a cheap pre-check. */
const FOOTER_INITIALS = new Set(FOOTER_WORDS.map((w) => w.charCodeAt(0)));

/**
 * Could this record be a footer (if nothing but footers follows it)? Only a line that cannot be
 * a data row: fewer fields than the header once trailing empty fields are dropped, no non-empty
 * field but the first, and the first has the shape of a footer (starts with `©`, `*` or a footer
 * word followed by a non-letter). Called for every data record: the common case returns after
 * looking at one or two fields.
 */
export function looksLikeFooter(fields: readonly string[], count: number, headerFields: number): boolean {
  if (count === 0) return false;
  // A complete row (as many fields as the header, trailing empties aside) is data.
  let last = count - 1;
  if (last >= headerFields - 1) {
    while (last > 0 && isBlank(fields[last])) last--;
    if (last >= headerFields - 1) return false;
  }
  for (let k = 1; k <= last; k++) if (!isBlank(fields[k])) return false;
  const first = fields[0];
  let i = 0;
  while (i < first.length && isSpace(first.charCodeAt(i))) i++;
  if (i >= first.length) return false;
  const c0 = first.charCodeAt(i);
  if (c0 === 0xa9 /* © */ || c0 === 42 /* * */) return true;
  if (!FOOTER_INITIALS.has(c0 | 32)) return false;
  const lower = first.slice(i, i + 12).toLowerCase();
  for (const w of FOOTER_WORDS) {
    if (lower.startsWith(w)) {
      const next = lower.charCodeAt(w.length);
      if (Number.isNaN(next) || !isLetter(next)) return true;
    }
  }
  return false;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** All fields empty or whitespace. */
export function isBlankRecord(fields: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) if (fields[i].trim().length > 0) return false;
  return true;
}

function nonEmptyFields(fields: readonly string[], count: number): number {
  let k = 0;
  for (let i = 0; i < count; i++) if (fields[i].trim().length > 0) k++;
  return k;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 0xc0;
}
