// The CSV files the library writes (BOM, `;`, CRLF, `"` quoting), read back with csv-parse for the
// tests that check written outputs. The BOM and the CRLF line ends are part of what is checked.
import { parse } from "csv-parse/sync";
import { expect } from "vitest";

export function readWrittenCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF"), "a written CSV starts with a byte order mark").toBe(true);
  return parse(text.slice(1), { delimiter: ";", quote: '"', escape: '"', record_delimiter: "\r\n" }) as string[][];
}
