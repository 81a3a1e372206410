/**
 * A hand-written RFC 4180-style tokenizer over decoded text.
 *
 * - Fields are separated by a one-character delimiter; records end with LF or CRLF (a lone CR is
 *   an ordinary character). The last record needs no final line break.
 * - A field that starts with `"` is quoted: it may hold delimiters, line breaks and doubled
 *   quotes (`""` → `"`). Whitespace between the closing quote and the delimiter is ignored.
 * - A `"` inside an unquoted field is an ordinary character (`12" skärm` stays as written).
 *
 * Bad quotes never swallow rows. An opening quote is "unbalanced" when
 *   (a) no closing quote follows before the end of the text, or
 *   (b) the closing quote is followed by something other than a delimiter, line break or end, or
 *   (c) the quoted field spans more than `maxQuotedLines` physical lines, or
 *   (d) the quoted field spans several lines and the record's field count is outside
 *       `minFields..maxFields` (when given).
 * The record is then read again from its start with that quote taken as a literal character, so
 * the record ends at the end of its own physical line and every later line is read as usual.
 * The record is marked with `badQuoteLine` (the physical line where the quote opened); the
 * loader reports such a record as an error (strict: the load fails naming the line; lenient:
 * that one row is quarantined, every other row is kept).
 *
 * Streaming (issue 11): with `final: false` the text is one piece of a longer text. A record whose
 * reading would look at the end of the piece (an unquoted last line without its line break, a
 * quoted field still open, a quote or CR as the last character, a delimiter as the last
 * character) is not handed out: the call stops before it and returns its start as `consumed`,
 * and the caller passes the text from there, followed by the next piece, to the next call
 * (`firstLine` keeps the line numbers). Every record that is handed out is read exactly as in the
 * whole text: its decisions depend only on characters before the end of the piece. An open
 * quote that already spans more than `maxQuotedLines` lines fails by rule (c) without waiting for
 * the end (rule (a) or (c) fails it in the whole text too), so the carried text stays bounded.
 */

import { fixC1 } from "./encoding.ts";

/** One record as handed to the callback. The object and its `fields` array are reused: copy what you keep. */
export interface RecordView {
  /** Field values; only the first `count` entries belong to this record. */
  fields: string[];
  count: number;
  /** Physical line (1-based) where the record starts. */
  firstLine: number;
  /** Physical line where the record ends (greater than firstLine for multi-line quoted fields). */
  lastLine: number;
  /** 0, or the physical line of an unbalanced opening quote that was read as a literal character. */
  badQuoteLine: number;
}

export interface TokenizeOptions {
  delimiter: string;
  /** A record with a multi-line quoted field and fewer fields than this is re-read (rule d). */
  minFields?: number;
  /** A record with a multi-line quoted field and more fields than this is re-read (rule d). */
  maxFields?: number;
  /** Rule (c); default 10 000 lines. */
  maxQuotedLines?: number;
  /** Stop after this many records. */
  maxRecords?: number;
  /**
   * Sorted positions of characters 0x80–0x9F in a Latin-1 reading of Windows-1252 text
   * (`decodeForTokenizer`): fields holding one get them replaced by their Windows-1252
   * characters (`fixC1`).
   */
  c1?: Int32Array | null;
  /** False when more text follows this one (see the module comment); default true. */
  final?: boolean;
  /** Physical line number of the text's first line; default 1. */
  firstLine?: number;
}

