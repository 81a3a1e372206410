/**
 * What a reader sees of an output file, as text that can be scanned for identity numbers, with a
 * map from each character back to its index in the file's text (for line:column in messages).
 *
 * - markup (HTML, SVG, XML): character references decoded (`&#8208;`, `&#x2010;`, `&nbsp;`,
 *   `&minus;`, …), so a number written with an entity for its hyphen is still seen;
 * - JSON: only the string values and keys (escapes decoded), each on its own line; numbers are
 *   numbers, not text, and are not part of the view.
 */

export interface TextView {
  /** The text to scan. */
  text: string;
  /** `map[i]` is the index in the file's text of `text[i]` (`map.length === text.length + 1`). */
  map: Int32Array;
}

/** A view that is the text itself. */
export function plainView(text: string): TextView {
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  return { text, map };
}

/** Named references that can stand for a digit, a separator or a sign around a number. */
const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  thinsp: "\u2009",
  ensp: "\u2002",
  emsp: "\u2003",
  minus: "\u2212",
  hyphen: "\u2010",
  dash: "\u2010",
  ndash: "\u2013",
  mdash: "\u2014",
  plus: "+",
  hyphenminus: "-",
  NoBreak: "\u2060",
  ZeroWidthSpace: "\u200b",
  shy: "\u00ad",
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** Markup with its character references decoded. */
export function markupView(raw: string): TextView {
  if (raw.indexOf("&") < 0) return plainView(raw);
  let text = "";
  const map: number[] = [];
  let at = 0;
  const copy = (to: number) => {
    text += raw.slice(at, to);
    for (let k = at; k < to; k++) map.push(k);
  };
  for (const m of raw.matchAll(REFERENCE)) {
    let ch: string | undefined;
    if (m[1] !== undefined || m[2] !== undefined) {
      const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
      ch = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : undefined;
    } else {
      ch = NAMED[m[3]!];
    }
    if (ch === undefined) continue;
    copy(m.index);
    text += ch;
    for (let k = 0; k < ch.length; k++) map.push(m.index);
    at = m.index + m[0].length;
  }
  copy(raw.length);
  map.push(raw.length);
  return { text, map: Int32Array.from(map) };
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * The string tokens of a JSON text (values and keys), escapes decoded, joined with line breaks.
 * Works on any text: what is outside double quotes is skipped.
 */
export function jsonStringsView(raw: string): TextView {
  let text = "";
  const map: number[] = [];
  let i = 0;
  const n = raw.length;
  while (i < n) {
    if (raw.charCodeAt(i) !== 0x22) {
      i++;
      continue;
    }
    i++; // opening quote
    while (i < n && raw.charCodeAt(i) !== 0x22) {
      if (raw.charCodeAt(i) === 0x5c && i + 1 < n) {
        const e = raw[i + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) {
          text += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
          map.push(i);
          i += 6;
        } else {
          text += ESCAPES[e] ?? e;
          map.push(i);
          i += 2;
        }
      } else {
        text += raw[i];
        map.push(i);
        i++;
      }
    }
    i++; // closing quote
    text += "\n";
    map.push(Math.min(i, n));
  }
  map.push(n);
  return { text, map: Int32Array.from(map) };
}

/**
 * Characters a reader does not see between two digits: control characters other than tab, line
 * feed and carriage return (C0, DEL, C1), the soft hyphen, zero-width spaces and joiners, the
 * direction marks and embeddings (LRM, RLM, U+202A–U+202E, U+2066–U+2069), the word joiner and the
 * other invisible format characters U+2060–U+206F, the combining grapheme joiner, the Arabic letter
 * mark, the Mongolian variation selectors and vowel separator, variation selectors and the BOM.
 */
export function isInvisible(c: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c < 0x7f) return false;
  if (c <= 0x9f || c === 0xad) return true;
  if (c < 0x034f) return false;
  return (
    c === 0x034f || c === 0x061c || (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff
  );
}

/** Index of the first invisible character of `text`, or -1. */
export function firstInvisible(text: string): number {
  for (let i = 0; i < text.length; i++) if (isInvisible(text.charCodeAt(i))) return i;
  return -1;
}

/** `text` as a reader sees it: without its invisible characters (`text` itself when it has none). */
export function visibleText(text: string): string {
  if (firstInvisible(text) === -1) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) if (!isInvisible(text.charCodeAt(i))) out += text[i];
  return out;
}

/** The view without invisible characters, so `1985\u00ad0412-1234` is seen as a reader sees it. */
export function visibleView(view: TextView): TextView {
  const { text, map } = view;
  if (firstInvisible(text) === -1) return view;
  let out = "";
  const outMap: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (isInvisible(text.charCodeAt(i))) continue;
    out += text[i];
    outMap.push(map[i]);
  }
  outMap.push(map[text.length]);
  return { text: out, map: Int32Array.from(outMap) };
}

/** 1-based line and column (in code points) of index `at` in `raw`. */
export function lineColumn(raw: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = raw.indexOf("\n"); k >= 0 && k < at; k = raw.indexOf("\n", k + 1)) {
    line++;
    lineStart = k + 1;
  }
  let column = 1;
  for (let k = lineStart; k < at; k++) {
    const c = raw.charCodeAt(k);
    if (!(c >= 0xdc00 && c <= 0xdfff)) column++; // a low surrogate continues the previous code point
  }
  return { line, column };
}
