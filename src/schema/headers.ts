/**
 * Finding a schema's columns in a file's header row.
 *
 * Headers are compared normalised: case, accents/diacritics (å ä ö é → a a o e), spaces (also
 * U+00A0, U+202F), soft hyphens, `-` and `_` are ignored, so `Kön`, `kon`, `KÖN` and ` K_Ö-N `
 * match. A mapping (`{ field: "header in the file" }`) adds a name for a field; a mapped header
 * that is not in the file is an error, not a silent fallback.
 */
import { detach } from "../read/chars.ts";
import { redact } from "../read/redact.ts";
import type { ColumnSpec, Schema } from "./types.ts";

/**
 * The header row's fields as a load keeps them: trimmed, copied out of the text they were read
 * from, and anything shaped like an identity number masked. The header goes into the load report,
 * the column names of problems and messages, and an export saved without its header row has a
 * data row there.
 */
export function headerNames(fields: readonly string[]): string[] {
  return fields.map((f) => redact(detach(f.trim())));
}

/** The normalised form used for header matching. */
export function normaliseHeader(h: string): string {
  return h
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\s\-_\u00ad\u00a0\u202f\ufeff]/g, "");
}

/** How one schema field is filled. */
export interface Binding {
  field: string;
  spec: ColumnSpec;
  /** Index of the file column read for this field, -1 when not read from the file. */
  index: number;
  /** The header as written in the file (null when not read from the file). */
  header: string | null;
  /** Derivation when the field is not read from the file. */
  derived: "pnr" | "status" | null;
}

export interface HeaderMatch {
  bindings: Binding[];
  /** Non-empty headers of the file that no field uses. */
  unknown: string[];
  /** Required fields with no column in the file. */
  missingRequired: string[];
  /** Problems with the mapping (unknown field, mapped header not in the file). */
  mappingErrors: string[];
  /**
   * Fields whose header occurs more than once in the file (compared normalised): which of the
   * columns holds the field is unknown, so the load fails naming both.
   */
  duplicates: DuplicateColumn[];
}

/** A field whose header is in the file twice. Indexes are 0-based. */
export interface DuplicateColumn {
  field: string;
  first: { index: number; header: string };
  second: { index: number; header: string };
}

/** Names a field may have in a file: mapping first, then header, then aliases. */
export function namesOf(field: string, spec: ColumnSpec, mapping: Readonly<Record<string, string>>): string[] {
  const names: string[] = [];
  if (mapping[field] !== undefined) names.push(mapping[field]);
  names.push(spec.header, ...(spec.aliases ?? []), field);
  return names;
}

/** Match a schema against a header row. */
export function matchHeader(schema: Schema, header: readonly string[], mapping: Readonly<Record<string, string>> = {}): HeaderMatch {
  const normalised = header.map(normaliseHeader);
  const taken = new Array<boolean>(header.length).fill(false);
  const bindings: Binding[] = [];
  const mappingErrors: string[] = [];
  for (const field of Object.keys(mapping)) {
    if (!(field in schema.columns)) mappingErrors.push(`the mapping names field "${field}", which the ${schema.kind} schema does not have (fields: ${Object.keys(schema.columns).join(", ")})`);
  }
  const entries = Object.entries(schema.columns);
  // Pass 1: mapped fields, then exact header names, then aliases, so that an alias of one
  // field never steals the column that another field names as its header.
  const indexOf = new Map<string, number>();
  const duplicates: DuplicateColumn[] = [];
  const claim = (field: string, name: string): boolean => {
    const key = normaliseHeader(name);
    for (let i = 0; i < header.length; i++) {
      if (!taken[i] && normalised[i] === key && key !== "") {
        taken[i] = true;
        indexOf.set(field, i);
        for (let k = i + 1; k < header.length; k++) {
          if (normalised[k] === key) {
            duplicates.push({ field, first: { index: i, header: header[i] }, second: { index: k, header: header[k] } });
            taken[k] = true; // not an unknown column either: it is the same name
            break;
          }
        }
        return true;
      }
    }
    return false;
  };
  for (const [field, spec] of entries) {
    if (spec.statusOf !== undefined) continue;
    const mapped = mapping[field];
    if (mapped !== undefined && !claim(field, mapped)) {
      mappingErrors.push(`the mapping says field "${field}" is the column "${mapped}", but the file has no such column`);
    }
  }
  for (const [field, spec] of entries) {
    if (spec.statusOf === undefined && !indexOf.has(field) && mapping[field] === undefined) claim(field, spec.header);
  }
  for (const [field, spec] of entries) {
    if (spec.statusOf !== undefined || indexOf.has(field) || mapping[field] !== undefined) continue;
    for (const alias of [...(spec.aliases ?? []), field]) if (claim(field, alias)) break;
  }
  const pnrPresent = entries.some(([f, s]) => s.type === "pnr" && indexOf.has(f));
  const missingRequired: string[] = [];
  for (const [field, spec] of entries) {
    const index = indexOf.get(field) ?? -1;
    let derived: Binding["derived"] = null;
    if (spec.statusOf !== undefined) derived = "status";
    else if (index === -1 && spec.deriveFromPnr && pnrPresent) derived = "pnr";
    if (index === -1 && derived === null && spec.required) missingRequired.push(field);
    bindings.push({ field, spec, index, header: index === -1 ? null : header[index], derived });
  }
  const unknown: string[] = [];
  for (let i = 0; i < header.length; i++) if (!taken[i] && header[i].trim() !== "") unknown.push(header[i]);
  return { bindings, unknown, missingRequired, mappingErrors, duplicates };
}

/** How many schema fields a candidate header row names (used to find the header line). */
export function headerScore(schema: Schema, mapping: Readonly<Record<string, string>> = {}): (fields: readonly string[]) => number {
  const known = new Set<string>();
  for (const [field, spec] of Object.entries(schema.columns)) {
    if (spec.statusOf !== undefined) continue;
    for (const n of namesOf(field, spec, mapping)) known.add(normaliseHeader(n));
  }
  known.delete("");
  return (fields) => {
    let score = 0;
    for (const f of fields) if (known.has(normaliseHeader(f))) score++;
    return score;
  };
}
