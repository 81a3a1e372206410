/** `utfall inspect <file> [--json]`: what is in an unknown export. */
import { inspectBytes, inspectFile, type InspectResult } from "../read/inspect.ts";
import { inspectWorkbook } from "../read/xlsx-inspect.ts";
import { isWorkbook, SheetError } from "../read/xlsx.ts";
import { matchHeader } from "../schema/headers.ts";
import type { Schema } from "../schema/types.ts";
import { kinds } from "../sources/index.ts";
import { parseArgs, UsageError } from "./args.ts";
import { checkInput, groupThousands, LINE_BREAK_NAME, readInput, SKIP_NAME, table } from "./input.ts";
import { printErrorDocument } from "./error-json.ts";
import { writeJson, type Io } from "./io.ts";
import { redact, redactDeep } from "../read/redact.ts";
import { INSPECT_USAGE } from "./usage.ts";
import { INSPECT_FLAGS } from "./flags.ts";

export interface KindCandidate {
  kind: string;
  /** Header columns the kind's schema recognises (by header, alias). */
  matchedColumns: number;
  /** Columns the schema reads from a file (derived columns not counted). */
  schemaColumns: number;
  /** Required fields of the schema that the header lacks. */
  missingRequired: string[];
}

export interface InspectOutput extends InspectResult {
  kindGuess: { kind: string | null; candidates: KindCandidate[] };
  /** For an Excel workbook: the sheet inspected and all sheets (lines are then sheet rows). */
  sheet?: string;
  sheets?: string[];
}

/** Which export kinds fit the header; also marks columns that a schema declares personal. */
export function guessKind(header: readonly string[]): { kind: string | null; candidates: KindCandidate[]; personalColumns: Set<number> } {
  const candidates: KindCandidate[] = [];
  const personalColumns = new Set<number>();
  for (const [kind, schema] of Object.entries(kinds)) {
    const s = schema as Schema;
    const m = matchHeader(s, header);
    let matched = 0;
    for (const b of m.bindings) {
      if (b.index === -1) continue;
      matched++;
      if (b.spec.personal === true || b.spec.type === "pnr") personalColumns.add(b.index);
    }
    const schemaColumns = Object.values(s.columns).filter((c) => c.statusOf === undefined).length;
    if (matched > 0) candidates.push({ kind, matchedColumns: matched, schemaColumns, missingRequired: m.missingRequired });
  }
  candidates.sort((a, b) => a.missingRequired.length - b.missingRequired.length || b.matchedColumns - a.matchedColumns || a.kind.localeCompare(b.kind));
  const best = candidates[0];
  const kind = best && best.missingRequired.length === 0 && best.matchedColumns >= 2 ? best.kind : null;
  return { kind, candidates, personalColumns };
}

/** Inspect an export's bytes (a workbook, or CSV text in memory). */
export function inspectOutput(bytes: Uint8Array, name: string, sheet?: string): InspectOutput {
  return withKindGuess(isWorkbook(bytes) ? inspectWorkbook(bytes, name, { sheet }) : inspectBytes(bytes, name));
}

/**
 * Inspect a CSV export file, read in windows straight from the file (issue 11: any size, no
 * string holds the whole text). A workbook is read whole (a zip) through `inspectOutput`.
 */
export function inspectFileOutput(path: string, name: string): InspectOutput {
  return withKindGuess(inspectFile(path, name));
}

function withKindGuess(r: InspectResult): InspectOutput {
  const guess = guessKind(r.header);
  const columns = r.columns.map((c, i) => (guess.personalColumns.has(i) || c.personal ? { ...c, personal: true, examples: [] } : c));
  return redactDeep({ ...r, columns, kindGuess: { kind: guess.kind, candidates: guess.candidates } });
}

/** Columns the human output lists. */
const COLUMNS_LISTED = 100;

