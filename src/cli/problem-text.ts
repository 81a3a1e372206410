/**
 * `validate`'s human output in Swedish first: each problem line and the verdict are written from
 * the load report's structured fields (line, cell, column, field, kind, expected, value), with the
 * English text as a gloss in parentheses. The report's own `message` (and the JSON) keep their
 * documented form; this module only words what a person reads.
 */
import type { LoadIssue } from "../schema/report.ts";

/** What a value of each kind should have been, in Swedish. */
const EXPECTED_SV: Readonly<Record<string, string>> = {
  integer: "ett heltal (1 234, -5)",
  money: "ett belopp i kronor med högst två decimaler (1 234,50)",
  date: "ett datum (ÅÅÅÅ-MM-DD eller ÅÅÅÅMMDD)",
  month: "en månad (ÅÅÅÅ-MM, ÅÅÅÅMM, ÅÅÅÅMmm eller ett datum)",
  boolean: "ja eller nej (ja/nej, j/n, 1/0, x/tomt, sant/falskt)",
  gender: "ett kön",
  pnr: "ett personnummer (ÅÅÅÅMMDD-NNNN, ÅÅMMDD-NNNN eller ÅÅÅÅMMDDNNNN)",
  required: "ett värde (kolumnen är obligatorisk)",
  "unbalanced-quote": "ett avslutande citattecken",
  subtotal: "en datarad, inte en delsumma eller totalrad",
  "duplicate-column": "varje kolumn en gång",
  mapping: "en mappning som passar filen",
  "no-header": "en rubrikrad",
  encoding: "text som kan avkodas",
};

/** Details the loader writes in English only, in Swedish. */
const DETAIL_SV: Readonly<Record<string, string>> = {
  "the cell is empty or a missing marker": "cellen är tom eller en markering för saknat värde",
  "required column not found in the header": "den obligatoriska kolumnen finns inte i rubrikraden",
  "the value is personal and not shown": "värdet är personligt och visas inte",
  "the file has no header row": "filen har ingen rubrikrad",
};

/** Is the text Swedish first already (it holds a Swedish letter or a typical Swedish word before a parenthesis)? */
function swedishFirst(text: string): boolean {
  const head = text.split("(")[0];
  return /[åäöÅÄÖ]|\b(och|inte|som|för|eller|med|rad|kolumn|värdet|cellen|fält)\b/.test(head);
}

function expectedSv(e: LoadIssue): string | null {
  if (e.kind === "decimal") return /decimal point/.test(e.expected) ? "ett tal med decimalpunkt (12.5, 1 234.75, -0.5)" : "ett tal (12,5, 1 234,75, -0,5)";
  if (e.kind === "money" && /1 234\.50/.test(e.expected)) return "ett belopp i kronor med högst två decimaler (1 234.50)";
  if (e.kind === "code") {
    const m = /^one of (.*)$/.exec(e.expected);
    return m ? `en av ${m[1]}` : "en kod";
  }
  if (e.kind === "field-count") {
    const m = /^(\d+) fields$/.exec(e.expected);
    return m ? `${m[1]} fält` : null;
  }
  if (e.kind === "missing-column") {
    const m = /^a column (.*)$/.exec(e.expected);
    return m ? `en kolumn ${m[1]}` : null;
  }
  if (swedishFirst(e.expected)) return null; // already Swedish first (e.g. the identity-number guard)
  return EXPECTED_SV[e.kind] ?? null;
}

function detailSv(detail: string): string {
  if (swedishFirst(detail)) return detail;
  const known = DETAIL_SV[detail];
  if (known !== undefined) return `${known} (${detail})`;
  const found = /^found (\d+)$/.exec(detail);
  if (found) return `hittade ${found[1]} (found ${found[1]})`;
  const quote = /^a quote opened on line (\d+) is not closed properly/.exec(detail);
  if (quote) return `ett citattecken på rad ${quote[1]} stängs inte rätt; raden lästes till radens slut, senare rader påverkas inte (${detail})`;
  if (/^the value has .*; it is personal and not shown$/.test(detail)) return `värdet är personligt och visas inte (${detail})`;
  if (/^the mapping /.test(detail)) return `mappningen passar inte filen (${detail})`;
  return detail;
}

/** The detail the report's message carries after the expectation (or after `got "…"`), if any. */
function detailOf(e: LoadIssue): string | undefined {
  const got = e.value !== undefined ? `, got ${JSON.stringify(e.value)}` : "";
  const marker = `expected ${e.expected}${got}`;
  const at = e.message.indexOf(marker);
  if (at === -1) return undefined;
  const rest = e.message.slice(at + marker.length);
  return rest.startsWith(" (") && rest.endsWith(")") ? rest.slice(2, -1) : undefined;
}

/** One problem as a Swedish-first line: `fil:rad: kolumn "X" (fält): väntade … (expected …), fick "v" (got) (detalj)`. */
export function problemLine(file: string, e: LoadIssue): string {
  const where = e.cell !== undefined ? `${e.cell} (rad ${e.line})` : String(e.line);
  const column = e.column !== "" ? ` kolumn "${e.column}"${e.field !== "" && e.field !== e.column ? ` (${e.field})` : ""}:` : "";
  const sv = expectedSv(e);
  const expected = sv === null ? e.expected : `${sv} (expected ${e.expected})`;
  const got = e.value !== undefined ? `, fick ${JSON.stringify(e.value)} (got)` : "";
  const detail = detailOf(e);
  return `${file}:${where}:${column} väntade ${expected}${got}${detail !== undefined ? ` (${detailSv(detail)})` : ""}`;
}

/** The one-line reason of a failed load, Swedish first. */
export function failureSv(failure: string): string {
  if (swedishFirst(failure)) return failure;
  const strict = /^(\d+) problem\(s\) in (\d+) of (\d+) rows \(strict mode/.exec(failure);
  if (strict) return `${strict[1]} fel i ${strict[2]} av ${strict[3]} rader i strikt läge; utan --strict läggs felaktiga rader i karantän (${failure})`;
  const missing = /^required column\(s\) missing: (.*)$/.exec(failure);
  if (missing) return `obligatoriska kolumner saknas: ${missing[1]} (${failure})`;
  if (failure === "no header row found") return `ingen rubrikrad hittades (${failure})`;
  if (failure === "the mapping does not fit the file") return `mappningen passar inte filen (${failure})`;
  return failure;
}