export interface TokenizeResult {
  /** Records handed to the callback. */
  records: number;
  /** Physical lines consumed (equals the independent line count when the whole text was read). */
  lines: number;
  /** True when stopped early by `maxRecords` or by the callback returning false. */
  stopped: boolean;
  /** Position of the first character not read into a handed-out record (the text's length when all were). */
  consumed: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Tokenize `text`, calling `onRecord` once per record in order. Return `false` from the
 * callback to stop.
 */
export function tokenize(text: string, opts: TokenizeOptions, onRecord: (rec: RecordView) => boolean | void): TokenizeResult {
  if (opts.delimiter.length !== 1) throw new Error(`tokenize: the delimiter must be one character`);
  const delim = opts.delimiter.charCodeAt(0);
  const minFields = opts.minFields ?? 0;
  const maxFields = opts.maxFields ?? Number.MAX_SAFE_INTEGER;
  const maxQuotedLines = opts.maxQuotedLines ?? 10_000;
  const maxRecords = opts.maxRecords ?? Number.MAX_SAFE_INTEGER;
  const final = opts.final ?? true;
  const n = text.length;
  const c1 = opts.c1 ?? null;
  const c1n = c1 === null ? 0 : c1.length;
  /** Index of the first c1 position not before the current field (n when none are left). */
  let ci = 0;
  let nextC1 = c1n > 0 ? c1![0] : n;
  const rec: RecordView = { fields: [], count: 0, firstLine: 1, lastLine: 1, badQuoteLine: 0 };
  const fields = rec.fields;
  /** Positions of quotes to read as literal characters in the current record (usually empty). */
  const literal: number[] = [];

  const delimChar = opts.delimiter;
  let pos = 0;
  let line = opts.firstLine ?? 1;
  let records = 0;
  /** Set (only when not final) when the current record reaches the end of the piece. */
  let needMore = false;
  /** Cached positions of the next delimiter and the next LF at or after pos (n when none). */
  let nextDelim = -1;
  let nextLf = -1;

  while (pos < n) {
    if (records >= maxRecords) return { records, lines: line - 1, stopped: true, consumed: pos };
    const recStart = pos;
    const recLine = line;
    if (literal.length !== 0) literal.length = 0; // (setting the length costs a call, even to 0)
    rec.badQuoteLine = 0;
    const recCi = ci;
    // Read one record; on an unbalanced quote, restart the record with that quote literal.
    for (;;) {
      let count = 0;
      let failedQuote = -1;
      let failedQuoteLine = 0;
      let firstMultiLineQuote = -1;
      let firstMultiLineQuoteLine = 0;
      let ended = false;
      while (!ended) {
        // One field starting at pos.
        if (pos < n && text.charCodeAt(pos) === QUOTE && (literal.length === 0 || literal.indexOf(pos) === -1)) {
          const qStart = pos;
          const qLine = line;
          let value = "";
          let seg = pos + 1;
          let closed = false;
          for (;;) {
            const q = text.indexOf('"', seg);
            if (q === -1) {
              // rule (a); in a piece, only when rule (c) already holds up to the piece's end
              if (!final) needMore = !quotedLinesExceeded(text, seg, line - qLine, maxQuotedLines);
              break;
            }
            let nl = text.indexOf("\n", seg);
            while (nl !== -1 && nl < q) {
              line++;
              nl = text.indexOf("\n", nl + 1);
            }
            if (line - qLine > maxQuotedLines) break; // rule (c)
            if (q + 1 >= n && !final) {
              needMore = true;
              break;
            }
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(seg, q + 1);
              seg = q + 2;
              continue;
            }
            value += text.slice(seg, q);
            // After the closing quote: optional blanks, then delimiter, line break or end.
            let after = q + 1;
            while (after < n) {
              const c = text.charCodeAt(after);
              if ((c === SPACE || c === TAB) && c !== delim) after++;
              else break;
            }
            if (after >= n) {
              if (!final) {
                needMore = true;
                break;
              }
              pos = n;
              ended = true;
              closed = true;
            } else {
              const c = text.charCodeAt(after);
              if (c === delim) {
                pos = after + 1;
                closed = true;
              } else if (c === LF) {
                pos = after + 1;
                ended = true;
                closed = true;
              } else if (c === CR && after + 1 >= n && !final) {
                needMore = true;
                break;
              } else if (c === CR && after + 1 < n && text.charCodeAt(after + 1) === LF) {
                pos = after + 2;
                ended = true;
                closed = true;
              }
              // else rule (b): not closed
            }
            break;
          }
          if (needMore) break;
          if (!closed) {
            failedQuote = qStart;
            failedQuoteLine = qLine;
            break;
          }
          if (line > qLine && firstMultiLineQuote === -1) {
            firstMultiLineQuote = qStart;
            firstMultiLineQuoteLine = qLine;
          }
          if (nextC1 < pos) {
            // pos is past the closing quote: the field's characters lie before it.
            value = fixC1(value);
            while (ci < c1n && c1![ci] < pos) ci++;
            nextC1 = ci < c1n ? c1![ci] : n;
          }
          fields[count++] = value;
          if (ended) break;
          if (pos >= n) {
            if (!final) {
              needMore = true;
              break;
            }
            // "a";  at the very end: one more, empty field.
            fields[count++] = "";
            ended = true;
          }
        } else {
          // Unquoted: up to the next delimiter or line break (positions cached across fields).
          const start = pos;
          if (nextDelim < pos) {
            nextDelim = text.indexOf(delimChar, pos);
            if (nextDelim === -1) nextDelim = n;
          }
          if (nextLf < pos) {
            nextLf = text.indexOf("\n", pos);
            if (nextLf === -1) nextLf = n;
          }
          const end = nextDelim < nextLf ? nextDelim : nextLf >= n ? n : nextLf > start && text.charCodeAt(nextLf - 1) === CR ? nextLf - 1 : nextLf;
          let value = text.slice(start, end);
          if (nextC1 < end) {
            // nextC1 >= start: every position before this field was skipped past already.
            value = fixC1(value);
            while (ci < c1n && c1![ci] < end) ci++;
            nextC1 = ci < c1n ? c1![ci] : n;
          }
          fields[count++] = value;
          if (nextDelim < nextLf) {
            pos = nextDelim + 1;
            if (pos >= n) {
              if (!final) {
                needMore = true;
                break;
              }
              fields[count++] = "";
              ended = true;
            }
          } else if (nextLf >= n) {
            if (!final) {
              needMore = true;
              break;
            }
            pos = n;
            ended = true;
          } else {
            pos = nextLf + 1;
            ended = true;
          }
        }
      }
      if (needMore) return { records, lines: recLine - 1, stopped: false, consumed: recStart };
      if (failedQuote === -1 && firstMultiLineQuote !== -1 && (count < minFields || count > maxFields)) {
        failedQuote = firstMultiLineQuote; // rule (d)
        failedQuoteLine = firstMultiLineQuoteLine;
      }
      if (failedQuote !== -1) {
        literal.push(failedQuote);
        if (rec.badQuoteLine === 0) rec.badQuoteLine = failedQuoteLine;
        pos = recStart;
        line = recLine;
        nextDelim = -1;
        nextLf = -1;
        ci = recCi;
        nextC1 = ci < c1n ? c1![ci] : n;
        continue;
      }
      rec.count = count;
      break;
    }
    rec.firstLine = recLine;
    rec.lastLine = line;
    // The record's final line break (if any) was consumed: the next record starts on a new line.
    line++;
    records++;
    if (onRecord(rec) === false) return { records, lines: line - 1, stopped: true, consumed: pos };
  }
  return { records, lines: line - 1, stopped: false, consumed: n };
}

/**
 * Does a quoted field that is still open at the end of a piece already span more lines than
 * allowed? `spanned` lines were counted before `from`; each LF from there on adds one.
 */
function quotedLinesExceeded(text: string, from: number, spanned: number, maxQuotedLines: number): boolean {
  let lines = spanned;
  for (let nl = text.indexOf("\n", from); nl !== -1; nl = text.indexOf("\n", nl + 1)) {
    if (++lines > maxQuotedLines) return true;
  }
  return false;
}
