/**
 * Character encoding of an export: detect and decode.
 *
 * Rule (deterministic, no guessing by statistics):
 * 1. a UTF-8 byte order mark (EF BB BF) → `utf-8-bom` (the mark is dropped from the text);
 *    invalid UTF-8 after it is a decode problem naming the line and byte offset;
 * 2. a UTF-16 byte order mark (FF FE, FE FF) → `utf-16le` / `utf-16be`;
 * 3. otherwise, if the bytes are valid UTF-8 (strict: `buffer.isUtf8`, the same rule as
 *    `new TextDecoder('utf-8', { fatal: true })`) → `utf-8`;
 * 4. otherwise → `windows-1252`, with iconv-lite's mapping. Node's own `windows-1252`/`latin1`
 *    decoders map 0x80–0x9F to C1 controls; iconv-lite maps them right (0x80 €, 0x96 –, 0x93 “).
 * `findNul` finds a NUL character (byte 0, U+0000 in UTF-16), which the loader refuses.
 *
 * Caveat of the rule: Windows-1252 text whose bytes happen to form valid UTF-8 (e.g. `å€€` =
 * E5 80 80) is read as UTF-8. Real Swedish exports practically never contain such runs.
 */
import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import { normaliseBareCr } from "./lines.ts";

type Iconv = typeof import("iconv-lite");
let iconvLite: Iconv | undefined;
/**
 * iconv-lite, loaded the first time `encode` or `representableInWindows1252` needs it (tests and
 * writers of fixtures): reading an export needs only the 32 characters of `C1_TABLE`, and loading
 * iconv-lite with its code-page tables took 10–15 ms of every build's start.
 */
const iconv = (): Iconv => (iconvLite ??= createRequire(import.meta.url)("iconv-lite") as Iconv);

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252" | "utf-16le" | "utf-16be";

/** Why the bytes cannot be read as the text of an export. */
export interface DecodeProblem {
  /** `invalid-utf8`: invalid UTF-8 after a UTF-8 byte order mark; `nul`: a NUL character; `odd-utf16`: UTF-16 with an odd number of bytes. */
  kind: "invalid-utf8" | "nul" | "odd-utf16";
  /** Offset of the offending byte from the start of the file (0-based, the byte order mark included). */
  byteOffset: number;
  /** Physical line (1-based) that holds it. */
  line: number;
  /** One line, Swedish first with an English gloss. */
  message: string;
}

/** Thrown by `decode` when the bytes have a decode problem. */
export class DecodeError extends Error {
  readonly problem: DecodeProblem;
  constructor(problem: DecodeProblem) {
    super(problem.message);
    this.name = "DecodeError";
    this.problem = problem;
  }
}

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Positions of Windows-1252 characters 0x80–0x9F in a Latin-1 reading (see `decodeForTokenizer`), else null. */
  c1: Int32Array | null;
  /** A reason the text cannot be trusted; the text is then a lossy reading (for counting lines). */
  problem: DecodeProblem | null;
}

function asBuffer(bytes: Uint8Array, from = 0): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from);
}

/** Decode the bytes of an export and say which encoding they were in; throws DecodeError on a problem. */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const d = decodeForTokenizer(bytes);
  if (d.problem !== null) throw new DecodeError(d.problem);
  return { text: d.c1 === null ? d.text : fixWindows1252(d.text), encoding: d.encoding };
}

/**
 * Windows-1252 equals Latin-1 except for bytes 0x80–0x9F. Decode as Latin-1 (fast, and a
 * one-byte string half the size of iconv-lite's output), then replace those bytes with the
 * characters iconv-lite gives for them (0x80 €, 0x96 –, 0x93 “, 0x94 ”, …; U+FFFD for the five
 * bytes the code page leaves out, 0x81, 0x8D, 0x8F, 0x90 and 0x9D): iconv-lite's `win1252`
 * mapping of those bytes, written out (test/read/encoding.test.ts decodes every byte value and
 * compares with iconv-lite).
 */
const C1_TABLE: readonly string[] = Array.from(
  "\u20ac\ufffd\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\ufffd\u017d\ufffd" +
    "\ufffd\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\ufffd\u017e\u0178",
);
const C1_RANGE = /[\x80-\x9f]/g;

