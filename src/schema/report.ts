/**
 * The load report and `LoadError`. The report is plain JSON (printed by
 * `utfall validate --json`) and never holds a personal value: a cell's value is shown only when
 * its column is not personal.
 */
import type { Encoding } from "../read/encoding.ts";
import type { LineBreak } from "../read/lines.ts";
import type { Delimiter } from "../read/dialect.ts";
import { redact } from "../read/redact.ts";
import { detach } from "../read/chars.ts";

/** One problem found while loading. */
export interface LoadIssue {
  /** Physical line (1-based) in the file; for an unbalanced quote, the line where it opened. */
  line: number;
  /** The column's header as written in the file ("" for a problem with the whole row). */
  column: string;
  /** The schema field ("" for a problem with the whole row or file). */
  field: string;
  /** What was expected: a type description, "a value", "N fields", "a closed quote", … */
  expected: string;
  /** The cell as written; absent for personal columns and whole-row problems. */
  value?: string;
  /** One line of text naming file, line, column and expectation. */
  message: string;
  /** Where in a workbook or JSON input the problem is: `Blad1!C17`, `values[3].values[0]` (issue 10). */
  cell?: string;
  /**
   * Kind of problem: a value type (`integer`, `money`, `pnr`, …), `required`, `field-count`,
   * `unbalanced-quote`, `subtotal`, `missing-column`, `duplicate-column`, `mapping`, `no-header`,
   * `encoding`.
   */
  kind: string;
}

export interface LoadReport {
  /** The file's name as given (path or `name` option). */
  file: string;
  /** The export kind of the schema. */
  kind: string;
  /** `strict` (any bad cell fails the load) or `lenient` (bad rows quarantined). */
  mode: "strict" | "lenient";
  /** SHA-256 of the file's bytes, hex. */
  sha256: string;
  /** Size of the file in bytes. */
  bytes: number;
  /** Detected encoding. */
  encoding: Encoding;
  /** Detected delimiter. */
  delimiter: Delimiter;
  /** Detected line break (of the first line); `"\r"` for a file whose lines end with a bare CR. */
  lineBreak: LineBreak;
  /** Physical line (1-based) of the header row; 0 when none was found. */
  headerLine: number;
  /** The header row's fields as written (trimmed). */
  header: string[];
  /** Each field read from the file and the header it was read from. */
  columns: { field: string; header: string }[];
  /** Headers in the file that no field uses (ignored): the first 20 names, each cut at 60 characters. */
  unknownColumns: string[];
  /** How many headers no field uses (all of them, also those beyond `unknownColumns`). */
  unknownColumnCount: number;
  /** Optional fields absent from the file and not derivable (all missing in the table). */
  absentColumns: string[];
  /** Fields derived rather than read (e.g. gender and birth year from the identity number, Kolada's status). */
  derivedColumns: string[];
  /** Physical lines that hold no data: titles above the header, footers below the data, blank lines. */
  skippedLines: { line: number; kind: "title" | "footer" | "blank" }[];
  /**
   * The date the export was taken (`YYYY-MM-DD`), as its title lines state it (`…, uttag
   * 2024-04-30`; rules in src/read/extraction-date.ts); null when they state none, a date that
   * does not exist, or two different dates. Only the date is kept, never the title's text.
   */
  extractedOn: string | null;
  /** Physical lines of the file, counted independently of the tokenizer. */
  physicalLines: number;
  /**
   * Physical lines that belong to data records: physicalLines − header lines − skipped lines.
   * Always equals rowsRead plus the extra lines of multi-line records (checked in code).
   */
  dataLines: number;
  /** Data records read (rowsRead === rowsAccepted + rowsQuarantined, checked in code). */
  rowsRead: number;
  /** Rows in the loaded table. */
  rowsAccepted: number;
  /** Rows left out because they had an error (lenient mode; in strict mode the load fails). */
  rowsQuarantined: number;
  /** Physical line where each quarantined row starts (capped like `errors`). */
  quarantinedLines: number[];
  /** The problems, in file order, up to `maxErrors`. */
  errors: LoadIssue[];
  /** Number of problems per kind, counting all of them (also those beyond `maxErrors`). */
  errorsByKind: Record<string, number>;
  /** True when more problems were found than `errors` holds. */
  errorsTruncated: boolean;
  /** Where the pseudonym key came from, when the schema has an identity-number column. */
  pseudonymKeySource: "option" | "env" | "file" | "created" | null;
  /** True when the file loaded with no problem at all. */
  ok: boolean;
  /** For an Excel workbook: the sheet read (issue 10). Lines are then sheet rows. */
  sheet?: string;
}

/** What a strict load that found problems fails with (after the file's name). */
export function strictFailure(problems: number, quarantined: number, rows: number): string {
  return `${problems} problem(s) in ${quarantined} of ${rows} rows (strict mode; use lenient mode to quarantine bad rows)`;
}

/** Thrown when a load fails (strict mode with bad cells, a missing required column, no header, …). */
export class LoadError extends Error {
  readonly report: LoadReport;
  constructor(report: LoadReport, summary: string) {
    super(formatLoadError(report, summary));
    this.name = "LoadError";
    this.report = report;
  }

  /** The same error with `note` added to its message: a new object, since a LoadError may be shared (one parse, several reports). */
  withNote(note: string): LoadError {
    const e = new LoadError(this.report, "");
    e.message = this.message + note;
    return e;
  }
}

/** How many problems a LoadError message lists. */
const LISTED = 10;

function formatLoadError(report: LoadReport, summary: string): string {
  const total = Object.values(report.errorsByKind).reduce((a, b) => a + b, 0);
  const lines = [`${report.file}: ${summary}`];
  for (const e of report.errors.slice(0, LISTED)) lines.push(`  ${e.message}`);
  if (total > LISTED) lines.push(`  … and ${total - LISTED} more (${Object.entries(report.errorsByKind).map(([k, n]) => `${k}: ${n}`).join(", ")})`);
  return lines.join("\n");
}

/** Collects issues up to a maximum, counting all of them by kind. */
export class IssueCollector {
  readonly issues: LoadIssue[] = [];
  readonly byKind: Record<string, number> = {};
  truncated = false;
  total = 0;
  constructor(
    private readonly file: string,
    private readonly max: number,
  ) {}

  add(kind: string, line: number, column: string, field: string, expected: string, cell: string | undefined, detail?: string): void {
    // A personal column's value never gets here; an identity number typed into another column
    // is masked too, so no message, log or output ever holds one.
    // A copy: a cell sliced from a window of text would keep the whole window alive.
    const value = cell === undefined ? undefined : detach(redact(cell));
    this.total++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (this.issues.length >= this.max) {
      this.truncated = true;
      return;
    }
    const where = column !== "" ? ` column "${column}"${field !== "" && field !== column ? ` (${field})` : ""}:` : "";
    const why = detail !== undefined ? ` (${detail})` : "";
    const got = value !== undefined ? `, got ${JSON.stringify(value)}${why}` : why;
    const message = `${this.file}:${line}:${where} expected ${expected}${got}`;
    const issue: LoadIssue = { line, column, field, expected, message, kind };
    if (value !== undefined) issue.value = value;
    this.issues.push(issue);
  }
}
