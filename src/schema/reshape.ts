/**
 * Applying a mapping file that does more than rename columns (constants, parts of a cell, one
 * header for two fields, `år`/`year`, `unpivot`): the export is read with the CSV path's decoder,
 * dialect detection and tokenizer, rewritten as rows with the schema's own headers, and loaded;
 * the report then points at the export's own lines and columns again.
 *
 * After an unpivot, `rowsRead`, `rowsAccepted` and `rowsQuarantined` count long-form rows (one per
 * input row and unpivoted column; a row that cannot be read counts once); lines and columns in
 * problems are the export's.
 *
 * Issue 11: the export is read in windows (read/chunks.ts) and tokenized piece by piece
 * (read/pieces.ts), as the loader reads it: no string holds the whole input. Each data record is
 * rewritten as it is read; the rewritten table is kept as UTF-8 bytes (TextTableWriter) and loaded.
 *
 * What the rewritten table cannot show is found on the export itself and reported as the plain
 * load reports it, at the export's own lines: a row that cannot be read (unbalanced quote, wrong
 * field count) and a NUL character (the load fails, naming its line and byte).
 */
import { scanSource, textPieces, DEFAULT_CHUNK_BYTES, type ByteSource } from "../read/chunks.ts";
import { detectHead, walkRecords, type SkipKind } from "../read/dialect.ts";
import { DecodeError, type DecodeProblem } from "../read/encoding.ts";
import { headSample } from "../read/head-sample.ts";
import type { RecordView } from "../read/tokenizer.ts";
import { TextTableWriter } from "../read/text-table.ts";
import { headerNames, matchHeader, normaliseHeader } from "./headers.ts";
import { fieldName, type Mapping, type Part, type UnpivotColumns } from "./mapping.ts";
import { loadRelocated, relocateReport } from "./relocate.ts";
import { IssueCollector, strictFailure, type LoadIssue, type LoadReport } from "./report.ts";
import { neededFields, unbalancedQuoteDetail, wrongFieldCount } from "./rows.ts";
import type { Schema } from "./types.ts";

/** How one output column is filled from a source row. */
type Source =
  | { kind: "column"; index: number; part: Part | null }
  | { kind: "constant"; value: string }
  | { kind: "key" }
  | { kind: "value" };

export interface ReshapeOptions {
  name: string;
  /** Size in bytes of the windows the export is read in (default 2 MiB); tests pass tiny sizes. */
  chunkBytes?: number;
  /** Problems listed at most (the load's `maxErrors`, default 100). */
  maxErrors?: number;
}

/**
 * Load an export (a file read from disk in windows, or bytes in memory) through a mapping that
 * reshapes; `loadText` loads the rewritten text.
 */