/** A Latin-1 reading of Windows-1252 bytes with 0x80–0x9F replaced by their characters. */
function fixWindows1252(latin1: string): string {
  C1_RANGE.lastIndex = 0;
  const out = C1_RANGE.test(latin1) ? latin1.replace(C1_RANGE, (c) => C1_TABLE[c.charCodeAt(0) - 0x80]) : latin1;
  /(?:)/.exec(""); // drop V8's reference to the whole text as the last regex input
  return out;
}

/**
 * Text for the tokenizer, with its decode problem if any (no exception: the loader still counts
 * the lines of a lossy reading, so rows read = accepted + quarantined holds for a failed load).
 * Like `decode`, except that Windows-1252 comes back as its Latin-1
 * reading (one byte per character: half the memory, and faster to scan and slice than the
 * two-byte string that the characters of 0x80–0x9F would force) plus the positions of the
 * characters 0x80–0x9F in it. `tokenize` with the `c1` option turns those into their
 * Windows-1252 characters (`fixC1`) in every field value it hands out, so the fields are exactly
 * those of tokenizing `decode(bytes).text`: the replaced characters are never a delimiter, quote,
 * line break or space, and each is one character either way, so positions and lines agree too.
 */
export function decodeForTokenizer(bytes: Uint8Array): Decoded {
  const n = bytes.length;
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // A BOM promises UTF-8: invalid sequences after it are an error, not Windows-1252.
    const body = asBuffer(bytes, 3);
    const text = body.toString("utf8");
    let problem: DecodeProblem | null = null;
    if (!isUtf8(body)) {
      const at = 3 + firstInvalidUtf8(body);
      const line = lineOfByte(bytes, at);
      problem = {
        kind: "invalid-utf8", byteOffset: at, line,
        message: `ogiltig UTF-8 på rad ${line}, byte ${at} (räknat från 0), fast filen börjar med UTF-8-markering (invalid UTF-8 at line ${line}, byte offset ${at}, although the file starts with a UTF-8 byte order mark); spara filen som UTF-8 igen eller ta bort markeringen (save it as UTF-8 again, or remove the mark)`,
      };
    }
    return { text, encoding: "utf-8-bom", c1: null, problem };
  }
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    const odd = (n - 2) % 2 === 1;
    let body = asBuffer(bytes, 2).subarray(0, n - 2 - (odd ? 1 : 0));
    if (!le) body = Buffer.from(body).swap16();
    const text = body.toString("utf16le");
    let problem: DecodeProblem | null = null;
    if (odd) {
      const at = n - 1;
      const line = lineOfChar(text, text.length);
      problem = {
        kind: "odd-utf16", byteOffset: at, line,
        message: `UTF-16-filen har ett udda antal byte: sista byten (byte ${at}) hör inte till något tecken (the UTF-16 file has an odd number of bytes; it is cut off)`,
      };
    }
    return { text, encoding: le ? "utf-16le" : "utf-16be", c1: null, problem };
  }
  const buf = asBuffer(bytes);
  // isUtf8 is the same strict check as TextDecoder('utf-8', { fatal: true }), but much faster.
  if (isUtf8(buf)) {
    const text = buf.toString("utf8");
    return { text, encoding: "utf-8", c1: null, problem: null };
  }
  return { text: buf.toString("latin1"), encoding: "windows-1252", c1: c1Positions(buf), problem: null };
}

/**
 * The first NUL character of decoded bytes, as a problem (null when there is none). No export
 * holds one; a UTF-16 file without a byte order mark is full of them. Kept apart from decoding:
 * refusing them is the loader's rule, not the decoder's.
 */
export function findNul(bytes: Uint8Array, decoded: { text: string; encoding: Encoding }): DecodeProblem | null {
  const { text } = decoded;
  let at: number;
  let line: number;
  if (decoded.encoding === "utf-16le" || decoded.encoding === "utf-16be") {
    const i = text.indexOf("\0");
    if (i === -1) return null;
    at = 2 + 2 * i;
    line = lineOfChar(text, i);
  } else {
    at = asBuffer(bytes).indexOf(0);
    if (at === -1) return null;
    line = lineOfByte(bytes, at);
  }
  return {
    kind: "nul", byteOffset: at, line,
    message: `NUL-tecken på rad ${line}, byte ${at} (räknat från 0) (NUL byte at line ${line}, byte offset ${at}); filen kan vara UTF-16 utan byte order mark, eller skadad (the file may be UTF-16 without a byte order mark, or damaged)`,
  };
}

