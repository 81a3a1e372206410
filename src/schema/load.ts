/**
 * Loading an export against its schema: bytes → text → dialect → records → typed columns, with
 * a load report that accounts for every physical line.
 *
 * Issue 11: the bytes are read in windows (read/chunks.ts: a file straight from disk, or bytes in
 * memory, one code path) and tokenized piece by piece (read/pieces.ts), so no string ever holds
 * the whole file; a large export's data is parsed in byte ranges on worker threads (parallel.ts),
 * with the same rows, report and problems as the single-threaded walk.
 *
 * Invariants checked in code (a mismatch throws, never passes silently):
 * - rowsRead === rowsAccepted + rowsQuarantined;
 * - rowsRead + extra lines of multi-line records + header lines + skipped lines === physicalLines,
 *   where physicalLines is counted independently of the tokenizer.
 */
import { openSync, readSync, closeSync } from "node:fs";
import { readFile } from "node:fs/promises";
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { releaseRegExpInput } from "../read/chars.ts";
import { bytesSource, fileSource, hashSource, lineStart, scanSource, textPieces, DEFAULT_CHUNK_BYTES, type ByteSource } from "../read/chunks.ts";
import type { DecimalSeparator } from "../read/numbers.ts";
import { detectHead, isBlankRecord, walkRecords } from "../read/dialect.ts";
import { ExtractionDateReader } from "../read/extraction-date.ts";
import { headSample } from "../read/head-sample.ts";
import { tokenizePieces } from "../read/pieces.ts";
import { isWorkbook } from "../read/xlsx.ts";
import { readMappingFile } from "./mapping.ts";
import { Pseudonymizer, resolvePseudonymKey, type KeySource } from "../read/pseudonym.ts";
import { plainColumn } from "./coded-columns.ts";
import { missingColumn, type LoadedColumn } from "./columns.ts";
import { clipName, RowReader, type RowContext } from "./rows.ts";
import { hashOnWorker, parallelPlan, parseParallel, warmWorkers, workersFor, type DataResult, type ParallelOptions } from "./parallel.ts";
import type { WorkerSource } from "./load-worker.ts";
import { headerNames, headerScore, matchHeader } from "./headers.ts";
import { loadOtherFormat, loadThroughMapping } from "./formats.ts"; // issue 10: .xlsx, Kolada v3 JSON, reshaping mappings
import { IssueCollector, LoadError, strictFailure, type LoadReport } from "./report.ts";
import type { ColumnsOf, Schema } from "./types.ts";

export { LoadError } from "./report.ts";
export type { LoadIssue, LoadReport } from "./report.ts";

export interface LoadOptions {
  /** Name of the file in messages and the report (default: the path, or "<bytes>"). */
  name?: string;
  /** `strict` (default): any bad cell fails the load. `lenient`: bad rows are quarantined. */
  mode?: "strict" | "lenient";
  /** Extra header names: `{ field: "header in the file" }`. Wins over `mappingFile`. */
  mapping?: Record<string, string>;
  /** A JSON file with a mapping. */
  mappingFile?: string;
  /** Key for pseudonyms (else env / key file, see read/pseudonym.ts). */
  pseudonymKey?: Uint8Array;
  /** Where to look for the key when `pseudonymKey` is not given (tests inject env and home). */
  keySource?: Omit<KeySource, "key">;
  /** Most problems listed in the report (all are counted); default 100. */
  maxErrors?: number;
  /** Year used to pick the century of `YYMMDD-NNNN` numbers; default the current UTC year. */
  referenceYear?: number;
  /**
   * Decimal separator of the export's numbers; default the schema's (`,` unless declared, Kolada
   * `.`). A mapping may declare it too: `{ "decimalSeparator": "." }`. With `,`, a number written
   * with a point (`1.000`) is an error, never read.
   */
  decimalSeparator?: DecimalSeparator;
  /** For an Excel workbook: the sheet to read (default the first). */
  sheet?: string;
  /**
   * Size in bytes of the windows the export is read and decoded in (default 2 MiB). No string
   * ever holds more than about one window of text; tests pass tiny sizes to cut records anywhere.
   */
  chunkBytes?: number;
  /**
   * Parse the data in byte ranges (issue 11 §2; the result is identical to the record walk of
   * `false`): exports from 32 MiB on worker threads beside this one (the machine's cores), smaller
   * ones in one range on this thread; each range read on raw codes where it is plain. Tests force
   * workers on small inputs with `{ workers: 2, minBytes: 0 }`.
   */
  parallel?: ParallelOptions | false;
}