export function loadReshaped<L extends { report: LoadReport }>(
  schema: Schema,
  mapping: Mapping,
  src: ByteSource,
  opts: ReshapeOptions,
  loadText: (text: Uint8Array, passMapping: Record<string, string>) => L,
): L {
  const fields = Object.keys(schema.columns).filter((f) => schema.columns[f].statusOf === undefined);
  const entries = Object.entries(mapping.fields).map(([k, e]) => [fieldName(k, fields), e] as const);
  const unpivot = mapping.unpivot === null ? null : { ...mapping.unpivot, key: fieldName(mapping.unpivot.key, fields), value: fieldName(mapping.unpivot.value, fields) };

  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  // Pass 1: hash, encoding, decode problem. Bytes that cannot be decoded (invalid UTF-8 after a
  // BOM, an odd UTF-16 length) fail here. A NUL fails the load as in the plain load, at its own
  // line and byte: the data rows are then counted, not rewritten (see `failOnDecodeProblem`).
  const scan = scanSource(src, chunkBytes);
  if (scan.problem !== null && scan.problem.kind !== "nul") throw new DecodeError(scan.problem);
  const nul = scan.problem;
  const { encoding } = scan;
  const wanted = new Set<string>();
  for (const [, e] of entries) if (typeof e === "string") wanted.add(normaliseHeader(e));
  else if ("header" in e) wanted.add(normaliseHeader(e.header));
  for (const f of fields) for (const n of [schema.columns[f].header, ...(schema.columns[f].aliases ?? []), f]) wanted.add(normaliseHeader(n));
  wanted.delete("");
  const isWide = unpivot === null ? () => false : wideTest(unpivot.columns);
  // Pass 2: the text in pieces; the head sample is the one `detectHead` takes from the whole text.
  const { sample, c1, pieces } = headSample(textPieces(src, scan, chunkBytes));
  const head = detectHead(sample, { c1, headerScore: (fs) => fs.reduce((s, f) => s + (wanted.has(normaliseHeader(f)) || isWide(f.trim()) ? 1 : 0), 0) });

  let header: string[] = [];
  const skipped: { line: number; kind: SkipKind }[] = [];
  const sources = new Map<string, Source>();
  const pass: Record<string, string> = {}; // mapped headers not in the file, unknown fields: the loader reports them
  const wide: number[] = [];
  let outFields: string[] = [];
  let extra: number[] = [];
  let outHeader: string[] = [];
  const rows = new TextTableWriter();
  /** Fields of the header, and of it up to its last non-empty name (the plain load's field count rule). */
  let headerFields = 0;
  let needFields = 0;
  /** Rows that cannot be read, by first line; each is written as a marker row (`markerRow`). */
  const broken = new Map<number, RowFault>();
  let marker: string[] = [];
  /** Data rows counted but not written (the export has a NUL). */
  let unwritten = 0;

  // Resolve each field's source from the header (empty when the file has none).
  const resolve = () => {
    const norm = header.map(normaliseHeader);
    const used = new Set<number>();
    for (const [field, e] of entries) {
      if (typeof e !== "string" && "value" in e) {
        if (fields.includes(field)) sources.set(field, { kind: "constant", value: e.value });
        else pass[field] = e.value;
        continue;
      }
      const h = typeof e === "string" ? e : e.header;
      const idx = norm.indexOf(normaliseHeader(h));
      if (idx === -1 || !fields.includes(field)) {
        pass[field] = h;
        continue;
      }
      used.add(idx);
      sources.set(field, { kind: "column", index: idx, part: typeof e === "string" ? null : e.part ?? null });
    }
    if (unpivot !== null) {
      for (let i = 0; i < header.length; i++) if (!used.has(i) && inUnpivot(unpivot.columns, header[i])) wide.push(i);
      for (const i of wide) used.add(i);
      sources.set(unpivot.key, { kind: "key" });
      sources.set(unpivot.value, { kind: "value" });
    }
    const rest = matchHeader(schema, header.map((h, i) => (used.has(i) ? "" : h)), {});
    for (const b of rest.bindings) {
      if (b.index !== -1 && !sources.has(b.field) && pass[b.field] === undefined) {
        sources.set(b.field, { kind: "column", index: b.index, part: null });
        used.add(b.index);
      }
    }
    outFields = fields.filter((f) => sources.has(f));
    extra = header.map((_, i) => i).filter((i) => !used.has(i) && header[i] !== "");
    outHeader = [...outFields.map((f) => schema.columns[f].header), ...extra.map((i) => header[i])];
  };

  // Write the rows as they are read: the header row when the header is seen, then each data record.
  let out: string[] = [];
  // The input column of each written cell depends only on the unpivoted column: one array each.
  const colsOf = new Map<number, Int32Array>();
  const columnsFor = (w: number): Int32Array => {
    let cols = colsOf.get(w);
    if (cols === undefined) {
      cols = Int32Array.from([...outFields.map((f) => columnOf(sources.get(f)!, w)), ...extra]);
      colsOf.set(w, cols);
    }
    return cols;
  };
  const emit = (rec: RecordView, w: number) => {
    for (let j = 0; j < outFields.length; j++) {
      const s = sources.get(outFields[j])!;
      out[j] = s.kind === "constant" ? s.value : s.kind === "key" ? header[w] : s.kind === "value" ? field(rec, w) : cut(field(rec, s.index), s.part);
    }
    for (let k = 0; k < extra.length; k++) out[outFields.length + k] = field(rec, extra[k]);
    rows.row(out, rec.firstLine, columnsFor(w));
  };
  let resolved = false;
  const walk = walkRecords(pieces, head, {
    header: (rec) => {
      header = headerNames(rec.fields.slice(0, rec.count));
      resolve();
      resolved = true;
      out = new Array<string>(outHeader.length);
      headerFields = header.length;
      needFields = neededFields(header);
      marker = markerRow(outHeader.length);
      rows.row(outHeader, head.headerLine, Int32Array.from([...outFields.map((f) => columnOf(sources.get(f)!, -1)), ...extra]));
    },
    data: (rec) => {
      const fault = rowFault(rec, headerFields, needFields);
      if (nul !== null) unwritten += fault !== null || unpivot === null ? 1 : wide.length;
      else if (fault !== null) {
        broken.set(rec.firstLine, fault);
        rows.row(marker, rec.firstLine);
      } else if (unpivot === null) emit(rec, -1);
      else for (const w of wide) emit(rec, w);
    },
    skipped: (line, kind) => void skipped.push({ line, kind }),
  });
  if (!resolved) resolve();

  const constHeader = (field: string) => {
    const s = sources.get(field);
    return s?.kind === "constant" ? `(konstant ${JSON.stringify(s.value)})` : schema.columns[field]?.header ?? field;
  };
  return loadRelocated(() => loadText(rows.bytes(), pass), (report, summary) => {
    relocateReport(report, {
      line: (l) => rows.lineSource[l] ?? l,
      place: (l, c, column) => {
        const line = rows.lineSource[l] ?? l;
        const src = c >= 0 ? rows.cellSource[l]?.[c] ?? -1 : -1;
        const field = c >= 0 && c < outFields.length ? outFields[c] : null;
        const shown = src >= 0 ? header[src] : field !== null ? constHeader(field) : column;
        return { line, column: shown, where: String(line) };
      },
    });
    report.sha256 = scan.sha256;
    report.bytes = scan.bytes;
    report.encoding = encoding;
    report.delimiter = head.delimiter;
    report.lineBreak = scan.bareCr ? "\r" : head.lineBreak;
    report.headerLine = head.headerLine;
    report.header = header;
    report.columns = report.columns.map((c) => {
      const s = sources.get(c.field);
      return { field: c.field, header: s?.kind === "column" ? header[s.index] : s?.kind === "key" || s?.kind === "value" ? wide.map((i) => header[i]).join(", ") : constHeader(c.field) };
    });
    report.skippedLines = skipped.sort((a, b) => a.line - b.line);
    report.physicalLines = walk.physicalLines;
    report.dataLines = walk.physicalLines - walk.headerLines - skipped.length;
    const maxErrors = opts.maxErrors ?? 100;
    if (nul !== null) return failOnDecodeProblem(report, nul, unwritten, maxErrors);
    if (broken.size > 0) return restoreRowFaults(report, broken, headerFields, summary, maxErrors);
  });
}

