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

/** First letters (lower case) of a label's first word, and last letters of its last word. */
const FIRST = new Set([115 /* s */, 100 /* d */, 116 /* t */, 103 /* g */]);
const LAST = new Set([97 /* a */, 116 /* t */, 108 /* l */, 58 /* : */, 109 /* m */]);

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

/** Is this cell a subtotal or total label? Cheap for the common cell (one or two character tests). */
export function isSubtotalLabel(cell: string): boolean {
  let i = 0;
  let j = cell.length;
  while (i < j && cell.charCodeAt(i) <= 32) i++;
  while (j > i && cell.charCodeAt(j - 1) <= 32) j--;
  if (j - i < 3 || j - i > 80) return false;
  const first = cell.charCodeAt(i) | 32;
  const last = cell.charCodeAt(j - 1) | 32;
  if (!FIRST.has(first) && !LAST.has(last)) return false;
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
