/**
 * Gender as exported. `K`, `kvinna`, `kvinnor`, `F`, `female`, `woman`, `women` → `"K"`;
 * `M`, `man`, `män`, `male`, `men` → `"M"` (any case, trimmed). Any other value is kept as its
 * own category, trimmed and lower-cased (`"Annat "` → `"annat"`): unknown/other is never dropped.
 * Missing markers are handled before (missing → `null` in the loaded column).
 */
import { trimValue } from "./chars.ts";

const WORDS = new Map<string, "K" | "M">([
  ["k", "K"], ["kvinna", "K"], ["kvinnor", "K"], ["f", "K"], ["female", "K"], ["woman", "K"], ["women", "K"], ["kv", "K"],
  ["m", "M"], ["man", "M"], ["män", "M"], ["male", "M"], ["men", "M"],
]);

/** `"K"`, `"M"`, or the value's own category (trimmed, lower case). */
export function parseGender(s: string): string {
  if (s.length === 1) {
    const c = s.charCodeAt(0) | 32;
    if (c === 107 /* k */ || c === 102 /* f */) return "K";
    if (c === 109 /* m */) return "M";
  }
  const lower = trimValue(s).toLowerCase();
  const v = WORDS.get(lower);
  if (v !== undefined) return v;
  if (isAscii(lower)) return lower; // NFC leaves ASCII text as it is: no normalisation to pay for
  const nfc = lower.normalize("NFC");
  return WORDS.get(nfc) ?? nfc;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
