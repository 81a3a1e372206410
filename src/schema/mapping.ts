/**
 * Mapping files: how an export that names or shapes its columns differently fits a schema.
 *
 * ```json
 * {
 *   "kpi": { "value": "N03926" },                           // a constant for every row
 *   "gender": { "value": "T" },
 *   "municipalityId": { "header": "region", "part": "first" }, // one header feeding two fields:
 *   "municipality": { "header": "region", "part": "rest" },    //   "0180 Stockholm" → 0180 | Stockholm
 *   "år": "Tid",                                             // `år`/`year` = the field `period`
 *   "unpivot": { "columns": "years", "key": "period", "value": "value" }
 * }
 * ```
 *
 * - `"<field>": "<header>"`: the column with that header (matched like any header: case, accents,
 *   spaces, `-`, `_` ignored). Two fields may name the same header.
 * - `{ "value": "…" }`: the same text in every row, parsed with the field's type.
 * - `{ "header": "…", "part": "first" | "rest" }`: the first word of the cell, or the rest after it.
 * - `år` and `year` are accepted for the field `period` (yearly data).
 * - `decimalSeparator` (`"."` or `","`) is reserved: the loader's decimal separator for this export.
 * - `unpivot` turns a wide file (one column per year or month, as SCB's PxWeb saves them) into
 *   long form: one row per input row and unpivoted column; `key` gets the column's header, `value`
 *   the cell. `columns` is `"years"` (headers `2022`), `"months"` (`2022M03`, `2022-03`) or a
 *   list of headers.
 */
import fs from "node:fs";

export type Part = "first" | "rest";
export type MappingEntry = string | { value: string } | { header: string; part?: Part };
export type UnpivotColumns = "years" | "months" | readonly string[];

export interface Unpivot {
  columns: UnpivotColumns;
  /** The field that gets the unpivoted column's header (e.g. `period`). */
  key: string;
  /** The field that gets the cell (e.g. `value`). */
  value: string;
}

export interface Mapping {
  fields: Record<string, MappingEntry>;
  unpivot: Unpivot | null;
  /** The reserved key `decimalSeparator` (`"."` or `","`), applied by the loader (schema/load.ts). */
  decimalSeparator: "," | "." | null;
}

/** Field names accepted for `period`. */
const PERIOD_SYNONYMS = new Set(["år", "year"]);

/** The schema field a mapping key names (`år`/`year` → `period` when the schema has no such field). */
export function fieldName(key: string, fields: readonly string[]): string {
  if (fields.includes(key)) return key;
  return PERIOD_SYNONYMS.has(key.toLowerCase()) && fields.includes("period") ? "period" : key;
}

/** Check a parsed JSON value and return the mapping. Throws with a message naming `source`. */
export function parseMapping(parsed: unknown, source: string): Mapping {
  const fail = (msg: string): never => {
    throw new Error(`mappningsfilen ${source} (mapping file): ${msg}`);
  };
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) fail(`expected a JSON object { "<field>": "<header in your export>" }`);
  const fields: Record<string, MappingEntry> = {};
  let unpivot: Unpivot | null = null;
  let decimalSeparator: Mapping["decimalSeparator"] = null;
  for (const [key, entry] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === "unpivot") {
      unpivot = parseUnpivot(entry, fail);
      continue;
    }
    if (key === "decimalSeparator") {
      if (entry !== "." && entry !== ",") fail(`"decimalSeparator" must be "." or ","`);
      decimalSeparator = entry as "," | ".";
      continue;
    }
    if (typeof entry === "string") {
      fields[key] = entry;
    } else if (isObject(entry) && typeof entry.value === "string" && Object.keys(entry).length === 1) {
      fields[key] = { value: entry.value };
    } else if (isObject(entry) && typeof entry.header === "string" && Object.keys(entry).every((k) => k === "header" || k === "part")) {
      if (entry.part !== undefined && entry.part !== "first" && entry.part !== "rest") fail(`"part" of field "${key}" must be "first" or "rest"`);
      fields[key] = entry.part === undefined ? { header: entry.header } : { header: entry.header, part: entry.part as Part };
    } else {
      fail(`the entry for field "${key}" must be a header (string), { "value": "…" } or { "header": "…", "part": "first" | "rest" }`);
    }
  }
  return { fields, unpivot, decimalSeparator };
}

function parseUnpivot(entry: unknown, fail: (msg: string) => never): Unpivot {
  if (!isObject(entry)) return fail(`"unpivot" must be an object { "columns": "years" | "months" | [headers], "key": "<field>", "value": "<field>" }`);
  const { columns, key, value } = entry;
  const okColumns = columns === "years" || columns === "months" || (Array.isArray(columns) && columns.length > 0 && columns.every((c) => typeof c === "string"));
  if (!okColumns) fail(`"unpivot.columns" must be "years", "months" or a non-empty list of headers`);
  if (typeof key !== "string" || typeof value !== "string") fail(`"unpivot.key" and "unpivot.value" must name fields`);
  return { columns: columns as UnpivotColumns, key: key as string, value: value as string };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Read and check a mapping file. */
export function readMapping(file: string): Mapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`mappningsfilen ${file} kan inte läsas (mapping file cannot be read): ${(e as Error).message}`);
  }
  return parseMapping(parsed, file);
}

/**
 * True when the mapping only renames columns (`{ field: header }`, every header used once, no
 * synonym): the loader applies it directly. Anything else is applied by reshaping (see formats.ts).
 */
export function isPlainMapping(m: Mapping): boolean {
  if (m.unpivot !== null) return false;
  const headers = new Set<string>();
  for (const [key, entry] of Object.entries(m.fields)) {
    if (typeof entry !== "string" || PERIOD_SYNONYMS.has(key.toLowerCase())) return false;
    const h = entry.toLowerCase();
    if (headers.has(h)) return false;
    headers.add(h);
  }
  return true;
}

/** A plain mapping file as `{ field: header }` (what the loader applies directly). */
export function readMappingFile(file: string): Record<string, string> {
  const m = readMapping(file);
  if (!isPlainMapping(m)) throw new Error(`mappningsfilen ${file}: constants, parts, år/year and unpivot are applied by loadFile/loadBytes with { mappingFile } (not as a plain mapping)`);
  const plain = m.fields as Record<string, string>;
  return m.decimalSeparator === null ? plain : { ...plain, decimalSeparator: m.decimalSeparator };
}
