/**
 * Reading data records into column builders: the per-row rules of the loader (field count,
 * unbalanced quotes, subtotal rows, missing and invalid cells, identity numbers outside their
 * column), shared by the single-threaded walk and the parallel parse of byte ranges (issue 11 §2),
 * so both give the same rows and the same problems.
 */
import type { RecordView } from "../read/tokenizer.ts";
import type { DecimalSeparator } from "../read/numbers.ts";
import { isSubtotalLabel } from "../read/subtotal.ts";
import { missingKind, PRESENT, type MissingKind } from "../read/missing.ts";
import type { Pseudonymizer } from "../read/pseudonym.ts";
import { IDENTITY_NUMBER_DETAIL, IDENTITY_NUMBER_EXPECTED, IDENTITY_NUMBER_ISSUE } from "../guard/cell-check.ts";
import { codeAccepts, createBuilder, deriveFromPnr, HOLDS_IDENTITY_NUMBER, INVALID, StatusColumn, VALID, type ColumnBuilder } from "./columns.ts";
import { fit } from "./typed-arrays.ts";
import type { HeaderMatch } from "./headers.ts";
import type { Schema } from "./types.ts";

/** Where the row rules report a problem (the loader's IssueCollector, or a worker's RawIssues). */
export interface IssueSink {
  add(kind: string, line: number, column: string, field: string, expected: string, cell: string | undefined, detail?: string): void;
}

export interface RowContext {
  capacity: number;
  referenceYear: number;
  decimal: DecimalSeparator;
  pseudonyms: () => Pseudonymizer;
  /** Quarantined lines listed (all are counted). */
  maxErrors: number;
}

/** Longest column name shown. */
const MAX_NAME = 60;

export function clipName(h: string): string {
  return h.length > MAX_NAME ? h.slice(0, MAX_NAME - 1) + "…" : h;
}

/** The detail of an unbalanced-quote problem (it names the line, so a merge of ranges rewrites it). */
export function unbalancedQuoteDetail(line: number): string {
  return `a quote opened on line ${line} is not closed properly; the row was read up to the end of its line, later rows are not affected`;
}

/** The builders of one header, and the rows read into them. */
export class RowReader {
  /** Builder per schema field (schema order); null for a field neither read nor derived. */
  readonly builders: (ColumnBuilder | null)[];
  /** Fields read from the file, with their headers. */
  readonly columnsRead: { field: string; header: string }[] = [];
  readonly derived: string[] = [];
  readonly absent: string[] = [];
  /** Accepted rows. */
  n = 0;
  rowsQuarantined = 0;
  /** First lines of quarantined rows, at most maxErrors. */
  readonly quarantined: number[] = [];

  private readonly headerFields: number;
  private readonly needFields: number;
  private readonly readIdx: number[] = [];
  private readonly readCols: ColumnBuilder[] = [];
  private readonly readHeaders: string[] = [];
  private readonly readFields: string[] = [];
  private readonly readRequired: boolean[] = [];
  private readonly readPersonal: boolean[] = [];
  /** File columns checked for subtotal labels (all but numbers, dates and booleans), and code columns' own values. */
  private readonly subtotalIdx: number[] = [];
  private readonly subtotalCode: (((raw: string) => boolean) | null)[] = [];
  private readonly subtotalPersonal: boolean[] = [];
  private readonly subtotalHeader: string[] = [];
  private readonly subtotalField: string[] = [];

