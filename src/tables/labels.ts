/** Display names for codes, read from the loaded catalogue (e.g. programme code → name). */
import type { ColumnTable } from "arquero";

/** Map `code` → `name` from a table with those two columns (the programme catalogue). */
export function codeNames(table: ColumnTable, codeColumn = "code", nameColumn = "name"): Record<string, string> {
  const codes = table.array(codeColumn) as ArrayLike<string | null>;
  const names = table.array(nameColumn) as ArrayLike<string | null>;
  const out: Record<string, string> = {};
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const name = names[i];
    if (code !== null && name !== null && !(code in out)) out[code] = name;
  }
  return out;
}

/** How a missing category (no value in the export) is shown in tables and charts. */
export const MISSING_CATEGORY = "Uppgift saknas";

/**
 * A category value as shown: missing (null, undefined, blank) → "Uppgift saknas"; otherwise the
 * value with its first letter in upper case, so free-text categories typed in either case read
 * alike ("avbrott" → "Avbrott", beside "Arbetsförmedlingen"). Codes and names that already start
 * with a capital or a digit are unchanged.
 */
export function categoryLabel(value: unknown): string {
  if (value === null || value === undefined) return MISSING_CATEGORY;
  const s = String(value).trim();
  if (s === "" || s === "–" || s === "-") return MISSING_CATEGORY;
  return s.charAt(0).toLocaleUpperCase("sv-SE") + s.slice(1);
}
