/**
 * Applying a mapping file that does more than rename columns (constants, parts of a cell, one
 * header for two fields, `år`/`year`, `unpivot`): the export is read with the CSV path's decoder,
 * dialect detection and tokenizer, rewritten as rows with the schema's own headers, and loaded;
 * the report then points at the export's own lines and columns again.
 *
 * After an unpivot, `rowsRead`, `rowsAccepted` and `rowsQuarantined` count long-form rows (one per
 * input row and unpivoted column); lines and columns in problems are the export's.
 *
 * Issue 11: the export is read in windows (read/chunks.ts) and tokenized piece by piece
 * (read/pieces.ts), as the loader reads it: no string holds the whole input. Each data record is
 * rewritten as it is read; the rewritten table is kept as UTF-8 bytes (TextTableWriter) and loaded.
 */
import { scanSource, textPieces, DEFAULT_CHUNK_BYTES, type ByteSource } from "../read/chunks.ts";
import { detectHead, walkRecords, type SkipKind } from "../read/dialect.ts";
import { DecodeError } from "../read/encoding.ts";
import { headSample } from "../read/head-sample.ts";
import type { RecordView } from "../read/tokenizer.ts";
import { TextTableWriter } from "../read/text-table.ts";
import { headerNames, matchHeader, normaliseHeader } from "./headers.ts";
import { fieldName, type Mapping, type Part, type UnpivotColumns } from "./mapping.ts";
import { loadRelocated, relocateReport } from "./relocate.ts";
import type { LoadReport } from "./report.ts";
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
  // BOM, an odd UTF-16 length) fail here; a NUL is left to the load of the rewritten table.
  const scan = scanSource(src, chunkBytes);
  if (scan.problem !== null && scan.problem.kind !== "nul") throw new DecodeError(scan.problem);
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
      rows.row(outHeader, head.headerLine, Int32Array.from([...outFields.map((f) => columnOf(sources.get(f)!, -1)), ...extra]));
    },
    data: (rec) => {
      if (unpivot === null) emit(rec, -1);
      else for (const w of wide) emit(rec, w);
    },
    skipped: (line, kind) => void skipped.push({ line, kind }),
  });
  if (!resolved) resolve();

  const constHeader = (field: string) => {
    const s = sources.get(field);
    return s?.kind === "constant" ? `(konstant ${JSON.stringify(s.value)})` : schema.columns[field]?.header ?? field;
  };
  return loadRelocated(() => loadText(rows.bytes(), pass), (report) => {
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
  });
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