/** Why a data record cannot be read as a row: the line of an unbalanced quote (0: none), the field count when it is wrong (0: right). */
interface RowFault {
  quoteLine: number;
  wrongCount: number;
}

/**
 * The problems of a record that make the plain load quarantine it as a whole (`RowReader.data`
 * in rows.ts, the same rule): an unbalanced quote, or a wrong field count (`wrongFieldCount`).
 * Null for a readable record.
 */
function rowFault(rec: RecordView, headerFields: number, needFields: number): RowFault | null {
  const wrong = wrongFieldCount(rec.fields, rec.count, needFields, headerFields);
  return rec.badQuoteLine === 0 && !wrong ? null : { quoteLine: rec.badQuoteLine, wrongCount: wrong ? rec.count : 0 };
}

/** The issues the plain load reports for a row that cannot be read, in its order. */
function faultIssues(file: string, firstLine: number, headerFields: number, f: RowFault): LoadIssue[] {
  const issues = new IssueCollector(file, 2);
  if (f.quoteLine !== 0) issues.add("unbalanced-quote", f.quoteLine, "", "", "a closing quote", undefined, unbalancedQuoteDetail(f.quoteLine));
  if (f.wrongCount !== 0) issues.add("field-count", firstLine, "", "", `${headerFields} fields`, undefined, `found ${f.wrongCount}`);
  return issues.issues;
}

/**
 * A row written in place of a row that cannot be read: one non-empty field more than the
 * rewritten header, so the load of the rewritten table quarantines it as a whole with exactly one
 * field-count problem (never a footer or blank line; no quote, so no tokenizer rule applies).
 */
function markerRow(width: number): string[] {
  const fields = new Array<string>(width + 1).fill("");
  fields[width] = "x";
  return fields;
}

/**
 * Give each row that cannot be read (`broken`, by first line) the problems the plain load reports
 * for it, in place of its marker row's problem; returns the failed load's summary, recounted.
 */
