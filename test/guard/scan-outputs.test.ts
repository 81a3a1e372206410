import { readFile } from "node:fs/promises";
import { deflateSync } from "node:zlib";
import path from "node:path";
import * as XLSX from "@e965/xlsx";
import { describe, expect, it } from "vitest";
import { findIdentityNumbers } from "../../src/guard/identity-numbers.ts";
import {
  assertNoIdentityNumbers,
  IdentityNumberInOutputError,
  scanOutputs,
  UncheckedOutputError,
} from "../../src/guard/scan-outputs.ts";
import { GOLDEN, listFiles } from "../report/helpers.ts";
import { checkDigit } from "../read/helpers.ts";

const enc = new TextEncoder();
const utf8 = (s: string) => enc.encode(s);

/** 811218-9876: Skatteverket's example; a coordination number born 1990-01-11. */
const D12 = "198112189876";
const COORD12 = `19900171236${checkDigit("900171236")}`;
const DIGITS = [D12, D12.slice(2), COORD12, COORD12.slice(2)];

/** No digits of any test number in a text (in any of its forms: the digits in a row). */
function expectNoDigits(text: string): void {
  const digitsOnly = text.replace(/[^0-9]/g, "");
  for (const d of DIGITS) expect(digitsOnly.includes(d.slice(2))).toBe(false);
  expect(findIdentityNumbers(text)).toEqual([]);
}

/** A PNG of the given chunks (CRCs left zero: the reader does not need them). */
function png(chunks: [string, Uint8Array][]): Uint8Array {
  const parts: number[] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  for (const [type, data] of [["IHDR", new Uint8Array(13)] as [string, Uint8Array], ...chunks, ["IEND", new Uint8Array(0)] as [string, Uint8Array]]) {
    const n = data.length;
    parts.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...Array.from(type, (c) => c.charCodeAt(0)), ...data, 0, 0, 0, 0);
  }
  return new Uint8Array(parts);
}

function thrown(fn: () => void): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a throw");
}