  constructor(
    private readonly schema: Schema,
    header: readonly string[],
    match: HeaderMatch,
    private readonly ctx: RowContext,
    private readonly issues: IssueSink,
  ) {
    this.headerFields = header.length;
    this.needFields = neededFields(header);
    const numeric = new Set<number>();
    const codeOf = new Map<number, (raw: string) => boolean>();
    for (const b of match.bindings) {
      if (b.index === -1) continue;
      const t = b.spec.type;
      if (t === "integer" || t === "decimal" || t === "money" || t === "date" || t === "boolean") numeric.add(b.index);
      else if (t === "code") codeOf.set(b.index, codeAccepts(b.spec));
    }
    const fieldOf = new Map<number, { field: string; personal: boolean }>();
    for (const b of match.bindings) if (b.index !== -1) fieldOf.set(b.index, { field: b.field, personal: b.spec.personal === true || b.spec.type === "pnr" });
    for (let i = 0; i < header.length; i++) {
      if (numeric.has(i)) continue;
      this.subtotalIdx.push(i);
      this.subtotalCode.push(codeOf.get(i) ?? null);
      this.subtotalPersonal.push(fieldOf.get(i)?.personal ?? false);
      this.subtotalHeader.push(clipName(header[i]));
      this.subtotalField.push(fieldOf.get(i)?.field ?? "");
    }
    const bctx = { capacity: ctx.capacity, referenceYear: ctx.referenceYear, pseudonyms: ctx.pseudonyms, decimal: ctx.decimal };
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
        const builder = createBuilder(b.spec, bctx, statusFor.get(b.field) ?? null);
        byField.set(b.field, builder);
        this.readIdx.push(b.index);
        this.readCols.push(builder);
        this.readHeaders.push(b.header!);
        this.readFields.push(b.field);
        this.readRequired.push(b.spec.required === true);
        this.readPersonal.push(builder.kind === "pnr" || b.spec.personal === true);
        this.columnsRead.push({ field: b.field, header: b.header! });
      }
    }
    const pnrBinding = match.bindings.find((b) => b.spec.type === "pnr" && b.index !== -1);
    for (const b of match.bindings) {
      if (b.derived === "pnr" && pnrBinding) {
        const target = createBuilder(b.spec.type === "gender" ? { ...b.spec, type: "string" } : b.spec, bctx, null);
        deriveFromPnr(byField.get(pnrBinding.field)!, target, b.spec.deriveFromPnr!);
        byField.set(b.field, target);
        this.derived.push(b.field);
      } else if (b.derived === "status") {
        this.derived.push(b.field);
        if (!byField.has(b.spec.statusOf!) || !match.bindings.some((x) => x.field === b.spec.statusOf && x.index !== -1)) {
          // The target is absent: every status is "missing" (filled at the end).
          byField.delete(b.field);
        }
      } else if (b.index === -1) {
        this.absent.push(b.field);
      }
    }
    this.builders = match.bindings.map((b) => byField.get(b.field) ?? null);
    this.checked = [...new Set([...this.readIdx, ...this.subtotalIdx])].sort((a, b) => a - b);
    this.unknown = new Int32Array(this.checked.length);
    this.readAt = placeOf(this.readIdx, this.headerFields);
    this.subtotalAt = placeOf(this.subtotalIdx, this.headerFields);
  }

  /** Read one data record: into the builders at row `n`, or quarantined with its problems. */
  data(rec: RecordView): void {
    if (this.deferred > 0) this.flushCoded(); // rows on codes left to be written come first
    const issues = this.issues;
    const fields = rec.fields;
    const count = rec.count;
    let bad = false;
    if (rec.badQuoteLine !== 0) {
      bad = true;
      issues.add("unbalanced-quote", rec.badQuoteLine, "", "", "a closing quote", undefined, unbalancedQuoteDetail(rec.badQuoteLine));
    }
    if (wrongFieldCount(fields, count, this.needFields, this.headerFields)) {
      bad = true;
      issues.add("field-count", rec.firstLine, "", "", `${this.headerFields} fields`, undefined, `found ${count}`);
    }
    // A subtotal or total row (`Summa` in a key or text column) is a sum of other rows: never summed.
    const subtotalIdx = this.subtotalIdx;
    for (let k = 0; !bad && k < subtotalIdx.length; k++) {
      const idx = subtotalIdx[k];
      if (idx >= count) break;
      const raw = fields[idx];
      if (!isSubtotalLabel(raw)) continue;
      const code = this.subtotalCode[k];
      if (code !== null && code(raw)) continue; // a code of its own (Kolada's gender "Totalt" = T)
      bad = true;
      issues.add("subtotal", rec.firstLine, this.subtotalHeader[k], this.subtotalField[k], "a data row, not a subtotal or total row", this.subtotalPersonal[k] ? undefined : raw,
        "delsumma eller totalrad? (subtotal or total row?); raden summeras inte (the row is not summed)");
    }
    // A row that is broken as a whole (bad quote, wrong field count, subtotal) gets one error, not one per misaligned cell.
    const broken = bad;
    const cols = this.readCols;
    const n = this.n;
    for (let c = 0; !broken && c < cols.length; c++) {
      const idx = this.readIdx[c];
      const raw = idx < count ? fields[idx] : "";
      const col = cols[c];
      const mk = missingKind(raw);
      if (mk !== PRESENT) {
        col.missing(n, mk);
        if (this.readRequired[c]) {
          bad = true;
          issues.add("required", rec.firstLine, this.readHeaders[c], this.readFields[c], "a value (the column is required)", undefined, "the cell is empty or a missing marker");
        }
        continue;
      }
      const found = col.present(n, raw);
      if (found === INVALID) {
        bad = true;
        const personal = this.readPersonal[c];
        issues.add(col.kind, rec.firstLine, this.readHeaders[c], this.readFields[c], col.expected, personal ? undefined : raw, personal ? col.detail() ?? "the value is personal and not shown" : col.detail());
      } else if (found === HOLDS_IDENTITY_NUMBER) {
        bad = true; // issue 7: no identity number outside the declared column; never shown
        issues.add(IDENTITY_NUMBER_ISSUE, rec.firstLine, this.readHeaders[c], this.readFields[c], IDENTITY_NUMBER_EXPECTED, undefined, IDENTITY_NUMBER_DETAIL);
      }
    }
    if (bad) {
      this.rowsQuarantined++;
      if (this.quarantined.length < this.ctx.maxErrors) this.quarantined.push(rec.firstLine);
    } else {
      this.n++;
    }
  }

  /** By file column: the missing kind + 1 of each raw code (0 = not yet classified). */
  private readonly missingByCode: Int8Array[] = [];
  /** By subtotal column (as subtotalIdx): 1 a row-breaking subtotal label, 2 not one, 0 not yet classified. */
  private readonly subtotalByCode: Int8Array[] = [];
  /**
   * By file column that a row's reading looks at (read, or checked for subtotal labels): 1 for a
   * raw code whose cell is known to be read without a problem from the memos (missing in a column
   * that is not required, or `memoized`), and not a subtotal label; 0 not (yet) known.
   */
  private readonly cleanByCode: Int8Array[] = [];
  /** The file columns of cleanByCode, in file order. */
  private readonly checked: number[];
  /** By file column: its place in readCols / subtotalIdx, or -1. */
  private readonly readAt: Int32Array;
  private readonly subtotalAt: Int32Array;
  /** Rows of the current window left to `flushCoded`: their row numbers and their codes' bases. */
  private deferRows = new Int32Array(1024);
  private deferBases = new Int32Array(1024);
  private deferred = 0;
  private deferCodes: Int32Array | null = null;

  /**
   * Read one data record given as raw codes (src/schema/range-fast.ts): `headerFields` codes at
   * `codes[base…]`, the string of code k of file column i being `strings[i][k]`; one physical
   * line, no quotes. The same as `data` of the record of those strings:
   *
   * - the cells whose codes are not known clean (`cleanByCode`) are read now from the columns'
   *   memos by code (`presentCoded`): only they can add a value to a dictionary or a person, and
   *   each column's additions come in the order of reading the text;
   * - a row with any problem is read by `data`, which writes the same row again and tells its
   *   problems exactly as on the other path;
   * - the row is numbered, and its cells are written with the window's other rows, column by
   *   column (`flushCoded`, before the next window's codes and before anything else is read).
   *
   * (A text column that turns into a plain array counts the rows up to the one it writes, as on
   * the other path: rows left to be written are written into it as strings.)
   */
  dataCoded(codes: Int32Array, base: number, line: number, strings: readonly (readonly string[])[]): void {
    const checked = this.checked;
    const clean = this.cleanByCode;
    let unknown = 0;
    for (let k = 0; k < checked.length; k++) {
      const idx = checked[k];
      const memo = clean[idx];
      const code = codes[base + idx];
      if (memo === undefined || code >= memo.length || memo[code] !== 1) this.unknown[unknown++] = idx;
    }
    if (unknown > 0 && !this.readUnknown(codes, base, line, strings, unknown)) return;
    if (this.deferCodes !== codes) {
      this.flushCoded();
      this.deferCodes = codes;
    }
    if (this.deferred === this.deferRows.length) {
      this.deferRows = fit(this.deferRows, this.deferred);
      this.deferBases = fit(this.deferBases, this.deferred);
    }
    this.deferRows[this.deferred] = this.n;
    this.deferBases[this.deferred] = base;
    this.deferred++;
    this.n++;
  }

  /** File columns of the current row whose codes are not known clean. */
  private readonly unknown: Int32Array;

  /**
   * The row's cells that are not known clean (`this.unknown[0…count)`), read now. True when the
   * row is to be numbered and written by `flushCoded`; false when it was read here (by `data`,
   * or cell by cell when a value is not in its column's memo).
   */
  private readUnknown(codes: Int32Array, base: number, line: number, strings: readonly (readonly string[])[], count: number): boolean {
    const unknown = this.unknown;
    const n = this.n;
    for (let u = 0; u < count; u++) {
      const idx = unknown[u];
      const code = codes[base + idx];
      const k = this.subtotalAt[idx];
      if (k !== -1) {
        const memo = memoAt(this.subtotalByCode, k, code);
        let m = memo[code];
        if (m === 0) {
          const raw = strings[idx][code];
          const c = this.subtotalCode[k];
          m = memo[code] = isSubtotalLabel(raw) && !(c !== null && c(raw)) ? 1 : 2;
        }
        if (m === 1) {
          this.data(recordOf(codes, base, line, strings, this.headerFields));
          return false;
        }
      }
    }
    let memoized = true;
    for (let u = 0; u < count; u++) {
      const idx = unknown[u];
      const c = this.readAt[idx];
      if (c === -1) continue;
      const code = codes[base + idx];
      const memo = memoAt(this.missingByCode, idx, code);
      let mk = memo[code] - 1;
      if (mk === -1) mk = (memo[code] = missingKind(strings[idx][code]) + 1) - 1;
      const col = this.readCols[c];
      if (mk !== PRESENT) {
        if (this.readRequired[c]) {
          this.data(recordOf(codes, base, line, strings, this.headerFields));
          return false;
        }
        col.missing(n, mk as MissingKind);
        continue;
      }
      if (col.presentCoded(n, code, strings[idx][code]) !== VALID) {
        this.data(recordOf(codes, base, line, strings, this.headerFields));
        return false;
      }
      if (!col.memoized(code)) memoized = false;
    }
    // The row has no problem: its codes are clean now, but a value that its column keeps
    // without a memo (a text column turned plain array).
    for (let u = 0; u < count; u++) {
      const idx = unknown[u];
      const c = this.readAt[idx];
      const code = codes[base + idx];
      if (c !== -1 && this.missingByCode[idx][code] - 1 === PRESENT && !this.readCols[c].memoized(code)) continue;
      memoAt(this.cleanByCode, idx, code)[code] = 1;
    }
    if (memoized) return true;
    // Written here, cell by cell (the known cells from their memos).
    const cols = this.readCols;
    for (let c = 0; c < cols.length; c++) {
      const idx = this.readIdx[c];
      const code = codes[base + idx];
      const mk = this.missingByCode[idx][code] - 1; // (every code of the row is classified by now)
      if (mk !== PRESENT) cols[c].missing(n, mk as MissingKind);
      else cols[c].presentCoded(n, code, strings[idx][code]);
    }
    this.n++;
    return false;
  }

  /** Write the rows `dataCoded` left (see there); call before the codes change and before the columns are read. */
  flushCoded(): void {
    const count = this.deferred;
    if (count === 0) return;
    const codes = this.deferCodes!;
    const cols = this.readCols;
    for (let c = 0; c < cols.length; c++) {
      const idx = this.readIdx[c];
      cols[c].fillCoded(this.deferRows, this.deferBases, count, codes, idx, this.missingByCode[idx]);
    }
    this.deferred = 0;
  }
}