function human(o: InspectOutput): string {
  const lines: string[] = [];
  const skipped = o.skippedLines.length === 0 ? "–" : o.skippedLines.map((s) => `rad ${s.line} (${SKIP_NAME[s.kind]})`).join(", ");
  lines.push(
    `Fil (file):                 ${o.file}`,
    `Storlek (size):             ${groupThousands(o.bytes)} byte, sha256 ${o.sha256}`,
    `Kodning (encoding):         ${o.sheet !== undefined ? `xlsx (Excel), blad (sheet) ${o.sheet} av ${(o.sheets ?? []).join(", ")}` : o.encoding}`,
    `Avgränsare (delimiter):     ${o.delimiter === "\t" ? "tab" : JSON.stringify(o.delimiter)}, radbrytning (line break) ${LINE_BREAK_NAME[o.lineBreak]}`,
    `Rubrikrad (header line):    ${o.headerLine === 0 ? "ingen hittad (none found)" : `rad ${o.headerLine}`}`,
    `Överhoppat (skipped):       ${skipped}`,
    `Rader (lines):              ${groupThousands(o.physicalLines)} fysiska, ${groupThousands(o.dataRows)} datarader (data rows)`,
    `Fel fältantal (bad count):  ${o.fieldCountMismatches} rader${o.badQuoteLines.length > 0 ? `; ostängda citattecken på rad ${o.badQuoteLines.join(", ")}` : ""}`,
  );
  const best = o.kindGuess.candidates[0];
  lines.push(
    `Trolig typ (likely kind):   ${o.kindGuess.kind === null ? "okänd (unknown)" : o.kindGuess.kind}` +
      (best ? ` – ${best.kind}: ${best.matchedColumns} av ${best.schemaColumns} kolumner känns igen${best.missingRequired.length ? `, saknar ${best.missingRequired.join(", ")}` : ""}` : ""),
    "",
  );
  // A bounded table: a "header" of thousands of fields is data read on one line, not columns.
  const rows = o.columns.slice(0, COLUMNS_LISTED).map((c, i) => [
    String(i + 1),
    c.header,
    c.inferredType + (c.personal ? " (personlig)" : ""),
    String(c.missing),
    String(c.unparsable),
    (c.distinctCapped ? ">" : "") + String(c.distinct),
    c.personal ? "(visas inte – personal, not shown)" : c.examples.join(" | "),
  ]);
  lines.push(...table(["#", "Kolumn (column)", "Typ (type)", "Saknas", "Ej tolkbara", "Olika", "Exempel (examples)"], rows));
  const more = o.columns.length - rows.length;
  if (more > 0) lines.push(`… och ${groupThousands(more)} kolumner till (and ${more} more columns; is the delimiter or the line break right?)`);
  return redact(lines.join("\n")) + "\n";
}

export async function runInspect(args: string[], io: Io): Promise<number> {
  const { positionals, flags } = parseArgs(args, INSPECT_FLAGS.flags, INSPECT_FLAGS.aliases);
  if (flags.has("--help")) {
    io.stdout(INSPECT_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "ange en fil (missing file argument)" : `bara en fil åt gången (one file at a time), fick ${positionals.length}`);
  const file = positionals[0];
  const input = await checkInput(io.cwd, file);
  // A workbook is read whole (a zip); a CSV export in windows, whatever its size.
  const workbook = isWorkbook(input.head) ? await readInput(io.cwd, file) : null;
  let out: InspectOutput;
  try {
    out = workbook !== null ? inspectOutput(workbook, file, flags.get("--sheet") as string | undefined) : inspectFileOutput(input.path, file);
  } catch (e) {
    if (e instanceof SheetError && flags.has("--sheet")) throw new UsageError(e.message);
    const message = `kunde inte läsa ${file} (could not read the file): ${redact(e instanceof Error ? e.message : String(e))}`;
    io.stderr(`utfall inspect: ${message}\n`);
    if (flags.has("--json")) printErrorDocument(io, 1, message);
    return 1;
  }
  if (flags.has("--json")) writeJson(io, out);
  else io.stdout(human(out));
  return 0;
}