export interface Loaded<S extends Schema> {
  table: ColumnTable;
  columns: ColumnsOf<S>;
  report: LoadReport;
}

/**
 * Load an export file. A CSV export is read in windows straight from the file (issue 11: files
 * of several GB load; no string holds the whole text), also through a mapping that reshapes; a
 * workbook or JSON is read whole and goes through `loadBytes`.
 */
export async function loadFile<S extends Schema>(schema: S, path: string, opts: LoadOptions = {}): Promise<Loaded<S>> {
  const named = { ...opts, name: opts.name ?? path };
  if (readsWhole(path, named)) {
    const bytes = await readFile(path);
    return loadBytes(schema, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), named);
  }
  const src = fileSource(path);
  try {
    return loadThroughMapping(schema, src, named, (text, o) => loadBytes(schema, text, o)) ?? loadSource(schema, src, named);
  } finally {
    src.close();
  }
}

/** Does this file need `loadOtherFormat` (workbook, JSON-looking)? Decided from its first bytes. */
function readsWhole(path: string, opts: LoadOptions): boolean {
  if (/\.xlsx$/i.test(opts.name ?? path)) return true;
  const head = new Uint8Array(4096);
  const fd = openSync(path, "r");
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const bytes = head.subarray(0, n);
  if (isWorkbook(bytes)) return true;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < n && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return i >= n || bytes[i] === 0x7b /* { */ || bytes[i] === 0x5b; /* [ */
}

/** Load an export from its bytes. Throws LoadError (with `.report`) when the load fails. */
export function loadBytes<S extends Schema>(schema: S, bytes: Uint8Array, opts: LoadOptions = {}): Loaded<S> {
  // Issue 10: Excel workbooks (zip signature), JSON a schema reads (Kolada v3) and reshaping mapping
  // files are turned into CSV text and loaded by this same function, locations mapped back.
  const other = loadOtherFormat(schema, bytes, opts, (text, o) => loadBytes(schema, text, o));
  if (other !== null) return other;
  return loadSource(schema, bytesSource(bytes), opts);
}

