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