function restoreRowFaults(report: LoadReport, broken: Map<number, RowFault>, headerFields: number, summary: string | null, maxErrors: number): string | void {
  // A load that failed on its header (missing column, …) read no row: no marker problem to replace.
  if (report.errorsByKind["field-count"] !== broken.size) return;
  const errors: LoadIssue[] = [];
  for (const e of report.errors) {
    const f = e.kind === "field-count" ? broken.get(e.line) : undefined;
    if (f === undefined) errors.push(e);
    else errors.push(...faultIssues(report.file, e.line, headerFields, f));
  }
  const byKind: Record<string, number> = { ...report.errorsByKind, "field-count": 0 };
  for (const f of broken.values()) {
    if (f.quoteLine !== 0) byKind["unbalanced-quote"] = (byKind["unbalanced-quote"] ?? 0) + 1;
    if (f.wrongCount !== 0) byKind["field-count"]++;
  }
  const before = Object.values(report.errorsByKind).reduce((a, b) => a + b, 0);
  const total = replaceErrors(report, errors, byKind, maxErrors);
  // A strict load's summary counts the problems: counted again.
  if (summary !== null && summary === strictFailure(before, report.rowsQuarantined, report.rowsRead)) return strictFailure(total, report.rowsQuarantined, report.rowsRead);
}

/**
 * Fail the load on a decode problem of the export (a NUL character), as the plain load does: the
 * problem first, at the export's line and byte; every data row counted and quarantined, none
 * checked (only the header is written, so the rewritten table's load reports the header's
 * problems and no row's). Returns the summary to fail with.
 */
function failOnDecodeProblem(report: LoadReport, problem: DecodeProblem, rows: number, maxErrors: number): string {
  const issues = new IssueCollector(report.file, 1);
  issues.add("encoding", problem.line, "", "", "text that can be decoded", undefined, problem.message);
  // The problem replaces the rewritten table's own (a NUL in a header name) and its missing
  // header (an export without one): the plain load fails on the decode problem first.
  const replaced = (kind: string) => kind === "encoding" || kind === "no-header";
  const errors = [...issues.issues, ...report.errors.filter((e) => !replaced(e.kind))];
  const byKind = Object.fromEntries(Object.entries(report.errorsByKind).filter(([kind]) => !replaced(kind)));
  replaceErrors(report, errors, { ...byKind, ...issues.byKind }, maxErrors);
  report.rowsRead = rows;
  report.rowsQuarantined = rows;
  report.rowsAccepted = 0;
  report.quarantinedLines = [];
  return problem.message;
}

/**
 * Set the report's problems: `errors` as listed, at most `maxErrors` (where the load cut its list,
 * no further), and `byKind` counting all of them, its kinds in the order they first occur (as the
 * plain load's). Returns the number of problems.
 */
function replaceErrors(report: LoadReport, errors: LoadIssue[], byKind: Record<string, number>, maxErrors: number): number {
  errors.length = Math.min(errors.length, maxErrors, report.errorsTruncated ? report.errors.length : Infinity);
  const ordered: Record<string, number> = {};
  for (const kind of [...errors.map((e) => e.kind), ...Object.keys(byKind)]) if (byKind[kind] > 0) ordered[kind] = byKind[kind];
  const total = Object.values(ordered).reduce((a, b) => a + b, 0);
  report.errors = errors;
  report.errorsByKind = ordered;
  report.errorsTruncated = total > errors.length;
  report.ok = total === 0;
  return total;
}

/** A field of a record (a cell past the record's end is empty). */
function field(rec: RecordView, i: number): string {
  return i >= 0 && i < rec.count ? rec.fields[i] : "";
}

function columnOf(s: Source, wideColumn: number): number {
  return s.kind === "column" ? s.index : s.kind === "constant" ? -1 : wideColumn;
}

function cut(cell: string, part: Part | null): string {
  if (part === null) return cell;
  const t = cell.trim();
  const sp = t.search(/\s/);
  if (part === "first") return sp === -1 ? t : t.slice(0, sp);
  return sp === -1 ? "" : t.slice(sp).trim();
}

const YEAR = /^\d{4}$/;
const MONTH = /^\d{4}(?:M\d{2}|-\d{2})$/;

function wideTest(columns: UnpivotColumns): (h: string) => boolean {
  if (columns === "years") return (h) => YEAR.test(h);
  if (columns === "months") return (h) => MONTH.test(h);
  const set = new Set(columns.map(normaliseHeader));
  return (h) => set.has(normaliseHeader(h));
}

function inUnpivot(columns: UnpivotColumns, header: string): boolean {
  return wideTest(columns)(header.trim());
}
