/**
 * The text a PNG carries besides its pixels: `tEXt` (Latin-1), `zTXt` (Latin-1, deflated) and
 * `iTXt` (UTF-8, optionally deflated) chunks. A chart's PNG is rendered from the SVG beside it,
 * which is scanned; its title and text alternative also travel in these chunks and are scanned
 * here. The pixels are not text.
 */
import { inflateSync } from "node:zlib";

export interface PngText {
  chunk: "tEXt" | "zTXt" | "iTXt";
  keyword: string;
  text: string;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

function nul(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (bytes[i] === 0) return i;
  return -1;
}

/** The text chunks of a PNG; `null` when the bytes are not a well-formed PNG. */
export function pngTextChunks(bytes: Uint8Array): PngText[] | null {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: PngText[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    const start = at + 8;
    const end = start + length;
    if (end + 4 > bytes.length) return null;
    try {
      if (type === "tEXt" || type === "zTXt" || type === "iTXt") {
        const k = nul(bytes, start, end);
        if (k < 0) return null;
        const keyword = latin1.decode(bytes.subarray(start, k));
        if (type === "tEXt") {
          out.push({ chunk: type, keyword, text: latin1.decode(bytes.subarray(k + 1, end)) });
        } else if (type === "zTXt") {
          out.push({ chunk: type, keyword, text: latin1.decode(inflateSync(bytes.subarray(k + 2, end))) });
        } else {
          const compressed = bytes[k + 1] === 1;
          const lang = nul(bytes, k + 3, end);
          const translated = lang < 0 ? -1 : nul(bytes, lang + 1, end);
          if (translated < 0) return null;
          const body = bytes.subarray(translated + 1, end);
          const translatedKeyword = utf8.decode(bytes.subarray(lang + 1, translated));
          if (translatedKeyword !== "") out.push({ chunk: type, keyword, text: translatedKeyword });
          out.push({ chunk: type, keyword, text: utf8.decode(compressed ? inflateSync(body) : body) });
        }
      }
    } catch {
      return null; // a chunk that does not inflate: not readable, so not checked
    }
    if (type === "IEND") break;
    at = end + 4;
  }
  return out;
}
