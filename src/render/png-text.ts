/**
 * Text chunks in a PNG: the figure's title and text alternative travel inside the image, so
 * they survive a copy into Word or an image library.
 *
 * `tEXt` holds Latin-1 only. Swedish letters are Latin-1, but a chart's text may hold a minus
 * sign (U+2212) or an en dash (U+2013): those are written as "-" in tEXt, and the exact text
 * follows in an `iTXt` chunk (UTF-8, language "sv") with the same keyword.
 */

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | undefined;
/** CRC-32 (ISO 3309, as PNG uses it) over the chunk type and data. */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const TYPOGRAPHIC: Record<string, string> = { "\u2212": "-", "\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u202f": " " };

/** The text as Latin-1 (typographic characters simplified, anything else "?"), and whether that lost anything. */
function latin1(text: string): { bytes: Uint8Array; lossy: boolean } {
  const simple = [...text.replace(/\r\n?/g, "\n")].map((ch) => TYPOGRAPHIC[ch] ?? (ch.charCodeAt(0) <= 0xff ? ch : "?")).join("");
  const bytes = Uint8Array.from(simple, (ch) => ch.charCodeAt(0));
  return { bytes, lossy: simple !== text.replace(/\r\n?/g, "\n") };
}

export interface PngText {
  /** Registered PNG keyword, e.g. "Title", "Description", "Source". */
  keyword: "Title" | "Description" | "Author" | "Source" | "Comment";
  text: string;
}

function textChunks({ keyword, text }: PngText): Uint8Array[] {
  const key = Uint8Array.from(keyword, (ch) => ch.charCodeAt(0));
  const { bytes, lossy } = latin1(text);
  const plain = new Uint8Array(key.length + 1 + bytes.length);
  plain.set(key, 0);
  plain.set(bytes, key.length + 1);
  const chunks = [chunk("tEXt", plain)];
  if (lossy) {
    // keyword \0, compression flag 0, method 0, language tag "sv" \0, translated keyword \0, UTF-8 text
    const utf8 = new TextEncoder().encode(text.replace(/\r\n?/g, "\n"));
    const lang = Uint8Array.from("sv", (ch) => ch.charCodeAt(0));
    const data = new Uint8Array(key.length + 3 + lang.length + 2 + utf8.length);
    let at = 0;
    data.set(key, at);
    at += key.length + 3; // \0, flag 0, method 0
    data.set(lang, at);
    at += lang.length + 2; // \0 after the language, \0 after the (empty) translated keyword
    data.set(utf8, at);
    chunks.push(chunk("iTXt", data));
  }
  return chunks;
}

/** A copy of `png` with text chunks inserted right after IHDR (before the image data). */
export function withPngText(png: Uint8Array, entries: readonly PngText[]): Uint8Array {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error("withPngText: not a PNG");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const ihdrEnd = 8 + 12 + view.getUint32(8);
  const extra = entries.filter((e) => e.text !== "").flatMap(textChunks);
  const size = extra.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of extra) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** The text chunks of a PNG (tEXt as Latin-1, iTXt as UTF-8), in file order. */
export function readPngText(png: Uint8Array): { type: "tEXt" | "iTXt"; keyword: string; text: string }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: "tEXt" | "iTXt"; keyword: string; text: string }[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    const nul = data.indexOf(0);
    if (type === "tEXt") {
      out.push({ type, keyword: String.fromCharCode(...data.subarray(0, nul)), text: String.fromCharCode(...data.subarray(nul + 1)) });
    } else if (type === "iTXt") {
      const langEnd = data.indexOf(0, nul + 3);
      const transEnd = data.indexOf(0, langEnd + 1);
      out.push({ type, keyword: String.fromCharCode(...data.subarray(0, nul)), text: new TextDecoder().decode(data.subarray(transEnd + 1)) });
    }
    at += 12 + length;
  }
  return out;
}
