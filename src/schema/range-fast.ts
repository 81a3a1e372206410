/**
 * A byte range of the export read on raw codes (issue 11): the byte kernel (src/read/field-codes.ts)
 * splits each window of the range into fields and codes every field by its bytes, and the row
 * reader reads each distinct cell once (`RowReader.dataCoded`), a repeated one from its column's
 * memo. The records, rows, problems and columns are those of reading the range's text
 * (`parseRangeText`): a row with any problem is read again from its strings by the same rules,
 * and a record whose last field is blank (it might be blank or footer-shaped) goes to the same
 * `RangeRecords.record` as a tokenized one.
 *
 * Only plain ranges are read this way: Windows-1252 or UTF-8 text without bare-CR line ends, a
 * one-byte delimiter, a header of two fields or more, and in the range no quote and no record
 * of another number of fields (a blank line, a footer). The kernel stops at the first record
 * that is not plain; the range is read on codes up to it and from its text from there (all of it,
 * when that is its first record: `parseRangeFast` returns null).
 */
import { isSpace } from "../read/chars.ts";
import type { ByteSource } from "../read/chunks.ts";
import { fieldCoder, type FieldDecoding } from "../read/field-codes.ts";
import type { Pseudonymizer } from "../read/pseudonym.ts";
import type { RecordView } from "../read/tokenizer.ts";
import { rangeCapacity, RangeRecords, readRangeText, type RangeJob, type Segment } from "./range.ts";

/** Bytes read into the kernel at a time. */
const WINDOW_BYTES = 1024 * 1024;

/** How the range's fields decode, or null when it is not read on raw codes. */
function decodingOf(job: RangeJob): FieldDecoding | null {
  if (job.countOnly || job.scan.bareCr || job.head.headerFields < 2) return null;
  const d = job.head.delimiter;
  if (d.length !== 1 || d.charCodeAt(0) >= 0x80) return null; // (a Delimiter is never a quote or a line break)
  const e = job.scan.encoding;
  return e === "windows-1252" ? "windows-1252" : e === "utf-8" || e === "utf-8-bom" ? "utf-8" : null;
}

/** Is a last field one that makes the record neither blank nor footer-shaped (dialect.ts's rules)? */
function dataLast(s: string): boolean {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i < s.length && s.trim().length > 0;
}

/** The job's range read on raw codes, or null when it cannot be (see the module comment). */
export function parseRangeFast(job: RangeJob, src: ByteSource, pseudonyms: Pseudonymizer | null): Segment | null {
  const decoding = decodingOf(job);
  if (decoding === null || job.end <= job.start) return null;
  const columns = job.head.headerFields;
  const coder = fieldCoder();
  const windowBytes = Math.min(WINDOW_BYTES, job.end - job.start);
  coder.reset(columns, job.head.delimiter.charCodeAt(0), windowBytes, decoding);
  let firstBytes = 0;
  let firstLines = 0;
  const records = new RangeRecords(job, pseudonyms, () => rangeCapacity(job.end - job.start, firstBytes, firstLines, columns));
  /** By raw code of the last column: 1 when a record ending in it is data (dataLast), 2 when not. */
  let lastIsData = new Int8Array(256);
  const view: RecordView = { fields: new Array<string>(columns), count: columns, firstLine: 0, lastLine: 0, badQuoteLine: 0 };
  let at = job.start;
  let line = 1;
  while (at < job.end) {
    const want = Math.min(windowBytes, job.end - at);
    const win = coder.window();
    let got = 0;
    while (got < want) {
      const r = src.read(win, got, want - got, at + got);
      if (r <= 0) return null; // a short read: the text reading tells what is wrong
      got += r;
    }
    let len = got;
    if (at + got < job.end) {
      len = win.lastIndexOf(10, got - 1) + 1;
      if (len === 0) return null; // a line longer than a window
    }
    const codes = coder.run(len);
    // The kernel stops at a record it does not read (a quote, a blank line, a footer: mostly in
    // the export's last range); the range is read on from there from its text.
    const stop = coder.stoppedAt;
    const rows = codes.length / columns;
    if (firstBytes === 0) {
      firstBytes = stop < 0 ? len : stop;
      firstLines = rows;
    }
    const strings = coder.strings;
    const lastStrings = strings[columns - 1];
    if (lastIsData.length < lastStrings.length) {
      const grown = new Int8Array(Math.max(lastStrings.length, lastIsData.length * 2));
      grown.set(lastIsData);
      lastIsData = grown;
    }
    for (let r = 0, base = 0; r < rows; r++, base += columns, line++) {
      const last = codes[base + columns - 1];
      let d = lastIsData[last];
      if (d === 0) d = lastIsData[last] = dataLast(lastStrings[last]) ? 1 : 2;
      if (d === 1) {
        records.coded(codes, base, line, strings);
      } else {
        for (let i = 0; i < columns; i++) view.fields[i] = strings[i][codes[base + i]];
        view.firstLine = view.lastLine = line;
        records.record(view);
      }
    }
    records.flush();
    if (stop >= 0) return at + stop === job.start ? null : readRangeText(job, src, records, at + stop, line - 1);
    at += len;
  }
  return records.segment(line - 1, true);
}
