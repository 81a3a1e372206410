import { describe, expect, it } from "vitest";
import { tokenize, type TokenizeOptions } from "../../src/read/tokenizer.ts";

interface Rec {
  fields: string[];
  first: number;
  last: number;
  badQuote: number;
}

function records(text: string, opts: Partial<TokenizeOptions> = {}): Rec[] {
  const out: Rec[] = [];
  tokenize(text, { delimiter: ";", ...opts }, (r) => {
    out.push({ fields: r.fields.slice(0, r.count), first: r.firstLine, last: r.lastLine, badQuote: r.badQuoteLine });
  });
  return out;
}

describe("tokenize", () => {
  it("splits CRLF and LF records and keeps empty fields", () => {
    expect(records("a;b;c\r\n1;;3\n;;\r\n")).toEqual([
      { fields: ["a", "b", "c"], first: 1, last: 1, badQuote: 0 },
      { fields: ["1", "", "3"], first: 2, last: 2, badQuote: 0 },
      { fields: ["", "", ""], first: 3, last: 3, badQuote: 0 },
    ]);
  });

  it("reads the last record without a final line break, and a trailing delimiter as an empty field", () => {
    expect(records("a;b\n1;").map((r) => r.fields)).toEqual([["a", "b"], ["1", ""]]);
    expect(records("x").map((r) => r.fields)).toEqual([["x"]]);
    expect(records("")).toEqual([]);
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks, counting physical lines", () => {
    const text = 'id;text;n\r\n1;"a;b";2\r\n2;"säger ""hej""";3\r\n3;"rad 1\r\nrad 2\nrad 3";4\r\n4;"";5\r\n';
    expect(records(text)).toEqual([
      { fields: ["id", "text", "n"], first: 1, last: 1, badQuote: 0 },
      { fields: ["1", "a;b", "2"], first: 2, last: 2, badQuote: 0 },
      { fields: ["2", 'säger "hej"', "3"], first: 3, last: 3, badQuote: 0 },
      { fields: ["3", "rad 1\r\nrad 2\nrad 3", "4"], first: 4, last: 6, badQuote: 0 },
      { fields: ["4", "", "5"], first: 7, last: 7, badQuote: 0 },
    ]);
  });

  it("keeps a bare quote inside an unquoted field as a literal character", () => {
    expect(records('a;12" skärm;c\n').map((r) => r.fields)).toEqual([["a", '12" skärm', "c"]]);
  });

  it("ignores blanks between a closing quote and the delimiter", () => {
    expect(records('"a" ;b\n').map((r) => r.fields)).toEqual([["a", "b"]]);
  });

  it("an unterminated quote does not swallow the rest of the file: the record ends at its line and is flagged", () => {
    const text = 'id;namn;n\n1;"Anna;10\n2;Bo;20\n3;Cia;30\n';
    expect(records(text, { minFields: 3, maxFields: 3 })).toEqual([
      { fields: ["id", "namn", "n"], first: 1, last: 1, badQuote: 0 },
      { fields: ["1", '"Anna', "10"], first: 2, last: 2, badQuote: 2 },
      { fields: ["2", "Bo", "20"], first: 3, last: 3, badQuote: 0 },
      { fields: ["3", "Cia", "30"], first: 4, last: 4, badQuote: 0 },
    ]);
  });

  it("a stray quote that 'closes' on a later line followed by text is rejected (rule b)", () => {
    const text = 'id;namn;n\n1;"Anna;10\n2;"Bo";20\n';
    const recs = records(text);
    expect(recs.map((r) => r.fields)).toEqual([["id", "namn", "n"], ["1", '"Anna', "10"], ["2", "Bo", "20"]]);
    expect(recs[1].badQuote).toBe(2);
  });

  it("a multi-line quoted field that leaves the record with the wrong field count is re-read (rule d)", () => {
    const text = 'id;namn;n\n1;"Anna;10\n2;Bo;20"\n3;Cia;30\n';
    const recs = records(text, { minFields: 3, maxFields: 3 });
    expect(recs.map((r) => r.fields)).toEqual([["id", "namn", "n"], ["1", '"Anna', "10"], ["2", "Bo", '20"'], ["3", "Cia", "30"]]);
    expect(recs.map((r) => r.badQuote)).toEqual([0, 2, 0, 0]);
    // Without an expected field count the quoted field is legitimately multi-line.
    expect(records(text).map((r) => r.fields)[1]).toEqual(["1", "Anna;10\n2;Bo;20"]);
  });

  it("caps the lines a quoted field may span (rule c)", () => {
    const text = '1;"a\nb\nc\nd";2\n';
    expect(records(text, { maxQuotedLines: 2 }).map((r) => r.fields)).toEqual([["1", '"a'], ["b"], ["c"], ['d"', "2"]]);
    expect(records(text, { maxQuotedLines: 3 }).map((r) => r.fields)).toEqual([["1", "a\nb\nc\nd", "2"]]);
  });

  it("with a tab delimiter, a tab right after a closing quote is the delimiter, not a blank", () => {
    expect(records('1\t"0,00"\t0\n', { delimiter: "\t" }).map((r) => [r.fields, r.badQuote])).toEqual([[["1", "0,00", "0"], 0]]);
  });

  it("uses the given delimiter only", () => {
    expect(records("a,b;c\n", { delimiter: "," }).map((r) => r.fields)).toEqual([["a", "b;c"]]);
    expect(records("a\tb\n", { delimiter: "\t" }).map((r) => r.fields)).toEqual([["a", "b"]]);
  });

  it("stops after maxRecords and reports the lines consumed", () => {
    const res = tokenize("a\nb\nc\n", { delimiter: ";", maxRecords: 2 }, () => {});
    expect(res).toEqual({ records: 2, lines: 2, stopped: true });
    expect(tokenize('a\n"b\nc"\nd', { delimiter: ";" }, () => {})).toEqual({ records: 3, lines: 4, stopped: false });
  });
});
