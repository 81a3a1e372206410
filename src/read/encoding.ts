/**
 * Character encoding of an export: detect and decode.
 *
 * Rule (deterministic, no guessing by statistics):
 * 1. a UTF-8 byte order mark (EF BB BF) → `utf-8-bom` (the mark is dropped from the text);
 * 2. otherwise, if the bytes are valid UTF-8 (strict: `buffer.isUtf8`, the same rule as
 *    `new TextDecoder('utf-8', { fatal: true })`) → `utf-8`;
 * 3. otherwise → `windows-1252`, with iconv-lite's mapping. Node's own `windows-1252`/`latin1`
 *    decoders map 0x80–0x9F to C1 controls; iconv-lite maps them right (0x80 €, 0x96 –, 0x93 “).
 *
 * Caveat of the rule: Windows-1252 text whose bytes happen to form valid UTF-8 (e.g. `å€€` =
 * E5 80 80) is read as UTF-8. Real Swedish exports practically never contain such runs.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";

/** Decode the bytes of an export and say which encoding they were in. */
export function decode(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    // A BOM promises UTF-8: invalid sequences after it are an error, not Windows-1252.
    const body = Buffer.from(bytes.buffer, bytes.byteOffset + 3, bytes.byteLength - 3);
    if (!isUtf8(body)) throw new Error("the file starts with a UTF-8 byte order mark but is not valid UTF-8");
    return { text: body.toString("utf8"), encoding: "utf-8-bom" };
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // isUtf8 is the same strict check as TextDecoder('utf-8', { fatal: true }), but much faster.
  if (isUtf8(buf)) return { text: buf.toString("utf8"), encoding: "utf-8" };
  return { text: decodeWindows1252(buf), encoding: "windows-1252" };
}

/**
 * Windows-1252 equals Latin-1 except for bytes 0x80–0x9F. Decode as Latin-1 (fast, and a
 * one-byte string half the size of iconv-lite's output), then replace those bytes with the
 * characters iconv-lite gives for them (0x80 €, 0x96 –, 0x93 “, 0x94 ”, …).
 */
const C1_TABLE: readonly string[] = Array.from(iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), "win1252"));
const C1_RANGE = /[\x80-\x9f]/g;

function decodeWindows1252(buf: Buffer): string {
  const latin1 = buf.toString("latin1");
  C1_RANGE.lastIndex = 0;
  const out = C1_RANGE.test(latin1) ? latin1.replace(C1_RANGE, (c) => C1_TABLE[c.charCodeAt(0) - 0x80]) : latin1;
  /(?:)/.exec(""); // drop V8's reference to the whole text as the last regex input
  return out;
}

/**
 * Text for the tokenizer: like `decode`, except that Windows-1252 comes back as its Latin-1
 * reading (one byte per character: half the memory, and faster to scan and slice than the
 * two-byte string that the characters of 0x80–0x9F would force) plus the positions of the
 * characters 0x80–0x9F in it. `tokenize` with the `c1` option turns those into their
 * Windows-1252 characters (`fixC1`) in every field value it hands out, so the fields are exactly
 * those of tokenizing `decode(bytes).text`: the replaced characters are never a delimiter, quote,
 * line break or space, and each is one character either way, so positions and lines agree too.
 */
export function decodeForTokenizer(bytes: Uint8Array): { text: string; encoding: Encoding; c1: Int32Array | null } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { ...decode(bytes), c1: null };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isUtf8(buf)) return { text: buf.toString("utf8"), encoding: "utf-8", c1: null };
  return { text: buf.toString("latin1"), encoding: "windows-1252", c1: c1Positions(buf) };
}

/** Positions of the bytes 0x80–0x9F, ascending (scanned four bytes at a time: most bytes are ASCII). */
function c1Positions(buf: Buffer): Int32Array {
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
  const words = new Uint32Array(buf.buffer, buf.byteOffset + i, (n - i) >>> 2);
  for (let w = 0; w < words.length; w++) {
    if ((words[w] & 0x80808080) !== 0) {
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

/** Encode text in one of the supported encodings (used by tests and writers of fixtures). */
export function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === "windows-1252") return new Uint8Array(iconv.encode(text, "win1252"));
  const body = Buffer.from(text, "utf8");
  if (encoding === "utf-8") return new Uint8Array(body);
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
}

/** True when every character of the text can be written in Windows-1252. */
export function representableInWindows1252(text: string): boolean {
  return iconv.decode(iconv.encode(text, "win1252"), "win1252") === text;
}
