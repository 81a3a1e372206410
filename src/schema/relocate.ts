/**
 * Moving the locations of a load report from the text the loader read back to the input the
 * user has: an Excel sheet (`Blad1!C17 (rad 17)`), a wide file before its unpivot (its own line
 * and column), a Kolada JSON response (`values[3].values[0]`).
 */
import { LoadError, type LoadIssue, type LoadReport } from "./report.ts";

export interface Place {
  /** The line (row) number in the input. */
  line: number;
  /** The column's header in the input (may differ from the text's after a mapping). */
  column: string;
  /** A cell reference (`Blad1!C17`) or path (`values[3].values[0]`), when the input has one. */
  cell?: string;
  /** What the message shows after the file name: `17`, `Blad1!C17 (rad 17)`. */
  where: string;
}

export interface Locator {
  /** The input line (row) of a line of the text. */
  line(textLine: number): number;
  /** Where an issue at a text line and text column (−1 for the whole row) is in the input. */
  place(textLine: number, textColumn: number, column: string): Place;
}

/** Rewrite the report's locations in place. */
export function relocateReport(report: LoadReport, locator: Locator): void {
  const file = report.file;
  const textHeader = report.header;
  report.errors = report.errors.map((e) => relocateIssue(e, file, textHeader, locator));
  if (report.headerLine > 0) report.headerLine = locator.line(report.headerLine);
  const seen = new Set<string>();
  report.skippedLines = report.skippedLines
    .map((s) => ({ line: locator.line(s.line), kind: s.kind }))
    .filter((s) => !seen.has(`${s.line}:${s.kind}`) && seen.add(`${s.line}:${s.kind}`) !== undefined);
  report.quarantinedLines = [...new Set(report.quarantinedLines.map((l) => locator.line(l)))];
}

function relocateIssue(e: LoadIssue, file: string, textHeader: readonly string[], locator: Locator): LoadIssue {
  const textColumn = e.column === "" ? -1 : textHeader.indexOf(e.column);
  const p = locator.place(e.line, textColumn, e.column);
  let message = e.message;
  const prefix = `${file}:${e.line}:`;
  if (message.startsWith(prefix)) message = `${file}:${p.where}:` + message.slice(prefix.length);
  if (p.column !== e.column && e.column !== "") message = message.replace(where(e.column, e.field), where(p.column, e.field));
  const out: LoadIssue = { ...e, line: p.line, column: p.column, message };
  if (p.cell !== undefined) out.cell = p.cell;
  return out;
}

/** The column part of a message, as IssueCollector writes it. */
function where(column: string, field: string): string {
  return ` column "${column}"${field !== "" && field !== column ? ` (${field})` : ""}:`;
}

/**
 * Run a load of converted text and relocate its report, also when it fails: a LoadError is
 * thrown again with the relocated report (and a message listing the relocated problems). `fix`
 * gets the failed load's summary (null when the load succeeded) and may return the summary to
 * fail with instead: a problem of the input that the converted text does not hold fails the load.
 */
export function loadRelocated<L extends { report: LoadReport }>(load: () => L, fix: (report: LoadReport, summary: string | null) => string | void): L {
  let loaded: L;
  try {
    loaded = load();
  } catch (e) {
    if (!(e instanceof LoadError)) throw e;
    const first = e.message.split("\n")[0];
    const prefix = `${e.report.file}: `;
    const summary = first.startsWith(prefix) ? first.slice(prefix.length) : first;
    const fixed = fix(e.report, summary);
    throw new LoadError(e.report, typeof fixed === "string" ? fixed : summary);
  }
  const failed = fix(loaded.report, null);
  if (typeof failed === "string") throw new LoadError(loaded.report, failed);
  return loaded;
}