/** Load a CSV export from a byte source, window by window (the one code path of files and bytes). */
function loadSource<S extends Schema>(schema: S, src: ByteSource, opts: LoadOptions): Loaded<S> {
  const file = opts.name ?? "<bytes>";
  const mode = opts.mode ?? "strict";
  const maxErrors = opts.maxErrors ?? 100;
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  const { mapping, decimal: mappedDecimal, error: decimalError } = splitDecimal({ ...(opts.mappingFile ? readMappingFile(opts.mappingFile) : {}), ...(opts.mapping ?? {}) });
  const decimal: DecimalSeparator = opts.decimalSeparator ?? mappedDecimal ?? schema.decimalSeparator ?? ",";

  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  warmWorkers(opts.parallel, src.size);
  // A parallel load's worker hashes the export while this thread scans it and reads its header.
  const share = workersFor(opts.parallel, src.size) > 0 ? shareOf(src) : null;
  const hashing = share === null ? null : hashOnWorker(share);
  // Pass 1 over the bytes: hash, encoding, the first decode problem, bare CR line ends.
  // A decode problem (invalid UTF-8 after a BOM, a NUL byte) fails the load; the lossy text is
  // still walked so that every line is accounted for.
  const scan = scanSource(src, chunkBytes, { hash: hashing === null });
  const { encoding, problem, bareCr } = scan;
  // Pass 2: the text in pieces. Windows-1252 stays a one-byte Latin-1 string; the tokenizer
  // fixes 0x80–0x9F in the fields (c1). Bare CR line ends (old Mac, Excel's "CSV (Macintosh)")
  // are read as line breaks.
  const { sample, c1: sampleC1, pieces } = headSample(textPieces(src, scan, chunkBytes));
  const head = detectHead(sample, { headerScore: headerScore(schema, mapping), c1: sampleC1 });
  const issues = new IssueCollector(file, maxErrors);

  const report: LoadReport = {
    file, kind: schema.kind, mode, sha256: scan.sha256, bytes: scan.bytes, encoding,
    delimiter: head.delimiter, lineBreak: bareCr ? "\r" : head.lineBreak, headerLine: head.headerLine,
    header: [], columns: [], unknownColumns: [], unknownColumnCount: 0, absentColumns: [], derivedColumns: [], skippedLines: [], extractedOn: null,
    physicalLines: 0, dataLines: 0, rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, quarantinedLines: [],
    errors: issues.issues, errorsByKind: issues.byKind, errorsTruncated: false, pseudonymKeySource: null, ok: false,
  };

  let fatal: string | null = null;
  if (problem !== null) {
    issues.add("encoding", problem.line, "", "", "text that can be decoded", undefined, problem.message);
    fatal = problem.message;
  }
  if (decimalError !== null && fatal === null) {
    issues.add("mapping", head.headerLine === 0 ? 1 : head.headerLine, "", "", `a decimalSeparator of "." or ","`, undefined, decimalError);
    fatal = decimalError;
  }
  const capacity = Math.min(Math.floor(scan.bytes / 16) + 16, 1 << 16);
  let keySource: LoadReport["pseudonymKeySource"] = null;
  let resolvedKey: Uint8Array | null = null;
  const pseudonyms = () => {
    const resolved = resolvePseudonymKey({ ...(opts.keySource ?? {}), key: opts.pseudonymKey });
    keySource = resolved.source;
    resolvedKey = resolved.key;
    return new Pseudonymizer(resolved.key);
  };
  const ctx: RowContext = { capacity, referenceYear, decimal, pseudonyms, maxErrors };

  // The reader is created when the header is seen (inside the walk).
  let reader: RowReader | null = null;
  let headerFields: string[] = [];
  const onHeader = (fields: readonly string[]) => {
    const header = headerNames(fields);
    headerFields = header;
    report.header = header.length > MAX_HEADER_LISTED ? header.slice(0, MAX_HEADER_LISTED).map(clipName) : header.map(clipName);
    const match = matchHeader(schema, header, mapping);
    for (const msg of match.mappingErrors) issues.add("mapping", head.headerLine, "", "", "a mapping that fits the file", undefined, msg);
    for (const field of match.missingRequired) {
      const spec = schema.columns[field];
      const names = [spec.header, ...(spec.aliases ?? [])].map((h) => JSON.stringify(h)).join(", ");
      issues.add("missing-column", head.headerLine, spec.header, field, `a column ${names}`, undefined, "required column not found in the header");
    }
    for (const d of match.duplicates) {
      issues.add("duplicate-column", head.headerLine, d.second.header, d.field, "each column once", undefined,
        `kolumnen finns två gånger: "${clipName(d.first.header)}" (kolumn ${d.first.index + 1}) och "${clipName(d.second.header)}" (kolumn ${d.second.index + 1}); vilken som gäller är okänt (the column is in the file twice; which one holds ${d.field} is unknown)`);
    }
    if (fatal === null && (match.mappingErrors.length > 0 || match.missingRequired.length > 0 || match.duplicates.length > 0)) {
      fatal = match.missingRequired.length > 0 ? `required column(s) missing: ${match.missingRequired.join(", ")}`
        : match.duplicates.length > 0 ? `kolumner finns två gånger (duplicate columns): ${match.duplicates.map((d) => `"${clipName(d.first.header)}" och "${clipName(d.second.header)}" (kolumn ${d.first.index + 1} och ${d.second.index + 1})`).join(", ")}`
        : "the mapping does not fit the file";
    }
    report.unknownColumnCount = match.unknown.length;
    report.unknownColumns = match.unknown.slice(0, MAX_UNKNOWN_LISTED).map(clipName);
    reader = new RowReader(schema, header, match, ctx, issues);
    report.columns.push(...reader.columnsRead);
    report.derivedColumns.push(...reader.derived);
    report.absentColumns.push(...reader.absent);
  };

  // Parallel (issue 11 §2): the head is read here, the data after it in byte ranges on workers.
  let data: DataResult | null = null;
  let walk: { lines: number; headerLines: number; dataRecords: number; continuationLines: number; physicalLines: number };
  const plan = problem === null && head.headerLine > 0 ? parallelPlan(opts.parallel, scan.bodyEnd - scan.bodyStart) : null;
  let headerEnd = 0;
  let headerLines = 0;
  const headSkipped: LoadReport["skippedLines"] = [];
  // The extraction date from the title records: the same records on both paths (the walk's, or
  // the head read here with the walk's tokenizer options).
  let titles = new ExtractionDateReader();
  if (plan !== null) {
    tokenizePieces(textPieces(src, scan, chunkBytes), { delimiter: head.delimiter, minFields: head.headerFields, maxFields: head.headerFields }, (rec) => {
      if (rec.lastLine < head.headerLine) {
        const kind = isBlankRecord(rec.fields, rec.count) ? "blank" : "title";
        if (kind === "title") titles.title(rec.fields, rec.count);
        for (let l = rec.firstLine; l <= rec.lastLine; l++) headSkipped.push({ line: l, kind });
        return;
      }
      headerLines = rec.lastLine - rec.firstLine + 1;
      headerEnd = rec.lastLine;
      onHeader(rec.fields.slice(0, rec.count));
      return false;
    });
  }
  if (plan !== null && headerLines > 0) {
    report.skippedLines.push(...headSkipped);
    const dataStart = lineStart(src, scan, scan.bodyStart, headerEnd, chunkBytes);
    const template = {
      scan, chunkBytes, head, header: headerFields, schema, mapping, decimal, referenceYear, maxErrors,
      key: resolvedKey as Uint8Array | null, countOnly: fatal !== null, rawCodes: opts.parallel ? opts.parallel.rawCodes : undefined,
    };
    data = parseParallel(src, plan.workers === 0 ? null : (share ?? shareOf(src)), template, dataStart, headerEnd + 1, plan, issues);
    report.skippedLines.push(...data.skipped);
    walk = {
      lines: data.lines, headerLines, dataRecords: data.dataRecords, continuationLines: data.continuationLines,
      physicalLines: headerEnd + data.physicalLines,
    };
  } else {
    titles = new ExtractionDateReader(); // afresh: a parallel head read that found no header falls back to the walk
    walk = walkRecords(pieces, head, {
      header: (rec) => onHeader(rec.fields.slice(0, rec.count)),
      title: (rec) => titles.title(rec.fields, rec.count),
      skipped: (line, kind) => {
        report.skippedLines.push({ line, kind });
      },
      data: (rec) => {
        if (fatal === null) reader!.data(rec);
      },
    });
  }
  if (hashing !== null) report.sha256 = hashing.result() ?? hashSource(src, chunkBytes);
  const rows = reader as RowReader | null;
  const n = data !== null ? data.rows : rows === null ? 0 : rows.n;
  const rowsQuarantined = data !== null ? data.rowsQuarantined : rows === null ? 0 : rows.rowsQuarantined;
  report.quarantinedLines.push(...(data !== null ? data.quarantined : rows === null ? [] : rows.quarantined));

  if (walk.headerLines === 0 && fatal === null) {
    issues.add("no-header", 1, "", "", "a header row", undefined, "the file has no header row");
    fatal = "no header row found";
  }
  report.physicalLines = walk.physicalLines;
  report.rowsRead = walk.dataRecords;
  report.rowsQuarantined = fatal === null ? rowsQuarantined : walk.dataRecords;
  report.rowsAccepted = fatal === null ? n : 0;
  report.dataLines = walk.physicalLines - walk.headerLines - report.skippedLines.length;
  report.errorsTruncated = issues.truncated;
  report.pseudonymKeySource = keySource;
  report.extractedOn = walk.headerLines > 0 ? titles.date : null; // without a header every line counts as a title
  report.ok = issues.total === 0;
  if (report.skippedLines.length > 1) report.skippedLines.sort((a, b) => a.line - b.line);

  // Line accounting: every physical line is a data line, a header line or a skipped line.
  if (walk.lines !== walk.physicalLines || report.rowsRead + walk.continuationLines !== report.dataLines
    || report.rowsRead !== report.rowsAccepted + report.rowsQuarantined) {
    throw new Error(`${file}: line accounting mismatch (physical ${walk.physicalLines}, tokenizer ${walk.lines}, data lines ${report.dataLines}, ` +
      `rows ${report.rowsRead} + continuation ${walk.continuationLines}, accepted ${report.rowsAccepted} + quarantined ${report.rowsQuarantined}); this is a bug in utfall`);
  }
  releaseRegExpInput();
  if (fatal !== null) throw new LoadError(report, fatal);
  if (mode === "strict" && issues.total > 0) {
    throw new LoadError(report, strictFailure(issues.total, rowsQuarantined, report.rowsRead));
  }

  const columns: Record<string, LoadedColumn> = {};
  const fields = Object.keys(schema.columns);
  const builders = rows === null ? [] : rows.builders;
  for (let i = 0; i < fields.length; i++) {
    const spec = schema.columns[fields[i]];
    const b = builders[i];
    if (b && data !== null) columns[fields[i]] = data.columns[i] ?? missingColumn(spec.type, n);
    else if (b) columns[fields[i]] = b.finish(n);
    else if (spec.statusOf !== undefined) columns[fields[i]] = new Array(n).fill("missing");
    else columns[fields[i]] = missingColumn(spec.type, n);
  }
  const table = aq.table(columns) as ColumnTable;
  releaseRegExpInput();
  return { table, columns: plainColumns(columns) as ColumnsOf<S>, report };
}

