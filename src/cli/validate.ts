/** `utfall validate <file> --kind <kind> [--json] [--strict] [--mapping file.json]`. */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { loadBytes, loadFile, LoadError, type LoadReport } from "../schema/load.ts";
import { isPlainMapping, readMapping } from "../schema/mapping.ts";
import { SheetError } from "../read/xlsx.ts";
import type { Schema } from "../schema/types.ts";
import { kinds, type KindName } from "../sources/index.ts";
import { parseArgs, UsageError } from "./args.ts";
import { kindList, resolveKind } from "./kind-names.ts";
import { failureSv, problemLine } from "./problem-text.ts";
import { checkInput, groupThousands, LINE_BREAK_NAME, SKIP_NAME } from "./input.ts";
import { writeJson, type Io } from "./io.ts";
import { redact, redactDeep } from "../read/redact.ts";
import { VALIDATE_USAGE } from "./usage.ts";
import { VALIDATE_FLAGS } from "./flags.ts";

export type ValidateStatus = "ok" | "quarantined" | "failed";

export interface ValidateOutput {
  status: ValidateStatus;
  exitCode: 0 | 1;
  /** Why the load failed (status "failed"), else null. */
  failure: string | null;
  report: LoadReport;
}

/** How many problems the human output lists (all are counted in errorsByKind). */
const LISTED = 20;

/** The kind from `--kind` (English or Swedish name), else from the file's name (`deltagare.csv`, `huvudbok.xlsx`). */
function kindFor(flag: string | undefined, file: string): KindName {
  if (flag !== undefined) {
    const kind = resolveKind(flag);
    if (kind === null) throw new UsageError(`okänd exporttyp ${flag} (unknown kind); finns: ${kindList()}`);
    return kind;
  }
  const base = path.basename(file).toLowerCase();
  for (const [kind, schema] of Object.entries(kinds)) if ((schema as Schema).fileName === base) return kind as KindName;
  const byName = resolveKind(base.replace(/\.[^.]+$/, ""));
  if (byName !== null) return byName;
  throw new UsageError(`ange --kind (missing --kind); typer: ${kindList()}`);
}

type ValidateOptions = { strict?: boolean; mapping?: Record<string, string>; mappingFile?: string; sheet?: string };

function loadOptions(name: string, opts: ValidateOptions) {
  // Pseudonyms are computed and thrown away: a one-off key, so no key file is read or created.
  return { name, mode: opts.strict ? ("strict" as const) : ("lenient" as const), mapping: opts.mapping, mappingFile: opts.mappingFile, sheet: opts.sheet, pseudonymKey: new Uint8Array(randomBytes(32)) };
}

/** A load's LoadError as its result; any other error is thrown on. */
function loadErrorOnly(e: unknown): LoadError {
  if (e instanceof LoadError) return e;
  throw e;
}

/** The summary of a load's report, or of its LoadError. */
function summarise(name: string, result: LoadReport | LoadError): ValidateOutput {
  let out: ValidateOutput;
  if (result instanceof LoadError) {
    const first = result.message.split("\n")[0];
    const failure = first.startsWith(`${name}: `) ? first.slice(name.length + 2) : first;
    out = { status: "failed", exitCode: 1, failure: failureSv(failure), report: result.report };
  } else {
    out = { status: result.ok ? "ok" : "quarantined", exitCode: result.ok ? 0 : 1, failure: null, report: result };
  }
  return redactDeep(out);
}

/** Load the bytes as `kind` and summarise; never throws a LoadError. */
export function validateBytes(bytes: Uint8Array, name: string, kind: string, opts: ValidateOptions = {}): ValidateOutput {
  const schema = kinds[resolveKind(kind) ?? (kind as KindName)] as Schema;
  let result: LoadReport | LoadError;
  try {
    result = loadBytes(schema, bytes, loadOptions(name, opts)).report;
  } catch (e) {
    result = loadErrorOnly(e);
  }
  return summarise(name, result);
}

/**
 * Load a file as `kind` and summarise, as `validateBytes` does, reading the file in windows (an
 * export of any size, never whole in memory); never throws a LoadError.
 */
export async function validateFile(file: string, name: string, kind: string, opts: ValidateOptions = {}): Promise<ValidateOutput> {
  const schema = kinds[resolveKind(kind) ?? (kind as KindName)] as Schema;
  const result = await loadFile(schema, file, loadOptions(name, opts)).then((r) => r.report, loadErrorOnly);
  return summarise(name, result);
}

/** Unknown columns shown in the human output; the rest are counted. */
const UNKNOWN_LISTED = 10;