/**
 * Physical line (1-based) of a byte of one-byte or UTF-8 text (a CR or LF is one byte in both, so
 * their Latin-1 reading has the text's line breaks at the bytes' positions).
 */
function lineOfByte(bytes: Uint8Array, at: number): number {
  return lineOfChar(asBuffer(bytes).toString("latin1"), at);
}

/** Physical line (1-based) of a character, by the rule the text's lines are read with (`normaliseBareCr`). */
function lineOfChar(text: string, at: number): number {
  const lines = normaliseBareCr(text).text;
  let line = 1;
  for (let i = lines.indexOf("\n"); i !== -1 && i < at; i = lines.indexOf("\n", i + 1)) line++;
  return line;
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (the strict rule of `isUtf8`). */
export function firstInvalidUtf8(buf: Uint8Array): number {
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min, cp] = [2, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [len, min, cp] = [3, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [len, min, cp] = [4, 0x10000, b & 0x07];
    else return i;
    if (i + len > n) return i;
    for (let k = 1; k < len; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return n;
}

/**
 * Positions of the bytes 0x80–0x9F, ascending. Scanned four bytes at a time: a byte is one of them
 * when its top three bits are 100, i.e. when `(b & 0xE0) ^ 0x80` is zero, and whether a word has a
 * zero byte is one exact test (`(v - 0x01010101) & ~v & 0x80808080`). So only words that really
 * hold such a byte (rare: €, ’, “, – and the like) are looked at byte by byte; å, ä and ö are not.
 */
export function c1Positions(buf: Buffer): Int32Array {
  let out = new Int32Array(1024);
  let k = 0;
  const add = (i: number) => {
    if (k === out.length) {
      const next = new Int32Array(out.length * 2);
      next.set(out);
      out = next;
    }
    out[k++] = i;
  };
  const n = buf.length;
  let i = 0;
  for (; i < n && ((buf.byteOffset + i) & 3) !== 0; i++) if (buf[i] >= 0x80 && buf[i] < 0xa0) add(i);
  // (i === n before the bytes are aligned when there are fewer than four: then there are no words)
  const words = i < n ? new Uint32Array(buf.buffer, buf.byteOffset + i, (n - i) >>> 2) : new Uint32Array(0);
  for (let w = 0; w < words.length; w++) {
    const v = (words[w] & 0xe0e0e0e0) ^ 0x80808080;
    if (((v - 0x01010101) & ~v & 0x80808080) !== 0) {
      const base = i + w * 4;
      for (let j = base; j < base + 4; j++) if (buf[j] >= 0x80 && buf[j] < 0xa0) add(j);
    }
  }
  for (let j = i + words.length * 4; j < n; j++) if (buf[j] >= 0x80 && buf[j] < 0xa0) add(j);
  return out.slice(0, k);
}

const C1_ONE = /[\x80-\x9f]/g;

/** A Latin-1 reading with its characters 0x80–0x9F replaced by their Windows-1252 characters. */
export function fixC1(s: string): string {
  return s.replace(C1_ONE, (c) => C1_TABLE[c.charCodeAt(0) - 0x80]);
}

/** Encode text in one of the supported encodings (used by tests and writers of fixtures); UTF-16 gets its byte order mark. */
export function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === "windows-1252") return new Uint8Array(iconv().encode(text, "win1252"));
  if (encoding === "utf-16le" || encoding === "utf-16be") {
    const body = Buffer.from(text, "utf16le");
    if (encoding === "utf-16be") body.swap16();
    return new Uint8Array(Buffer.concat([Buffer.from(encoding === "utf-16le" ? [0xff, 0xfe] : [0xfe, 0xff]), body]));
  }
  const body = Buffer.from(text, "utf8");
  if (encoding === "utf-8") return new Uint8Array(body);
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
}

/** True when every character of the text can be written in Windows-1252. */
export function representableInWindows1252(text: string): boolean {
  return iconv().decode(iconv().encode(text, "win1252"), "win1252") === text;
}
