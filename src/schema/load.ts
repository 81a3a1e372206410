/**
 * Loading an export against its schema: bytes → text → dialect → records → typed columns, with
 * a load report that accounts for every physical line.
 *
 * Invariants checked in code (a mismatch throws, never passes silently):
 * - rowsRead === rowsAccepted + rowsQuarantined;
 * - rowsRead + extra lines of multi-line records + header lines + skipped lines === physicalLines,
 *   where physicalLines is counted independently of the tokenizer.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { detach, releaseRegExpInput } from "../read/chars.ts";
import { decodeForTokenizer } from "../read/encoding.ts";
import { detectHead, walkRecords } from "../read/dialect.ts";
import { missingKind, PRESENT } from "../read/missing.ts";
import { Pseudonymizer, resolvePseudonymKey, type KeySource } from "../read/pseudonym.ts";
import { createBuilder, deriveFromPnr, missingColumn, StatusColumn, type ColumnBuilder, type LoadedColumn } from "./columns.ts";
import { headerScore, matchHeader } from "./headers.ts";
import { readMappingFile } from "./mapping.ts";
import { loadOtherFormat } from "./formats.ts"; // issue 10: .xlsx, Kolada v3 JSON, reshaping mappings
import { IssueCollector, LoadError, type LoadReport } from "./report.ts";
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
  /** For an Excel workbook: the sheet to read (default the first). */
  sheet?: string;
}

export interface Loaded<S extends Schema> {
  table: ColumnTable;
  columns: ColumnsOf<S>;
  report: LoadReport;
}

/** Load an export file (reads it, hashes it, then `loadBytes`). */
export async function loadFile<S extends Schema>(schema: S, path: string, opts: LoadOptions = {}): Promise<Loaded<S>> {
  const bytes = await readFile(path);
  return loadBytes(schema, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { ...opts, name: opts.name ?? path });
}

