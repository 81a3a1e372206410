/**
 * The date an export was taken, as its title lines state it: `Deltagare … – Exempelby kommun,
 * uttag 2024-04-30`, `Kolada – nyckeltal …, hämtad 2024-03-15`, `Deltagare per 2024-04-30`.
 *
 * Rules (never a guess):
 * - The date is written right after one of the words in `WORDS` (a whole word, any case), with
 *   nothing between but spaces, an optional `:` and an optional `den`: `uttag 2024-01-05`,
 *   `Uttagsdatum: 2024-01-05`, `uttagen den 2024-01-05`, `per 2024-01-05`.
 * - The date is `YYYY-MM-DD` or `YYYYMMDD`, not followed by another digit or by `-`, `+`, `.`, `/`
 *   and a digit (so `19900803-0489`, an identity number, is no date); a time after it is fine
 *   (`2024-01-05 08:13`, `2024-01-05T08:13`).
 * - A date followed by a dash or `till`/`t.o.m.` and another date is a period (`uttag 2023-01-01 –
 *   2023-12-31`: data for a time), not the moment of extraction, and is passed over.
 * - A date that does not exist (`2023-02-30`) or lies outside 1900–2099 makes the title unreadable:
 *   no extraction date. So do two different dates (same date twice is fine). Nothing is reported
 *   for either: the load report simply has no extraction date, and a report's period check then
 *   works from the dates in the rows, as it does for an export without a title line.
 *
 * `per` is in the list because Swedish uses it for "as of" (`Deltagare per 2024-04-30`): for a
 * snapshot of enrolments that is the moment the export describes, which is what the period
 * check needs. Words followed by anything but a date (`Deltagare per insats`) never match.
 *
 * Only the date is kept: the title text itself goes nowhere (see `ExtractionDateReader`).
 */

/** Words after which a date is the extraction date (compared lower-case, NFC). */
export const EXTRACTION_WORDS: readonly string[] = [
  "uttag", "uttaget", "uttagen", "uttagsdatum", "datauttag",
  "hämtad", "hämtat", "hämtade", "hamtad", "hamtat", "hamtade",
  "extraherad", "extraherat", "utdrag", "utdraget",
  "export", "exporterad", "exporterat", "skapad", "skapat", "per",
];

// Longer words first, so that an alternative is never cut short by a shorter one it starts with.
const WORD_PATTERN = [...EXTRACTION_WORDS].sort((a, b) => b.length - a.length).join("|");
/**
 * A word of the list (not preceded by a letter or digit), spaces / `:` / `den`, then a date in
 * either form (the `-` is both present or both absent), not followed by a digit or by a separator
 * and a digit.
 */
const DATE_AFTER_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${WORD_PATTERN})(?:\\s*:\\s*|\\s+)(?:den\\s+)?(\\d{4})(-?)(\\d{2})\\2(\\d{2})(?!\\d|[-+./]\\d)`,
  "gu",
);
/** What follows a date that makes it the start of a period. */
const RANGE_AFTER = /^\s*(?:[-–—]|till\b|t\.?\s?o\.?\s?m\.?)\s*\d{4}-?\d{2}/u;

/** A date `YYYY-MM-DD` that exists in the calendar (years 1900–2099), else null. */
function validDate(y: string, m: string, d: string): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${y}-${m}-${d}`;
}

/**
 * The extraction dates a title line states: each a `YYYY-MM-DD`, or null for a date-shaped value
 * after one of the words that is no date (`uttag 2023-02-30`).
 */
export function datesInTitle(text: string): (string | null)[] {
  const lower = text.normalize("NFC").toLowerCase();
  const found: (string | null)[] = [];
  for (const m of lower.matchAll(DATE_AFTER_WORD)) {
    if (RANGE_AFTER.test(lower.slice(m.index + m[0].length, m.index + m[0].length + 24))) continue;
    found.push(validDate(m[1], m[3], m[4]));
  }
  return found;
}

/**
 * Reads the extraction date from the title records of one export, keeping only the dates found
 * (never the text). `date` is the one date stated, or null: none, a date that does not exist, or
 * two different dates.
 */
export class ExtractionDateReader {
  private readonly dates = new Set<string>();
  private invalid = false;

  /** A title record (fields as the tokenizer gives them, the first `count` of them). */
  title(fields: readonly string[], count: number): void {
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      const f = fields[i].trim();
      if (f !== "") parts.push(f);
    }
    if (parts.length === 0) return;
    // A workbook's title row may hold the word and the date in cells of their own (`Uttag;2024-01-05`).
    for (const d of datesInTitle(parts.join(" "))) {
      if (d === null) this.invalid = true;
      else this.dates.add(d);
    }
  }

  get date(): string | null {
    if (this.invalid || this.dates.size !== 1) return null;
    return this.dates.values().next().value!;
  }
}