/** `memos[k]`, made or grown so that it holds `code`. */
function memoAt(memos: Int8Array[], k: number, code: number): Int8Array {
  let memo = memos[k];
  if (memo === undefined || code >= memo.length) memo = memos[k] = fit(memo ?? new Int8Array(0), code);
  return memo;
}

/** By position 0…size-1: where it is in `list`, or -1. */
function placeOf(list: readonly number[], size: number): Int32Array {
  const at = new Int32Array(size).fill(-1);
  list.forEach((v, i) => {
    if (v < size) at[v] = i;
  });
  return at;
}

/** The record of strings that `dataCoded`'s codes stand for. */
function recordOf(codes: Int32Array, base: number, line: number, strings: readonly (readonly string[])[], count: number): RecordView {
  const fields: string[] = new Array(count);
  for (let i = 0; i < count; i++) fields[i] = strings[i][codes[base + i]];
  return { fields, count, firstLine: line, lastLine: line, badQuoteLine: 0 };
}

/** Fields a data record must have: the header's, up to its last non-empty name. */
export function neededFields(header: readonly string[]): number {
  let need = header.length;
  while (need > 0 && header[need - 1] === "") need--;
  return need;
}

/** A record whose fields cannot be the header's: too few, or a non-empty field beyond the header. */
export function wrongFieldCount(fields: readonly string[], count: number, needFields: number, headerFields: number): boolean {
  if (count < needFields) return true;
  for (let i = headerFields; i < count; i++) if (fields[i].trim() !== "") return true;
  return false;
}

export { PRESENT };
