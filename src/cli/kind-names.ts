/**
 * Export kinds by name: the English kind (`participants`) or its Swedish name, the default file
 * name without `.csv` (`deltagare`, `huvudbok`, `insatser`, `mal`/`mål`, `närvaro`,
 * `ekonomiskt-bistånd`, …), matched like headers (case, accents, spaces, `-` and `_` ignored).
 */
import { normaliseHeader } from "../schema/headers.ts";
import type { Schema } from "../schema/types.ts";
import { kinds, type KindName } from "../sources/index.ts";

/** The Swedish name of a kind: its default file name without the extension. */
export function swedishName(kind: KindName): string {
  return (kinds[kind] as Schema).fileName.replace(/\.[^.]+$/, "");
}

/** The kind a name means (English or Swedish), or null. */
export function resolveKind(name: string): KindName | null {
  const key = normaliseHeader(name);
  if (key === "") return null;
  for (const kind of Object.keys(kinds) as KindName[]) {
    if (normaliseHeader(kind) === key || normaliseHeader(swedishName(kind)) === key) return kind;
  }
  return null;
}

/** Every kind as `swedish (english)`, for messages: `deltagare (participants), insatser (programmes), …`. */
export function kindList(): string {
  return (Object.keys(kinds) as KindName[]).map((k) => (swedishName(k) === k ? k : `${swedishName(k)} (${k})`)).join(", ");
}
