// Shared by the report-script tests: a data folder written row by row in a temporary directory,
// and the real script of reports/ built from it.
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildReport, type BuiltReport } from "../../src/report/build.ts";
import { isReportDefinition } from "../../src/report/report.ts";
import { BUILD_TIME, ROOT, silentEffects } from "../report/helpers.ts";
import { checkDigit } from "../read/helpers.ts";
import { SAMPLE_DIR } from "../e2e/sample.ts";

/** A valid, fictional identity number `YYYYMMDD-NNNN` (born on the first of a month of `year`). */
export function pnr(year: number, i: number): string {
  const date8 = `${year}${String((i % 12) + 1).padStart(2, "0")}01`;
  const serial = String(100 + i).padStart(3, "0");
  return `${date8}-${serial}${checkDigit(date8.slice(2) + serial)}`;
}

/** A data folder with the given files (UTF-8 with BOM, `;`, CRLF). */
export async function dataFolder(files: Record<string, string[][]>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "utfall-reports-"));
  for (const [name, rows] of Object.entries(files)) {
    await writeFile(path.join(dir, name), "\uFEFF" + rows.map((r) => r.join(";")).join("\r\n") + "\r\n");
  }
  return dir;
}

/** Build reports/<script>.ts from `dir` for `period`. */
export async function buildScript(script: string, dir: string, period: string, isPublic = false): Promise<BuiltReport> {
  const mod = (await import(path.join(ROOT, "reports", `${script}.ts`))) as { default: unknown };
  if (!isReportDefinition(mod.default)) throw new Error(`reports/${script}.ts has no report`);
  return buildReport(mod.default, { name: script, dataDir: dir, period, public: isPublic, buildTime: BUILD_TIME, libraryVersion: "0.0.0-test" }, silentEffects());
}

/** Text with the no-break spaces of Swedish number formatting (U+00A0, U+202F) as plain spaces. */
export const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, " ");

/** figures.json's figures by id (`shown` with plain spaces). */
export function figuresById(built: BuiltReport): Map<string, { value: unknown; shown: string; suppressed: boolean }> {
  return new Map(built.figures.figures.map((f) => {
    const g = f as unknown as { value: unknown; shown: string; suppressed: boolean };
    return [f.id, { ...g, shown: plain(g.shown) }];
  }));
}

/** The page's text: tags removed, white space collapsed, no-break spaces plain. */
export const pageText = (html: string): string => plain(html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " "));

/** A table (or a chart's data) of the written figures.json by name: its rows as objects keyed by column key. */
export function tableRows(built: BuiltReport, name: string): Record<string, unknown>[] {
  type Data = { name: string; columns: { key: string }[]; rows: unknown[][] };
  const doc = JSON.parse(new TextDecoder().decode(built.files.get("figures.json"))) as { tables: Data[]; charts: { data: Data }[] };
  // a report table, else a chart's data
  const t = doc.tables.find((x) => x.name === name) ?? doc.charts.map((c) => c.data).find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c.key, row[i]])));
}

/** The programme catalogue of the agreement report's tests: AIR (the agreement: 60 places, 1 694 000 kr a year) and JOBBSP. */
export const AGREEMENT_CATALOGUE = [
  ["Kod", "Namn", "Platser", "Utförare", "Årskostnad", "Giltig från", "Giltig till"],
  ["AIR", "Arbetsinriktad rehabilitering", "60", "Jobb- och kunskapstorget", "1 694 000", "2016-01-01", ""],
  ["JOBBSP", "Jobbspåret", "80", "AME Egen regi", "4 200 000", "2015-01-01", ""],
];

/**
 * A copy of data/sample in `dir` whose participants export has its data rows passed to `edit`
 * (the row's fields, changed in place, and a column's index by its header); returns how many
 * rows `edit` changed (said by returning true). The export is Windows-1252: read byte for byte as
 * Latin-1 and written back the same way.
 */
export async function sampleWithParticipants(dir: string, edit: (fields: string[], col: (name: string) => number) => boolean): Promise<number> {
  await cp(SAMPLE_DIR, dir, { recursive: true });
  const file = path.join(dir, "deltagare.csv");
  const lines = (await readFile(file)).toString("latin1").split("\r\n");
  const at = lines.findIndex((l) => l.startsWith("Personnummer;"));
  const header = lines[at].split(";");
  const col = (name: string) => header.indexOf(name);
  let changed = 0;
  for (let i = at + 1; i < lines.length; i++) {
    const f = lines[i].split(";");
    if (f.length < header.length || !edit(f, col)) continue;
    lines[i] = f.join(";");
    changed++;
  }
  await writeFile(file, Buffer.from(lines.join("\r\n"), "latin1"));
  return changed;
}