describe("scanOutputs", () => {
  it("finds nothing in the golden reports' real outputs (HTML, SVG, CSV, figures.json, xlsx with hashes and amounts)", async () => {
    for (const name of ["basic", "delarsrapport"]) {
      const dir = path.join(GOLDEN, name, "expected");
      const files = new Map<string, Uint8Array>();
      for (const rel of await listFiles(dir)) files.set(rel, new Uint8Array(await readFile(path.join(dir, rel))));
      expect(files.has("index.html")).toBe(true);
      expect(files.has("figures.json")).toBe(true);
      const scan = scanOutputs(files);
      expect(scan.findings).toEqual([]);
      expect(scan.unchecked).toEqual([]);
      expect(scan.scanned).toContain("index.html");
      expect(scan.scanned.filter((f) => f.endsWith(".svg")).length).toBeGreaterThan(0);
      expect(() => assertNoIdentityNumbers(files)).not.toThrow();
    }
  });

  it("names file, line and column in every text format, never the value", () => {
    const files = new Map<string, Uint8Array>([
      // The hyphen as a character reference (U+2010), on line 3 column 12.
      ["index.html", utf8(`<!doctype html>\n<html lang="sv">\n<p>Avslut: ${D12.slice(0, 8)}&#x2010;${D12.slice(8)} flytt</p>\n</html>\n`)],
      // In an SVG label: line 2, column 7 (after "<text>").
      ["figures/avslut.svg", utf8(`<svg xmlns="http://www.w3.org/2000/svg">\n<text>${D12.slice(2, 8)}&minus;${D12.slice(8)}</text></svg>`)],
      // A coordination number without separator in a CSV text cell, BOM first: line 2, column 8.
      ["tables/avslut.csv", utf8(`\uFEFFInsats;Detalj\r\nJOBBSP;${COORD12.slice(2)};3\r\n`)],
      // figures.json: a string value is text (line 3, column 18); the same digits as a number are not.
      ["figures.json", utf8(`{\n  "amount": ${D12},\n  "label": "ring ${D12.slice(0, 8)} ${D12.slice(8)}",\n  "rows": [[${D12.slice(2)}, 5]]\n}\n`)],
      // A soft hyphen inside the digits does not hide them.
      ["notes.txt", utf8(`rad ett\nx ${D12.slice(0, 4)}\u00ad${D12.slice(4, 8)}-${D12.slice(8)}\n`)],
      // Pixels are not text: the digits inside IDAT are not read.
      ["figures/avslut.png", png([["IDAT", utf8(D12)], ["tEXt", utf8("Title\0Avslut per orsak")]])],
    ]);
    const scan = scanOutputs(files);
    expect(scan.unchecked).toEqual([]);
    expect(scan.findings).toEqual([
      { file: "index.html", location: { kind: "text", line: 3, column: 12 }, coordination: false },
      { file: "figures/avslut.svg", location: { kind: "text", line: 2, column: 7 }, coordination: false },
      { file: "tables/avslut.csv", location: { kind: "text", line: 2, column: 8 }, coordination: true },
      { file: "figures.json", location: { kind: "text", line: 3, column: 18 }, coordination: false },
      { file: "notes.txt", location: { kind: "text", line: 2, column: 3 }, coordination: false },
    ]);
    const err = thrown(() => assertNoIdentityNumbers(files));
    expect(err).toBeInstanceOf(IdentityNumberInOutputError);
    expect(err.message).toContain("index.html:3:12");
    expect(err.message).toContain("figures/avslut.svg:2:7");
    expect(err.message).toContain("tables/avslut.csv:2:8");
    expect(err.message).toContain("figures.json:3:18");
    expect(err.message).toMatch(/^personnummer eller samordningsnummer i utdata/);
    expectNoDigits(err.message);
    expect((err as IdentityNumberInOutputError).findings).toHaveLength(5);
  });

  it("numbers in figures.json are numbers, not text: amounts that look like identity numbers pass", () => {
    const doc = { figures: [{ value: Number(D12), shown: "198 112 189 876 kr" }], tables: [{ rows: [[Number(D12.slice(2)), Number(COORD12), null]] }] };
    const files = new Map([["figures.json", utf8(JSON.stringify(doc, null, 2))]]);
    expect(scanOutputs(files).findings).toEqual([]);
    expect(() => assertNoIdentityNumbers(files)).not.toThrow();
    // The same value as a string is text and is found.
    const asText = new Map([["figures.json", utf8(JSON.stringify({ value: D12 }))]]);
    expect(scanOutputs(asText).findings).toEqual([{ file: "figures.json", location: { kind: "text", line: 1, column: 11 }, coordination: false }]);
    // Escapes in JSON strings are decoded: "\u2010" is a hyphen.
    const escaped = new Map([["figures.json", utf8(`{"v": "${D12.slice(0, 8)}\\u2010${D12.slice(8)}"}`)]]);
    expect(scanOutputs(escaped).findings).toHaveLength(1);
  });

  it("reads the text cells of an .xlsx, not its number cells, and names sheet and cell", () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["Insats", "Belopp", "Detalj"],
      ["JOBBSP", Number(D12.slice(2)), "ok"],
      ["IPS", 5, `ring ${COORD12.slice(0, 8)}-${COORD12.slice(8)}`],
    ]);
    const clean = XLSX.utils.aoa_to_sheet([["Insats"], ["JOBBSP"]]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, clean, "Tabell 1");
    XLSX.utils.book_append_sheet(wb, ws, "Tabell 2");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    const scan = scanOutputs(new Map([["tabeller.xlsx", bytes]]));
    expect(scan.scanned).toEqual(["tabeller.xlsx"]);
    expect(scan.findings).toEqual([{ file: "tabeller.xlsx", location: { kind: "cell", sheet: 2, cell: "C3" }, coordination: true }]);
    const err = thrown(() => assertNoIdentityNumbers(new Map([["tabeller.xlsx", bytes]])));
    expect(err.message).toContain("tabeller.xlsx (blad 2, cell C3");
    expectNoDigits(err.message);
  });

  it("reads a PNG's text chunks (tEXt, zTXt, compressed iTXt), not its pixels", () => {
    const itxt = new Uint8Array([...utf8("Description\0"), 1, 0, ...utf8("sv\0\0"), ...deflateSync(utf8(`Diagram: ring ${D12.slice(2, 8)}\u2212${D12.slice(8)}`))]);
    const ztxt = new Uint8Array([...utf8("Comment\0"), 0, ...deflateSync(utf8(`nr ${COORD12}`))]);
    const files = new Map([
      ["figures/a.png", png([["tEXt", utf8("Title\0Avslut")], ["iTXt", itxt], ["IDAT", utf8(D12)]])],
      ["figures/b.png", png([["zTXt", ztxt]])],
    ]);
    const scan = scanOutputs(files);
    expect(scan.scanned).toEqual(["figures/a.png", "figures/b.png"]);
    expect(scan.findings).toEqual([
      { file: "figures/a.png", location: { kind: "png", chunk: "iTXt", keyword: "Description" }, coordination: false },
      { file: "figures/b.png", location: { kind: "png", chunk: "zTXt", keyword: "Comment" }, coordination: true },
    ]);
    const err = thrown(() => assertNoIdentityNumbers(files));
    expect(err.message).toContain("figures/a.png (PNG-textfältet Description");
    expectNoDigits(err.message);
    // A file named .png that is no PNG cannot be checked.
    expect(scanOutputs(new Map([["figures/c.png", utf8(D12)]])).unchecked).toEqual(["figures/c.png"]);
  });

  it("checks file names and never prints them with the number", () => {
    const files = new Map([[`tables/${D12}.csv`, utf8("Insats\r\nJOBBSP\r\n")]]);
    expect(scanOutputs(files).findings).toEqual([{ file: `tables/${D12}.csv`, location: { kind: "path" }, coordination: false }]);
    const err = thrown(() => assertNoIdentityNumbers(files));
    expect(err.message).toContain("tables/[personnummer dolt].csv (filnamnet");
    expectNoDigits(err.message);
  });

  it("fails closed on an output it cannot read", () => {
    const files = new Map([["rapport.pdf", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x81])]]);
    expect(scanOutputs(files).unchecked).toEqual(["rapport.pdf"]);
    const err = thrown(() => assertNoIdentityNumbers(files));
    expect(err).toBeInstanceOf(UncheckedOutputError);
    expect(err.message).toContain("rapport.pdf");
  });
});
