/**
 * Subtotal and total rows: a row whose key or text cell reads `Summa`, `Totalt`, `Total`,
 * `Delsumma`, `S:a`, `Totalsumma` or `Grand total` is a sum of other rows, never a row to sum.
 *
 * A cell is a subtotal label when, trimmed and in any case, it is
 * 1. one of the words, optionally followed by `:` (`Summa`, `TOTALT:`, `s:a`);
 * 2. a word (optionally with `:`) followed by a code, one token holding a digit
 *    (`Summa 4510`, `S:a 4xx1`, `Totalt: 2023-04`);
 * 3. a code followed by `Summa`, `Delsumma`, `Totalt` or `Total`, as Excel's subtotals write it
 *    (`4510 Summa`), or any text followed by `Summa`, `Delsumma` or `Totalsumma`
 *    (`Arbetsträning Summa`).
 * Free text that merely starts with a word is data: `Totalt i arbete`, `Summa av allt`.
 */

const WORDS = new Set(["summa", "delsumma", "totalsumma", "totalt", "total", "s:a", "grand total", "sum", "subtotal"]);
/** Words that end a subtotal label after any text (rule 3, second half). */
const TRAILING_ANY = new Set(["summa", "delsumma", "totalsumma"]);
/** Words that end a subtotal label after a code (rule 3, first half). */
const TRAILING_CODE = new Set(["summa", "delsumma", "totalsumma", "totalt", "total"]);

/**
 * Every label starts with the first three letters of one of WORDS (rules 1 and 2) or ends with
 * the last three of one of TRAILING_CODE (rule 3), in any case: the test every cell pays, first on
 * one character. Characters are lower-cased as ASCII (`| 32`, which may also turn a non-letter
 * into one of these: a false "maybe" only costs the full check).
 */
function mayBeLabel(cell: string, i: number, j: number): boolean {
  const f = cell.charCodeAt(i) | 32;
  if (f === 115 /* s */ || f === 100 /* d */ || f === 116 /* t */ || f === 103 /* g */) {
    switch (lower3(cell, i)) {
      case SUM: case DEL: case TOT: case S_A: case GRA: case SUB:
        return true;
    }
  }
  const l = cell.charCodeAt(j - 1) | 32;
  if (l === 97 /* a */ || l === 116 /* t */ || l === 108 /* l */) {
    switch (lower3(cell, j - 3)) {
      case MMA: case ALT: case TAL:
        return true;
    }
  }
  return false;
}

const SUM = code3("sum"), DEL = code3("del"), TOT = code3("tot"), S_A = code3("s:a"), GRA = code3("gra"), SUB = code3("sub");
const MMA = code3("mma"), ALT = code3("alt"), TAL = code3("tal");

function code3(s: string): number {
  return (s.charCodeAt(0) << 16) | (s.charCodeAt(1) << 8) | s.charCodeAt(2);
}

/** The three characters from i, lower-cased as ASCII (| 32), as one number; -1 beyond Latin-1. */
function lower3(s: string, i: number): number {
  const a = s.charCodeAt(i) | 32;
  const b = s.charCodeAt(i + 1) | 32;
  const c = s.charCodeAt(i + 2) | 32;
  return a > 255 || b > 255 || c > 255 ? -1 : (a << 16) | (b << 8) | c;
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function word(s: string): string {
  return s.endsWith(":") ? s.slice(0, -1) : s;
}

/** Is this cell a subtotal or total label? Cheap for the common cell (`mayBeLabel` turns it away on a character or two). */
export function isSubtotalLabel(cell: string): boolean {
  return labelRules(cell, true);
}

/** The rules of the header comment alone, without the quick test (tests compare the two). */
export function isSubtotalLabelByRules(cell: string): boolean {
  return labelRules(cell, false);
}

function labelRules(cell: string, quick: boolean): boolean {
  let i = 0;
  let j = cell.length;
  while (i < j && cell.charCodeAt(i) <= 32) i++;
  while (j > i && cell.charCodeAt(j - 1) <= 32) j--;
  if (j - i < 3 || j - i > 80) return false;
  if (quick && !mayBeLabel(cell, i, j)) return false;
  const text = cell.slice(i, j).toLowerCase().replace(/\s+/g, " ");
  if (WORDS.has(word(text))) return true;
  const tokens = text.split(" ");
  if (tokens.length < 2) return false;
  const head = word(tokens[0]);
  if (tokens.length === 2 && WORDS.has(head) && hasDigit(tokens[1])) return true;
  const tail = tokens[tokens.length - 1];
  if (TRAILING_ANY.has(tail)) return true;
  if (tokens.length === 2 && TRAILING_CODE.has(tail) && hasDigit(tokens[0])) return true;
  if (tokens.length === 3 && tokens[0] === "grand" && tokens[1] === "total" && hasDigit(tokens[2])) return true;
  return false;
}
