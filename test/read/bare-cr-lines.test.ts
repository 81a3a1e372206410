/**
 * The line of a decode problem (a NUL character, invalid UTF-8 after a byte order mark, the odd
 * last byte of UTF-16) is counted by the rule the file's line breaks are read with: in a file with
 * bare-CR line ends (Excel's "CSV (Macintosh)") every bare CR ends a line, also when a quoted cell
 * holds a LF — in the whole-file reading (encoding.ts) and the windowed one (chunks.ts) alike.
 */
import { describe, expect, it } from "vitest";
import { bytesSource, scanSource } from "../../src/read/chunks.ts";
import { decode, decodeForTokenizer, findNul } from "../../src/read/encoding.ts";
import { LoadError, loadBytes } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { bytes, KEY, makePnr } from "./helpers.ts";

const P = makePnr("19900803", "048");
/**
 * Records joined by bare CRs; the second holds a LF in a quoted cell, so the fifth record
 * (`cell` in its last field) starts on physical line 6.
 */
const macCsv = (cell: string) =>
  [
    "Personnummer;Insats;Startdatum;Avslutsorsak detalj",
    `${P};IPS;2023-01-01;"rad ett\nrad två"`,
    `${P};IPS;2023-01-02;x`,
    `${P};IPS;2023-01-03;x`,
    `${P};IPS;2023-01-04;${cell}`,
    `${P};IPS;2023-01-05;x`,
  ].join("\r") + "\r";

/** Window sizes that cut the bytes everywhere (CR and its follower in different windows too), and the default. */
const CHUNKS = [4, 5, 7, 16, undefined];

const scanned = (b: Uint8Array, chunk: number | undefined) => scanSource(bytesSource(b), chunk).problem;

describe("line of a decode problem in a file with bare-CR line ends and a LF in a cell", () => {
  it("a NUL character: line 6, in both readings and every window size", () => {
    const b = bytes(macCsv("a\0b"));
    const at = Buffer.from(b).indexOf(0);
    expect(at).toBe(191);
    expect(findNul(b, decode(b))).toMatchObject({ kind: "nul", byteOffset: at, line: 6 });
    for (const chunk of CHUNKS) {
      const p = scanned(b, chunk);
      expect(p, `chunk ${chunk}`).toMatchObject({ kind: "nul", byteOffset: at, line: 6 });
      expect(p!.message).toMatch(/^NUL-tecken på rad 6, byte 191 /);
    }
  });

  it("the loader reports the NUL on the line where it reads that row (6)", () => {
    const b = bytes(macCsv("a\0b"));
    let err: unknown;
    try {
      loadBytes(participantsSchema, b, { pseudonymKey: KEY, referenceYear: 2024, mode: "lenient" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    const { report, message } = err as LoadError;
    expect(message).toMatch(/^<bytes>: NUL-tecken på rad 6, byte 191 /);
    expect(report.errors.map((e) => [e.kind, e.line])).toEqual([["encoding", 6]]);
    expect([report.lineBreak, report.physicalLines]).toEqual(["\r", 7]);
    // The same row with a bad date instead of the NUL: the loader's own line number for it.
    const twin = loadBytes(participantsSchema, bytes(macCsv("x").replace("2023-01-04", "2023-02-30")), { pseudonymKey: KEY, referenceYear: 2024, mode: "lenient" });
    expect(twin.report.errors.map((e) => [e.kind, e.line])).toEqual([["date", 6]]);
  });

  it("invalid UTF-8 after a byte order mark: line 6", () => {
    // ö written as its Windows-1252 byte (0xF6) in a UTF-8 file.
    const text = Buffer.from(macCsv("a\u00f6b"), "utf8");
    const bad = text.indexOf(Buffer.from("\u00f6", "utf8"));
    const b = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text.subarray(0, bad), Buffer.from([0xf6]), text.subarray(bad + 2)]));
    expect(bad).toBe(191);
    const at = 3 + bad;
    expect(decodeForTokenizer(b).problem).toMatchObject({ kind: "invalid-utf8", byteOffset: at, line: 6 });
    for (const chunk of CHUNKS) expect(scanned(b, chunk), `chunk ${chunk}`).toMatchObject({ kind: "invalid-utf8", byteOffset: at, line: 6 });
  });

  it("UTF-16: a NUL character on line 6, the odd last byte after line 7", () => {
    for (const encoding of ["utf-16le", "utf-16be"] as const) {
      const b = bytes(macCsv("a\0b"), encoding);
      const at = 2 + 2 * macCsv("a\0b").indexOf("\0");
      expect(findNul(b, decode(b))).toMatchObject({ kind: "nul", byteOffset: at, line: 6 });
      for (const chunk of CHUNKS) expect(scanned(b, chunk), `${encoding} chunk ${chunk}`).toMatchObject({ kind: "nul", byteOffset: at, line: 6 });

      const odd = new Uint8Array([...bytes(macCsv("x"), encoding), 0x41]);
      // The text ends with a line break, so the stray byte is after the last of the 7 lines.
      expect(decodeForTokenizer(odd).problem).toMatchObject({ kind: "odd-utf16", byteOffset: odd.length - 1, line: 8 });
      for (const chunk of CHUNKS) expect(scanned(odd, chunk), `${encoding} chunk ${chunk}`).toMatchObject({ kind: "odd-utf16", byteOffset: odd.length - 1, line: 8 });
    }
  });
});

describe("line of a decode problem in other files (unchanged rule)", () => {
  it("LF line ends with a stray CR in a cell: only LFs count", () => {
    const b = bytes(`a;b\nx\ry;1\nz;2\nq;\0\n`);
    expect(findNul(b, decode(b))!.line).toBe(4);
    for (const chunk of CHUNKS) expect(scanned(b, chunk)!.line).toBe(4);
  });

  it("CRLF line ends: each CRLF is one line break", () => {
    const b = bytes(`a;b\r\nx;1\r\nz;\0\r\n`);
    expect(findNul(b, decode(b))!.line).toBe(3);
    for (const chunk of CHUNKS) expect(scanned(b, chunk)!.line).toBe(3);
  });

  it("bare CRs and no LF: each CR is a line break", () => {
    const b = bytes(`a;b\rx;1\rz;2\r\0`);
    expect(findNul(b, decode(b))!.line).toBe(4);
    for (const chunk of CHUNKS) expect(scanned(b, chunk)!.line).toBe(4);
  });
});
