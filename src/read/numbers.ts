/**
 * Swedish numbers: decimal comma (a point is accepted too), thousands separated by space,
 * U+00A0 or U+202F in groups of three, minus as `-` or `−` (U+2212), an optional leading `+`,
 * and an optional trailing `%` (decimal) or `kr` (decimal, money).
 *
 * Every parser returns a number, `NaN` when the text is not a valid value of its type; missing
 * markers are recognised by `missing.ts` before a parser is called. The digits are read as
 * integers (no `parseFloat` of a rewritten string, no regex, no allocation in the common case),
 * so money is exact: `parseMoneyOre("0,10") + parseMoneyOre("0,20") === 30`.
 */
import { digit, isSpace, lowerAscii } from "./chars.ts";

const NO_SUFFIX = 0;
const PERCENT = 1;
const KRONOR = 2;

// Scratch results of the last scan (module-level: no per-call allocation).
let neg = false;
let intPart = 0;
let intDigits = 0;
let fracPart = 0;
let fracDigits = 0;
let suffix = NO_SUFFIX;
/** Start and end of the digits (for the rare long-number fallback). */
let numStart = 0;
let numEnd = 0;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

function isGroupSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f;
}

/** Scan `s`; true when it has the shape of a number. Results in the scratch variables. */
function scan(s: string): boolean {
  let i = 0;
  let j = s.length;
  while (i < j && isSpace(s.charCodeAt(i))) i++;
  while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  if (i >= j) return false;
  suffix = NO_SUFFIX;
  const last = s.charCodeAt(j - 1);
  if (last === 37 /* % */) {
    suffix = PERCENT;
    j--;
  } else if (j - i >= 3 && lowerAscii(last) === 114 /* r */ && lowerAscii(s.charCodeAt(j - 2)) === 107 /* k */) {
    suffix = KRONOR;
    j -= 2;
  }
  if (suffix !== NO_SUFFIX) while (j > i && isSpace(s.charCodeAt(j - 1))) j--;
  if (i >= j) return false;
  neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 0x2212) {
    neg = true;
    i++;
  } else if (c === 43) {
    i++;
  }
  numStart = i;
  intPart = 0;
  intDigits = 0;
  let group = 0;
  let grouped = false;
  while (i < j) {
    c = s.charCodeAt(i);
    const d = digit(c);
    if (d >= 0) {
      intPart = intPart * 10 + d;
      intDigits++;
      group++;
      i++;
    } else if (isGroupSeparator(c)) {
      if (group === 0 || group > 3 || (grouped && group !== 3)) return false;
      grouped = true;
      group = 0;
      i++;
    } else {
      break;
    }
  }
  if (grouped && group !== 3) return false;
  fracPart = 0;
  fracDigits = 0;
  if (i < j) {
    c = s.charCodeAt(i);
    if (c !== 44 /* , */ && c !== 46 /* . */) return false;
    i++;
    while (i < j) {
      const d = digit(s.charCodeAt(i));
      if (d < 0) return false;
      fracPart = fracPart * 10 + d;
      fracDigits++;
      i++;
    }
    if (fracDigits === 0) return false;
  }
  numEnd = j;
  return intDigits + fracDigits > 0;
}

/** Exact decimal value of the scanned digits (correctly rounded like `Number("123.45")`). */
function scannedValue(s: string): number {
  let v: number;
  if (intDigits + fracDigits <= 15) {
    v = fracDigits === 0 ? intPart : (intPart * POW10[fracDigits] + fracPart) / POW10[fracDigits];
  } else {
    // Rare: more digits than a double holds exactly. Let the engine round the plain form.
    let plain = "";
    for (let k = numStart; k < numEnd; k++) {
      const ch = s.charCodeAt(k);
      if (digit(ch) >= 0) plain += s[k];
      else if (ch === 44 || ch === 46) plain += ".";
    }
    v = Number(plain);
  }
  return neg && v !== 0 ? -v : v;
}

/** An integer (`1 234`, `−5`). A fraction of zeros (`12,0`) is accepted. `NaN` when invalid. */
export function parseInteger(s: string): number {
  if (!scan(s) || suffix !== NO_SUFFIX || intDigits === 0 || fracPart !== 0 || intDigits > 15) return NaN;
  return neg && intPart !== 0 ? -intPart : intPart;
}

/** A decimal number (`12,5`, `1 234,75`, `-0,5`, `38,2 %`, `12 kr`). `NaN` when invalid. */
export function parseDecimal(s: string): number {
  if (!scan(s)) return NaN;
  return scannedValue(s);
}

/**
 * A money amount in whole öre (`1 694 000` → 169 400 000, `9 870,50 kr` → 987 050).
 * At most two decimals; `NaN` when invalid or beyond 2^53 öre.
 */
export function parseMoneyOre(s: string): number {
  if (!scan(s) || suffix === PERCENT || fracDigits > 2 || intDigits > 15) return NaN;
  const ore = intPart * 100 + (fracDigits === 1 ? fracPart * 10 : fracPart);
  if (ore > Number.MAX_SAFE_INTEGER) return NaN;
  return neg && ore !== 0 ? -ore : ore;
}

/** True when the text is an integer with a leading zero (`0180`): an id, not a number. */
export function hasLeadingZero(s: string): boolean {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return s.length - i >= 2 && s.charCodeAt(i) === 48 && digit(s.charCodeAt(i + 1)) >= 0;
}

/** Did the last successful parse carry a `kr` suffix? (Used by type inference.) */
export function lastHadKronor(): boolean {
  return suffix === KRONOR;
}
