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