/** Load an export from its bytes. Throws LoadError (with `.report`) when the load fails. */
export function loadBytes<S extends Schema>(schema: S, bytes: Uint8Array, opts: LoadOptions = {}): Loaded<S> {
  // Issue 10: Excel workbooks (zip signature), JSON a schema reads (Kolada v3) and reshaping mapping
  // files are turned into CSV text and loaded by this same function, locations mapped back.
  const other = loadOtherFormat(schema, bytes, opts, (text, o) => loadBytes(schema, text, o));
  if (other !== null) return other;
  const file = opts.name ?? "<bytes>";
  const mode = opts.mode ?? "strict";
  const maxErrors = opts.maxErrors ?? 100;
  const referenceYear = opts.referenceYear ?? new Date().getUTCFullYear();
  const mapping = { ...(opts.mappingFile ? readMappingFile(opts.mappingFile) : {}), ...(opts.mapping ?? {}) };

  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // Windows-1252 stays a one-byte Latin-1 string; the tokenizer fixes 0x80–0x9F in the fields (c1).
  const { text, encoding, c1 } = decodeForTokenizer(bytes);
  const head = detectHead(text, { headerScore: headerScore(schema, mapping), c1 });
  const issues = new IssueCollector(file, maxErrors);

  const report: LoadReport = {
    file, kind: schema.kind, mode, sha256, bytes: bytes.byteLength, encoding,
    delimiter: head.delimiter, lineBreak: head.lineBreak, headerLine: head.headerLine,
    header: [], columns: [], unknownColumns: [], absentColumns: [], derivedColumns: [], skippedLines: [],
    physicalLines: 0, dataLines: 0, rowsRead: 0, rowsAccepted: 0, rowsQuarantined: 0, quarantinedLines: [],
    errors: issues.issues, errorsByKind: issues.byKind, errorsTruncated: false, pseudonymKeySource: null, ok: false,
  };

  // Builders are created when the header is seen (inside the walk).
  let builders: (ColumnBuilder | null)[] = [];
  const readIdx: number[] = [];
  const readCols: ColumnBuilder[] = [];
  const readHeaders: string[] = [];
  const readFields: string[] = [];
  const readRequired: boolean[] = [];
  let headerFields = 0;
  let needFields = 0;
  let fatal: string | null = null;
  let n = 0; // accepted rows
  const capacity = Math.min(Math.floor(text.length / 16) + 16, 1 << 16);
  let keySource: LoadReport["pseudonymKeySource"] = null;
  const pseudonyms = () => {
    const resolved = resolvePseudonymKey({ ...(opts.keySource ?? {}), key: opts.pseudonymKey });
    keySource = resolved.source;
    return new Pseudonymizer(resolved.key);
  };

  const onHeader = (fields: readonly string[]) => {
    const header = fields.map((f) => detach(f.trim()));
    report.header = header;
    headerFields = header.length;
    needFields = headerFields;
    while (needFields > 0 && header[needFields - 1] === "") needFields--;
    const match = matchHeader(schema, header, mapping);
    for (const msg of match.mappingErrors) issues.add("mapping", head.headerLine, "", "", "a mapping that fits the file", undefined, msg);
    for (const field of match.missingRequired) {
      const spec = schema.columns[field];
      const names = [spec.header, ...(spec.aliases ?? [])].map((h) => JSON.stringify(h)).join(", ");
      issues.add("missing-column", head.headerLine, spec.header, field, `a column ${names}`, undefined, "required column not found in the header");
    }
    if (match.mappingErrors.length > 0 || match.missingRequired.length > 0) {
      fatal = match.missingRequired.length > 0 ? `required column(s) missing: ${match.missingRequired.join(", ")}` : "the mapping does not fit the file";
    }
    report.unknownColumns = match.unknown;
    const ctx = { capacity, referenceYear, pseudonyms };
    const byField = new Map<string, ColumnBuilder>();
    const statusFor = new Map<string, StatusColumn>();
    for (const b of match.bindings) {
      if (b.derived === "status") {
        const s = new StatusColumn();
        statusFor.set(b.spec.statusOf!, s);
        byField.set(b.field, s);
      }
    }
    for (const b of match.bindings) {
      if (b.index !== -1) {
        const builder = createBuilder(b.spec, ctx, statusFor.get(b.field) ?? null);
        byField.set(b.field, builder);
        readIdx.push(b.index);
        readCols.push(builder);
        readHeaders.push(b.header!);
        readFields.push(b.field);
        readRequired.push(b.spec.required === true);
        report.columns.push({ field: b.field, header: b.header! });
      }
    }
    const pnrBinding = match.bindings.find((b) => b.spec.type === "pnr" && b.index !== -1);
    for (const b of match.bindings) {
      if (b.derived === "pnr" && pnrBinding) {
        const target = createBuilder(b.spec.type === "gender" ? { ...b.spec, type: "string" } : b.spec, ctx, null);
        deriveFromPnr(byField.get(pnrBinding.field)!, target, b.spec.deriveFromPnr!);
        byField.set(b.field, target);
        report.derivedColumns.push(b.field);
      } else if (b.derived === "status") {
        report.derivedColumns.push(b.field);
        if (!byField.has(b.spec.statusOf!) || !match.bindings.some((x) => x.field === b.spec.statusOf && x.index !== -1)) {
          // The target is absent: every status is "missing" (filled at the end).
          byField.delete(b.field);
        }
      } else if (b.index === -1) {
        report.absentColumns.push(b.field);
      }
    }
    builders = match.bindings.map((b) => byField.get(b.field) ?? null);
  };

  const quarantined = report.quarantinedLines;
  let rowsQuarantined = 0;
  const cols = readCols;
  const walk = walkRecords(text, head, {
    header: (rec) => onHeader(rec.fields.slice(0, rec.count)),
    skipped: (line, kind) => {
      report.skippedLines.push({ line, kind });
    },
    data: (rec) => {
      if (fatal !== null) return;
      const fields = rec.fields;
      const count = rec.count;
      let bad = false;
      if (rec.badQuoteLine !== 0) {
        bad = true;
        issues.add("unbalanced-quote", rec.badQuoteLine, "", "", "a closing quote", undefined,
          `a quote opened on line ${rec.badQuoteLine} is not closed properly; the row was read up to the end of its line, later rows are not affected`);
      }
      if (count < needFields || (count > headerFields && !extraFieldsEmpty(fields, headerFields, count))) {
        bad = true;
        issues.add("field-count", rec.firstLine, "", "", `${headerFields} fields`, undefined, `found ${count}`);
      }
      // A row that is broken as a whole (bad quote, wrong field count) gets one error, not one per misaligned cell.
      const broken = bad;
      for (let c = 0; !broken && c < cols.length; c++) {
        const idx = readIdx[c];
        const raw = idx < count ? fields[idx] : "";
        const col = cols[c];
        const mk = missingKind(raw);
        if (mk !== PRESENT) {
          col.missing(n, mk);
          if (readRequired[c]) {
            bad = true;
            issues.add("required", rec.firstLine, readHeaders[c], readFields[c], "a value (the column is required)", undefined, "the cell is empty or a missing marker");
          }
        } else if (!col.present(n, raw)) {
          bad = true;
          const personal = col.kind === "pnr" || schema.columns[readFields[c]].personal === true;
          issues.add(col.kind, rec.firstLine, readHeaders[c], readFields[c], col.expected, personal ? undefined : raw, personal ? col.detail() ?? "the value is personal and not shown" : undefined);
        }
      }
      if (bad) {
        rowsQuarantined++;
        if (quarantined.length < maxErrors) quarantined.push(rec.firstLine);
      } else {
        n++;
      }
    },
  }, c1);

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
    throw new LoadError(report, `${issues.total} problem(s) in ${rowsQuarantined} of ${report.rowsRead} rows (strict mode; use lenient mode to quarantine bad rows)`);
  }

  const columns: Record<string, LoadedColumn> = {};
  const fields = Object.keys(schema.columns);
  for (let i = 0; i < fields.length; i++) {
    const spec = schema.columns[fields[i]];
    const b = builders[i];
    if (b) columns[fields[i]] = b.finish(n);
    else if (spec.statusOf !== undefined) columns[fields[i]] = new Array(n).fill("missing");
    else columns[fields[i]] = missingColumn(spec.type, n);
  }
  const table = aq.table(columns) as ColumnTable;
  releaseRegExpInput();
  return { table, columns: columns as ColumnsOf<S>, report };
}

function extraFieldsEmpty(fields: readonly string[], from: number, count: number): boolean {
  for (let i = from; i < count; i++) if (fields[i].trim() !== "") return false;
  return true;
}
