/**
 * The load-time check: a text cell of an export outside its declared identity-number column (free
 * text such as "Avslutsorsak detalj", programme and provider names, codes, categories) must not
 * hold a personal identity or coordination number. (In a number or date column the number does
 * not parse, and the type error shows the value masked.) The loader reports a hit as a problem of
 * its own kind, naming file, line and column, never the value.
 */
import { containsIdentityNumber } from "./identity-numbers.ts";
import { collapsedText, visibleText } from "./text-views.ts";

/** The issue kind in the load report. */
export const IDENTITY_NUMBER_ISSUE = "identity-number";
/** What the cell should have held, for the load error. */
export const IDENTITY_NUMBER_EXPECTED = "värden utan personnummer (values without identity numbers)";
/** Why the cell was rejected, for the load error (reveals nothing of the value). */
export const IDENTITY_NUMBER_DETAIL =
  "cellen innehåller ett personnummer eller samordningsnummer, värdet visas inte (the cell holds a personal identity or coordination number, the value is not shown)";

/**
 * True when a raw cell holds an identity number, also one written with characters a reader does
 * not see (`1990\u{e0020}0803-0489`), combining marks on its digits or look-alike digits
 * (`１９９００８０３－０４８９`): the cell is also read as a reader sees it (guard/text-views.ts).
 * And one written across a run of white space (`900803⏎0489`, `1990-08-03  0489`,
 * `19900803 \t0489`, `19900803  -  0489`): the cell's text is shown in the HTML report, where a
 * browser collapses white space (`900803 0489`), and in CSV and xlsx, where a line break shows as
 * a line break that the reader reads across; so the cell is also read with every run of white space
 * as one space (`collapsedText`). That also rejects a free-text cell with a date, two spaces and a
 * four-digit number (`2023-01-01  1200`) when the date exists and the check digit holds (1 in 10),
 * which a browser would show as `2023-01-01 1200`, read as `1985-04-12 1234`: a load error that
 * names the cell, never a number in the report.
 */
export function cellHoldsIdentityNumber(raw: string): boolean {
  // No early return for fewer than ten characters: `⑨⓪⓪⑧⓪㉚㊽⑨` reads as ten digits.
  if (containsIdentityNumber(raw)) return true;
  const visible = visibleText(raw);
  if (visible !== raw && containsIdentityNumber(visible)) return true;
  const collapsed = collapsedText(visible);
  return collapsed !== visible && containsIdentityNumber(collapsed);
}
