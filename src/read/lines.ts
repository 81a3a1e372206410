/**
 * An independent count of physical lines, used to prove that a load lost no line.
 *
 * A physical line ends with LF (`\n`, optionally preceded by CR). The last line counts even
 * without a final line break; an empty text has no lines. A lone CR is not a line break
 * (the tokenizer follows the same rule). This deliberately shares no code with the tokenizer.
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
