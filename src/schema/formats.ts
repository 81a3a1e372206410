/**
 * Inputs the loader reads by first turning them into CSV text (issue 10): Excel workbooks, JSON
 * a schema reads itself (Kolada's API v3), and mapping files that reshape (see reshape.ts).
 * `loadBytes` asks `loadOtherFormat` first; `null` means plain CSV with a plain mapping.
 */
import { createHash } from "node:crypto";
import { bytesSource, type ByteSource } from "../read/chunks.ts";
import { utf8 } from "../read/text-table.ts";
import { cellRef, isWorkbook, readSheet, SheetError } from "../read/xlsx.ts";
import type { LoadOptions } from "./load.ts";
import { isPlainMapping, readMapping } from "./mapping.ts";
import { loadRelocated, relocateReport } from "./relocate.ts";
import type { LoadReport } from "./report.ts";
import { loadReshaped } from "./reshape.ts";
import type { Schema } from "./types.ts";

/** A schema's reader for JSON input: rows of text plus, per text line, a location in the JSON. */
export interface JsonRows {
  text: string;
  /** Index = text line (1-based): the input record's ordinal and its path (`values[3].values[0]`). */
  places: ({ line: number; path: string } | null)[];
}

/** Schemas that read JSON declare it here (kept out of the Schema type). */
const jsonReaders = new Map<string, (json: unknown, name: string) => JsonRows>();

/** Register a JSON reader for an export kind (done by the kind's module, e.g. sources/kolada.ts). */
export function registerJsonReader(kind: string, read: (json: unknown, name: string) => JsonRows): void {
  jsonReaders.set(kind, read);
}

function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b /* { */ || bytes[i] === 0x5b; /* [ */
}

/** Texts this module wrote for the loader (so a converted text is never taken for an input again). */
const converted = new WeakSet<Uint8Array>();

function text(s: string | Uint8Array): Uint8Array {
  const b = typeof s === "string" ? utf8(s) : s;
  converted.add(b);
  return b;
}

function restoreSource(report: LoadReport, bytes: Uint8Array): void {
  report.sha256 = createHash("sha256").update(bytes).digest("hex");
  report.bytes = bytes.byteLength;
}

/** Load a non-CSV input (or a reshaping mapping); null when `loadBytes` should read the bytes as CSV. */
export function loadOtherFormat<L extends { report: LoadReport }>(
  schema: Schema,
  bytes: Uint8Array,
  opts: LoadOptions,
  loadText: (text: Uint8Array, opts: LoadOptions) => L,
): L | null {
  const name = opts.name ?? "<bytes>";
  const again = converted.has(bytes); // a text written below: only a reshaping mapping may still apply
  if (!again && !isWorkbook(bytes) && /\.xlsx$/i.test(name)) {
    throw new SheetError(`${name}: är ingen Excel-arbetsbok, fast namnet slutar på .xlsx (not an .xlsx workbook, although the name ends in .xlsx)`);
  }
  if (!again && isWorkbook(bytes)) {
    // Numbers are written with the separator the load will read (a mapping file's `decimalSeparator` counts too).
    const decimal = opts.decimalSeparator ?? (opts.mappingFile !== undefined ? readMapping(opts.mappingFile).decimalSeparator : null) ?? schema.decimalSeparator ?? ",";
    const { sheet, rows } = readSheet(bytes, { sheet: opts.sheet, name, decimal });
    return loadRelocated(() => loadText(text(rows.bytes()), { ...opts, sheet: undefined, name, decimalSeparator: decimal }), (report) => {
      relocateReport(report, {
        line: (l) => rows.lineSource[l] ?? l,
        place: (l, c, column) => {
          const row = rows.lineSource[l] ?? l;
          const cell = cellRef(sheet, c, row);
          return { line: row, column, cell, where: `${cell} (rad ${row})` };
        },
      });
      restoreSource(report, bytes);
      report.sheet = sheet;
    });
  }
  const readJson = jsonReaders.get(schema.kind);
  if (!again && readJson !== undefined && looksLikeJson(bytes)) {
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder("utf-8").decode(bytes));
    } catch (e) {
      throw new Error(`${name}: ogiltig JSON (invalid JSON): ${(e as Error).message}`);
    }
    const rows = readJson(json, name);
    // JSON numbers are written with a point and read with a point.
    return loadRelocated(() => loadText(text(rows.text), { ...opts, name, decimalSeparator: "." }), (report) => {
      relocateReport(report, {
        line: (l) => rows.places[l]?.line ?? l,
        place: (l, _c, column) => {
          const p = rows.places[l];
          return p ? { line: p.line, column, cell: p.path, where: p.path } : { line: l, column, where: String(l) };
        },
      });
      restoreSource(report, bytes);
    });
  }
  return loadThroughMapping(schema, bytesSource(bytes), opts, loadText);
}

/**
 * Load an export through its mapping file when that mapping reshapes (else null): `loadFile`
 * passes the file itself, read in windows; `loadOtherFormat` its bytes.
 */
export function loadThroughMapping<L extends { report: LoadReport }>(
  schema: Schema,
  src: ByteSource,
  opts: LoadOptions,
  loadText: (text: Uint8Array, opts: LoadOptions) => L,
): L | null {
  if (opts.mappingFile === undefined) return null;
  const mapping = readMapping(opts.mappingFile);
  if (isPlainMapping(mapping)) return null;
  const name = opts.name ?? "<bytes>";
  return loadReshaped(schema, mapping, src, { name, chunkBytes: opts.chunkBytes, maxErrors: opts.maxErrors }, (t, pass) => {
    converted.add(t);
    return loadText(t, { ...opts, name, mappingFile: undefined, mapping: pass, decimalSeparator: opts.decimalSeparator ?? mapping.decimalSeparator ?? undefined });
  });
}
