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
    expect(res).toEqual({ records: 2, lines: 2, stopped: true, consumed: 4 });
    expect(tokenize('a\n"b\nc"\nd', { delimiter: ";" }, () => {})).toEqual({ records: 3, lines: 4, stopped: false, consumed: 9 });
  });
});

describe("tokenize with c1 (Latin-1 reading of Windows-1252)", () => {
  it("hands out exactly the fields of the decoded text, for random inputs with quotes, C1 bytes and line breaks", async () => {
    const { decode, decodeForTokenizer } = await import("../../src/read/encoding.ts");
    let seed = 99;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    // Bytes that matter to the tokenizer, plus C1 bytes (0x80–0x9F, incl. undefined ones), å and ASCII.
    const alphabet = [0x3b, 0x22, 0x22, 0x0a, 0x0d, 0x20, 0x09, 0x80, 0x81, 0x8d, 0x93, 0x94, 0x96, 0x9f, 0xe5, 0x61, 0x62, 0x31, 0x2c];
    let checked = 0;
    for (let t = 0; t < 3000; t++) {
      const len = Math.floor(rnd() * 60);
      const bytes = new Uint8Array(len + 1);
      for (let i = 0; i < len; i++) bytes[i] = alphabet[Math.floor(rnd() * alphabet.length)];
      bytes[len] = 0x96; // at least one C1 byte, and never valid UTF-8
      const fast = decodeForTokenizer(bytes);
      const ref = decode(bytes);
      if (ref.encoding !== "windows-1252") continue;
      expect(fast.encoding).toBe("windows-1252");
      for (const opts of [{}, { minFields: 3, maxFields: 3 }, { maxQuotedLines: 1 }]) {
        expect(records(fast.text, { ...opts, c1: fast.c1 })).toEqual(records(ref.text, opts));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(2500);
  });

  it("decodeForTokenizer leaves UTF-8 alone and finds every C1 byte", async () => {
    const { decodeForTokenizer, fixC1, decode } = await import("../../src/read/encoding.ts");
    const all = new Uint8Array(256).map((_, i) => i);
    const d = decodeForTokenizer(all);
    expect(d.encoding).toBe("windows-1252");
    expect(Array.from(d.c1!)).toEqual(Array.from({ length: 32 }, (_, i) => 0x80 + i));
    expect(fixC1(d.text)).toBe(decode(all).text);
    // Any alignment of the bytes in their buffer (the scan reads four bytes at a time).
    const big = new Uint8Array(300).map((_, i) => (i * 37) & 0xff);
    for (let off = 0; off < 4; off++) {
      for (const end of [big.length, big.length - 1, big.length - 2, big.length - 3]) {
        const part = big.subarray(off, end);
        const want = Array.from(part).flatMap((b, i) => (b >= 0x80 && b < 0xa0 ? [i] : []));
        expect(Array.from(decodeForTokenizer(part).c1!)).toEqual(want);
      }
    }
    const utf8 = decodeForTokenizer(new Uint8Array(Buffer.from("a;b – c\n", "utf8")));
    expect(utf8).toEqual({ text: "a;b – c\n", encoding: "utf-8", c1: null, problem: null });
  });
});