/**
 * The loaded columns as plain arrays (numbers: their Float64Array), each made when first read: the
 * table keeps text and yes/no columns as codes (src/schema/coded-columns.ts), and a script that
 * reads only the table never pays for a million-element array per column.
 */
function plainColumns(columns: Record<string, LoadedColumn>): Record<string, Float64Array | (string | null)[] | (boolean | null)[]> {
  const out = {};
  for (const [name, column] of Object.entries(columns)) {
    Object.defineProperty(out, name, { enumerable: true, get: () => plainColumn(column) });
  }
  return out;
}

/** Header names listed in a report (a "header" of thousands of fields is data, not names). */
const MAX_HEADER_LISTED = 200;
/** Unknown column names listed in a report; all are counted in `unknownColumnCount`. */
const MAX_UNKNOWN_LISTED = 20;
/** Take the reserved mapping key `decimalSeparator` (`"."` or `","`) out of a mapping; any other value is an error. */
function splitDecimal(all: Record<string, string>): { mapping: Record<string, string>; decimal: DecimalSeparator | undefined; error: string | null } {
  if (!("decimalSeparator" in all)) return { mapping: all, decimal: undefined, error: null };
  const { decimalSeparator, ...mapping } = all;
  if (decimalSeparator !== "." && decimalSeparator !== ",") {
    return { mapping, decimal: undefined, error: `mappningens "decimalSeparator" ska vara "." eller ",", inte ${JSON.stringify(decimalSeparator)} (the mapping's decimalSeparator must be "." or ",")` };
  }
  return { mapping, decimal: decimalSeparator, error: null };
}

/** How a worker thread reaches the export: the file's path, or the bytes copied once into shared memory. */
function shareOf(src: ByteSource): WorkerSource {
  if (src.path !== undefined) return { path: src.path };
  const bytes = src.bytes!;
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return { shared, byteLength: bytes.byteLength };
}
