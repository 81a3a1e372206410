/**
 * Swedish numbers: decimal comma, thousands separated by space, U+00A0 or U+202F in groups of
 * three, minus as `-` or `−` (U+2212), an optional leading `+`, and an optional trailing `%`
 * (decimal) or `kr` (decimal, money).
 *
 * The decimal separator is declared, never guessed (`DecimalSeparator`, default `,`):
 * - with `,` (Swedish exports) a point is refused in every number: `1.000` may be a thousand
 *   written with a point as thousands separator, or one; `lastRefusal()` says which shape it had
 *   (`POINT_THOUSANDS` for `1.000`, `1.234.567`, `1.000,50`; else `POINT_DECIMAL` for `0.5`);
 * - with `.` (declared by Kolada's kind or a mapping) a point is the decimal separator; a comma
 *   is still read as a decimal comma when it cannot be a thousands separator (`38,2`), and is
 *   refused as `COMMA_THOUSANDS` when it could (`1,234`, `12,345,678`).
 * An integer written with three zero decimals (`1,000`) is refused as `COMMA_THOUSANDS` too.
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
/** Why the last scan refused a separator (NO_REFUSAL when it did not). */
let refusal: NumberRefusal = 0;
/** Start and end of the digits (for the rare long-number fallback). */
let numStart = 0;
let numEnd = 0;

/** The decimal separator of an export: `,` (Swedish, the default) or `.` (declared, e.g. Kolada). */
export type DecimalSeparator = "," | ".";

export const NO_REFUSAL = 0;
/** A point that could be a thousands separator (`1.000`, `1.234.567`, `1.000,50`). */
export const POINT_THOUSANDS = 1;
/** A point where the export's decimal separator is a comma (`0.5`, `12.75`). */
export const POINT_DECIMAL = 2;
/** A comma that could be a thousands separator where it must not be read as one (`1,234` with point decimals, `1,000` as an integer). */
export const COMMA_THOUSANDS = 3;
export type NumberRefusal = typeof NO_REFUSAL | typeof POINT_THOUSANDS | typeof POINT_DECIMAL | typeof COMMA_THOUSANDS;

/** Why a number with this refusal was not read: Swedish first, English in parentheses. */
export const REFUSAL_TEXT: Readonly<Record<Exclude<NumberRefusal, 0>, string>> = {
  [POINT_THOUSANDS]: "punkt som tusentalsavgränsare? (point as thousands separator?); värdet läses inte (the value is not read)",
  [POINT_DECIMAL]: "punkt som decimaltecken? (point as decimal separator?); exporten har decimalkomma – ange decimalpunkt i mappningen om punkten är decimaltecken (declare point decimals in the mapping if it is)",
  [COMMA_THOUSANDS]: "komma som tusentalsavgränsare? (comma as thousands separator?); värdet läses inte (the value is not read)",
};

/** The reason the last parse returned NaN because of a separator (NO_REFUSAL otherwise). */
export function lastRefusal(): NumberRefusal {
  return refusal;
}

const COMMA = 44;
const POINT = 46;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

function isGroupSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f;
}

/** Scan `s`; true when it has the shape of a number. Results in the scratch variables. */
function scan(s: string, decimal: number): boolean {
  refusal = NO_REFUSAL;
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
    if (c !== decimal) {
      if (c !== COMMA && c !== POINT) return false;
      const thousands = thousandsShape(s, i, j, c, decimal, grouped ? 0 : intDigits, numStart);
      if (c === POINT) {
        refusal = thousands ? POINT_THOUSANDS : allDigits(s, i + 1, j) ? POINT_DECIMAL : NO_REFUSAL;
        return false;
      }
      // A comma where points are the decimals: a decimal comma unless it could be thousands.
      if (thousands) {
        refusal = COMMA_THOUSANDS;
        return false;
      }
    }
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

/**
 * Could the separator `sep` at `at` be a thousands separator? True for 1–3 leading digits (no
 * leading zero, no space groups) followed by one or more groups of `sep` + exactly three digits,
 * then the end or the decimal separator and digits: `1.000`, `12.345.678`, `1.000,50`.
 */
function thousandsShape(s: string, at: number, end: number, sep: number, decimal: number, leadDigits: number, start: number): boolean {
  if (leadDigits < 1 || leadDigits > 3 || (leadDigits > 1 && s.charCodeAt(start) === 48)) return false;
  let i = at;
  let groups = 0;
  while (i < end && s.charCodeAt(i) === sep) {
    let k = 0;
    i++;
    while (i < end && k < 4 && digit(s.charCodeAt(i)) >= 0) {
      i++;
      k++;
    }
    if (k !== 3) return false;
    groups++;
  }
  if (groups === 0) return false;
  if (i === end) return true;
  if (s.charCodeAt(i) !== decimal || i + 1 >= end) return false;
  for (i++; i < end; i++) if (digit(s.charCodeAt(i)) < 0) return false;
  return true;
}

function allDigits(s: string, from: number, end: number): boolean {
  if (from >= end) return false;
  for (let i = from; i < end; i++) if (digit(s.charCodeAt(i)) < 0) return false;
  return true;
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
      else if (ch === COMMA || ch === POINT) plain += ".";
    }
    v = Number(plain);
  }
  return neg && v !== 0 ? -v : v;
}

/**
 * An integer (`1 234`, `−5`). A fraction of one or two zeros (`12,0`, `12,00`) is accepted;
 * three zeros after 1–3 digits (`1,000`) are refused as a possible thousands separator.
 * `NaN` when invalid.
 */
export function parseInteger(s: string, decimal: DecimalSeparator = ","): number {
  if (!scan(s, decimal === "," ? COMMA : POINT) || suffix !== NO_SUFFIX || intDigits === 0 || fracPart !== 0 || intDigits > 15) return NaN;
  if (fracDigits === 3 && intDigits <= 3) {
    refusal = decimal === "," ? COMMA_THOUSANDS : POINT_THOUSANDS;
    return NaN;
  }
  return neg && intPart !== 0 ? -intPart : intPart;
}

/** A decimal number (`12,5`, `1 234,75`, `-0,5`, `38,2 %`, `12 kr`). `NaN` when invalid. */
export function parseDecimal(s: string, decimal: DecimalSeparator = ","): number {
  if (!scan(s, decimal === "," ? COMMA : POINT)) return NaN;
  return scannedValue(s);
}

/**
 * A money amount in whole öre (`1 694 000` → 169 400 000, `9 870,50 kr` → 987 050).
 * At most two decimals; `NaN` when invalid or beyond 2^53 öre.
 */
export function parseMoneyOre(s: string, decimal: DecimalSeparator = ","): number {
  if (!scan(s, decimal === "," ? COMMA : POINT) || suffix === PERCENT || fracDigits > 2 || intDigits > 15) return NaN;
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