/** A bounded summary of the unknown columns: names only, at most UNKNOWN_LISTED, then a count. */
function unknownSummary(r: LoadReport): string {
  const total = r.unknownColumnCount ?? r.unknownColumns.length;
  if (total === 0) return "–";
  const shown = r.unknownColumns.slice(0, UNKNOWN_LISTED);
  const more = total - shown.length;
  return shown.join(", ") + (more > 0 ? ` … och ${groupThousands(more)} till (and ${more} more)` : "");
}

function human(o: ValidateOutput): string {
  const r = o.report;
  const list = (xs: readonly string[]) => (xs.length === 0 ? "–" : xs.join(", "));
  const skipped = r.skippedLines.length === 0 ? "–" : r.skippedLines.map((s) => `rad ${s.line} (${SKIP_NAME[s.kind]})`).join(", ");
  const byKind = Object.entries(r.errorsByKind);
  const lines = [
    `Fil (file):                   ${r.file}`,
    `Typ (kind):                   ${r.kind}, ${r.mode === "strict" ? "strikt (strict)" : "tolerant (lenient)"}`,
    `Format:                       ${r.sheet !== undefined ? `xlsx (Excel), blad (sheet) ${r.sheet}, rader = Excel-rader (rows are sheet rows)` : r.encoding}, avgränsare ${r.delimiter === "\t" ? "tab" : JSON.stringify(r.delimiter)}, ${LINE_BREAK_NAME[r.lineBreak]}, rubrikrad ${r.headerLine === 0 ? "saknas" : r.headerLine}`,
    `Överhoppat (skipped):         ${skipped}`,
    `Rader lästa (rows read):      ${groupThousands(r.rowsRead)}`,
    `Godkända (accepted):          ${groupThousands(r.rowsAccepted)}`,
    `I karantän (quarantined):     ${groupThousands(r.rowsQuarantined)}${r.quarantinedLines.length > 0 ? ` – rad ${r.quarantinedLines.slice(0, LISTED).join(", ")}${r.quarantinedLines.length > LISTED || r.rowsQuarantined > r.quarantinedLines.length ? ", …" : ""}` : ""}`,
    `Kolumner (columns):           ${r.columns.length} inlästa; okända i filen (unknown): ${unknownSummary(r)}; saknas (absent): ${list(r.absentColumns)}; härledda (derived): ${list(r.derivedColumns)}`,
    `Fel per slag (errors by kind): ${byKind.length === 0 ? "inga (none)" : byKind.map(([k, n]) => `${k} ${n}`).join(", ")}`,
  ];
  if (r.errors.length > 0) {
    lines.push("Fel (errors):");
    for (const e of r.errors.slice(0, LISTED)) lines.push(`  ${problemLine(r.file, e)}`);
    const total = byKind.reduce((a, [, n]) => a + n, 0);
    if (total > Math.min(LISTED, r.errors.length)) lines.push(`  … och ${total - Math.min(LISTED, r.errors.length)} till (and more; --json lists up to 100)`);
  }
  const verdict =
    o.status === "ok" ? "OK – inga fel (no errors)"
    : o.status === "quarantined" ? `FEL – ${r.rowsQuarantined} rader i karantän (rows quarantined)`
    : `FEL – läsningen misslyckades (load failed): ${o.failure ?? ""}`;
  lines.push(`Resultat (result):            ${verdict}`);
  return redact(lines.join("\n")) + "\n";
}

export async function runValidate(args: string[], io: Io): Promise<number> {
  const { positionals, flags } = parseArgs(args, VALIDATE_FLAGS.flags, VALIDATE_FLAGS.aliases);
  if (flags.has("--help")) {
    io.stdout(VALIDATE_USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "ange en fil (missing file argument)" : `bara en fil åt gången (one file at a time), fick ${positionals.length}`);
  const file = positionals[0];
  const kind = kindFor(flags.get("--kind") as string | undefined, file);
  let mapping: Record<string, string> | undefined;
  let reshaping: string | undefined;
  const mappingFile = flags.get("--mapping") as string | undefined;
  if (mappingFile !== undefined) {
    try {
      // A plain mapping renames columns; one with constants, parts, år/year or unpivot is applied by the loader.
      const m = readMapping(path.resolve(io.cwd, mappingFile));
      if (isPlainMapping(m)) mapping = m.fields as Record<string, string>;
      else reshaping = path.resolve(io.cwd, mappingFile);
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
  }
  const full = (await checkInput(io.cwd, file)).path;
  let out: ValidateOutput;
  try {
    out = await validateFile(full, file, kind, { strict: flags.has("--strict"), mapping, mappingFile: reshaping, sheet: flags.get("--sheet") as string | undefined });
  } catch (e) {
    if (e instanceof SheetError && flags.has("--sheet")) throw new UsageError(e.message);
    throw e;
  }
  if (flags.has("--json")) writeJson(io, out);
  else io.stdout(human(out));
  return out.exitCode;
}
