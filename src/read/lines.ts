/**
 * An independent count of physical lines, used to prove that a load lost no line.
 *
 * A physical line ends with LF (`\n`, optionally preceded by CR). The last line counts even
 * without a final line break; an empty text has no lines. A lone CR is not a line break
 * (the tokenizer follows the same rule; texts whose lines end with bare CRs are normalised first,
 * `normaliseBareCr`). This deliberately shares no code with the tokenizer.
 */
export function countPhysicalLines(text: string): number {
  let count = 0;
  let at = text.indexOf("\n");
  while (at !== -1) {
    count++;
    at = text.indexOf("\n", at + 1);
  }
  if (text.length > 0 && text.charCodeAt(text.length - 1) !== 10) count++;
  return count;
}

/** The line break used by the text: CRLF when its first line break is CRLF, else LF. */
export function detectLineBreak(text: string): "\r\n" | "\n" {
  const at = text.indexOf("\n");
  return at > 0 && text.charCodeAt(at - 1) === 13 ? "\r\n" : "\n";
}

/** A text's line break: CRLF, LF, or a bare CR (old Mac, Excel's "CSV (Macintosh)"). */
export type LineBreak = "\r\n" | "\n" | "\r";

/**
 * Texts whose lines end with a bare CR: each bare CR (not followed by LF) becomes LF, so the
 * tokenizer, the line count and every line number read it like any other export. A text is
 * taken to use bare CRs when it has more of them than LFs (a LF-ended text with a stray CR in
 * a cell is left alone: that CR stays an ordinary character). Positions do not move (one
 * character for one), so positions found in the original text remain valid.
 */
export function normaliseBareCr(text: string): { text: string; bareCr: boolean } {
  const firstCr = text.indexOf("\r");
  if (firstCr === -1) return { text, bareCr: false };
  const firstLf = text.indexOf("\n");
  // Common case: the first line ends with CRLF or LF and no bare CR comes before it.
  if (firstLf !== -1 && firstCr >= firstLf - 1) return { text, bareCr: false };
  let bare = 0;
  let lf = 0;
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) if (text.charCodeAt(i + 1) !== 10) bare++;
  for (let i = firstLf; i !== -1; i = text.indexOf("\n", i + 1)) lf++;
  if (bare <= lf) return { text, bareCr: false };
  return { text: text.replace(/\r(?!\n)/g, "\n"), bareCr: true };
}
