/**
 * What a reader sees of an output file, as text that can be scanned for identity numbers, with a
 * map from each character back to its index in the file's text (for line:column in messages).
 *
 * - markup (HTML, SVG, XML): character references decoded (`&#8208;`, `&#x2010;`, `&nbsp;`,
 *   `&minus;`, …), so a number written with an entity for its hyphen is still seen; tags stay in the
 *   view as they are written, so a cell or block boundary (`</td><td>`, `</p>\n<p>`) always stops a
 *   match (`<` and `>` are no separators), and attribute values are read inside their tags;
 *   `renderedMarkupView` reads the text as a browser renders it: `<br>` (and an SVG `<tspan>` that
 *   begins a line) as the white space it is to a reader, and the tags of inline elements
 *   (`INLINE_ELEMENTS`: `span`, `b`, `a`, `sub`, `tspan`, …), comments and CDATA markers as
 *   nothing, so `19900803<span>-0489</span>` and `19900803<!-- x -->-0489` read as
 *   `19900803-0489`; every other tag still stops a match;
 * - JSON: only the string values and keys (escapes decoded), each on its own line; numbers are
 *   numbers, not text, and are not part of the view.
 *
 * And white space as a reader of the rendered output sees it (`collapsedView`, `collapsedText`):
 * a browser collapses every run of white space to one space, and a line break in a CSV or xlsx
 * cell, a text file or a message is read across (`900803⏎0489`, `1990-08-03  0489` are read as
 * `900803 0489`, `1990-08-03 0489`). The guards scan that view besides the text as written.
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
  // White space (collapsed in the rendered view).
  Tab: "\t",
  NewLine: "\n",
  NonBreakingSpace: "\u00a0",
  ThinSpace: "\u2009",
  emsp13: "\u2004",
  emsp14: "\u2005",
  numsp: "\u2007",
  puncsp: "\u2008",
  hairsp: "\u200a",
  VeryThinSpace: "\u200a",
  MediumSpace: "\u205f",
};

const REFERENCE_SOURCE = "&(?:#(\\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));";
const REFERENCE = new RegExp(REFERENCE_SOURCE, "g");

/**
 * Elements a browser renders without a boundary around their text (HTML's text-level elements,
 * SVG's text content child elements): `19900803<span>-0489</span>`, `<b>900803</b>-0489` and
 * `1990<tspan>0803</tspan>0489` show one run of digits. (`<q>` adds quotation marks by default; a
 * page's style sheet can take them away, so it is read without them. `<bdo>`, which reverses the
 * order, is read as written.) Not here, and so a boundary: every other element (`td`, `th`, `tr`,
 * `p`, `div`, `li`, `dt`, `dd`, `h1`, `caption`, SVG's `text`, `title`, `desc`, …), also the
 * inline ones that show no text of their own (`img`, `input`, `button`, `select`, `ruby` with its
 * `rt`, `math`, `svg`, …).
 */
export const INLINE_ELEMENTS: readonly string[] = [
  "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd",
  "label", "mark", "nobr", "output", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt",
  "u", "var",
  // SVG
  "tspan", "textPath", "tref", "altGlyph",
];

/** The rest of a start or end tag after its name: attributes (quoted values may hold `>`) and `>`. */
const TAG_REST = `(?=[\\s/>])(?:"[^"]*"|'[^']*'|[^>"'])*>`;

/**
 * What the rendered view reads differently from the markup as written (`renderedMarkupView`):
 * 1. a `<br>` or `<wbr>` tag (also `<BR/>`, `<br class="…">`, `</br>`, which browsers read as `<br>`);
 * 2. a start or end tag of an `INLINE_ELEMENTS` element (any case);
 * 3. a comment (`<!-- … -->`, also the empty `<!-->`, `<!--->` and one closed by `--!>`);
 * 4. the markers of a CDATA section (`<![CDATA[`, `]]>`), whose text an SVG shows as it is.
 */
const RENDERED_MARKUP_SOURCE =
  `<\\/?(w?)br${TAG_REST}|<\\/?(${INLINE_ELEMENTS.join("|")})${TAG_REST}|<!--(?:>|->|[\\s\\S]*?--!?>)|<!\\[CDATA\\[|\\]\\]>`;
const RENDERED_MARKUP = new RegExp(RENDERED_MARKUP_SOURCE, "gi");
const REFERENCE_OR_RENDERED_MARKUP = new RegExp(`${REFERENCE_SOURCE}|${RENDERED_MARKUP_SOURCE}`, "gi");
/** An SVG `<tspan>` placed on a line or at a point of its own (`<tspan x="0" dy="16">`): it begins a new line. */
const POSITIONED_TSPAN = /^<tspan\s(?:[^>]*\s)?d?[xy]\s*=/i;

/** Markup with its character references decoded (tags as they are written). */
export function markupView(raw: string): TextView {
  return decodedMarkup(raw, false);
}

/**
 * Markup as a browser renders its text, before white space is collapsed (`collapsedView`):
 * character references decoded; each `<br>` (any case, with or without `/` or attributes, and
 * `</br>`) read as a space, and so an SVG `<tspan>` with a position of its own (`x`, `y`, `dx`,
 * `dy`: the next line of a label); `<wbr>` (a break opportunity, `annat/<wbr>okänt` shows
 * `annat/okänt`), the tags of every other element of `INLINE_ELEMENTS` (`19900803<span>-0489</span>`
 * shows `19900803-0489`), comments and the markers of CDATA sections dropped without a trace. Every
 * other tag stays as written and so stops a match: text in two table cells or two blocks
 * (`</td><td>`, `</p><p>`, `</li>`, two SVG `<text>`s) is never joined. Attribute values are not
 * rendered: they are read in `markupView`, inside their tag. `<pre>` and `<textarea>` keep their
 * white space in a browser; their text is read like a plain-text file, as written (`markupView`)
 * and collapsed, like every other.
 */
export function renderedMarkupView(raw: string): TextView {
  return decodedMarkup(raw, true);
}

/** The text a character reference stands for (`undefined` for one that is not decoded: `&auml;` stays as written). */
function referenceText(m: RegExpMatchArray): string | undefined {
  if (m[1] !== undefined || m[2] !== undefined) {
    const cp = m[1] !== undefined ? Number(m[1]) : parseInt(m[2]!, 16);
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : undefined;
  }
  return NAMED[m[3]!];
}

function decodedMarkup(raw: string, rendered: boolean): TextView {
  if (raw.indexOf("&") < 0 && (!rendered || raw.indexOf("<") < 0)) return plainView(raw);
  let text = "";
  const map: number[] = [];
  let at = 0;
  const copy = (to: number) => {
    text += raw.slice(at, to);
    for (let k = at; k < to; k++) map.push(k);
  };
  for (const m of raw.matchAll(rendered ? REFERENCE_OR_RENDERED_MARKUP : REFERENCE)) {
    let ch: string | undefined;
    if (m[0].charCodeAt(0) === 0x26) ch = referenceText(m);
    else if (m[4] !== undefined) ch = m[4] === "" ? " " : "";
    else if (m[5] !== undefined) ch = m[0].charCodeAt(1) !== 0x2f && POSITIONED_TSPAN.test(m[0]) ? " " : "";
    else ch = ""; // a comment, a CDATA marker
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

/** What a character is to `renderedMarkupJoins`: a digit, white space or a joiner to read over, or anything else. */
const OTHER = 0;
const DIGIT = 1;
const OVER = 2;

/**
 * True when `renderedMarkupView` can join what `markupView` keeps apart: a piece of markup it reads
 * differently (a `<br>`, `<wbr>`, an inline tag, a comment, a CDATA marker; several in a row count
 * as one) with a digit on either side, reached over white space, characters the reader's view drops
 * (`&shy;`) and the characters `joins` accepts (dashes, `+`, `/`, `.`), written as they are or as
 * character references. Look-alike digits (`９`, `&#x1D7CF;`) count as digits. This is what the
 * output scan asks before it reads a markup file a second time, as a browser renders it; the sample
 * reports' inline tags stand between words and cost nothing.
 */
export function renderedMarkupJoins(raw: string, joins: (c: number) => boolean): boolean {
  const kind = (cp: number): number => {
    if (cp >= 0x30 && cp <= 0x39) return DIGIT;
    if (isWhitespace(cp) || joins(cp)) return OVER;
    if (cp < 0x7f && cp >= 0x20) return OTHER;
    const r = replacement(cp);
    if (r === null) return OTHER;
    if (r === "") return OVER;
    return /\d/.test(r) ? DIGIT : joins(r.charCodeAt(0)) ? OVER : OTHER;
  };
  /** A `.` next to white space ends a sentence (`december 2023</span>. <span>172`): no number's parts are divided so. */
  const endsSentence = (c: number, space: boolean, dot: boolean) => (c === 0x2e && space) || (dot && isWhitespace(c));
  const REF = new RegExp(REFERENCE_SOURCE, "y");
  /** What the reference ending just before `i` (at `;`) reads as, and where it starts; null when there is none. */
  const referenceBefore = (i: number): [number, number] | null => {
    let amp = i - 2;
    while (amp >= 0 && i - amp <= 40 && raw.charCodeAt(amp) !== 0x26) amp--;
    if (amp < 0 || i - amp > 40) return null;
    REF.lastIndex = amp;
    const m = REF.exec(raw);
    if (m === null || amp + m[0].length !== i) return null;
    const t = referenceText(m);
    return t === undefined ? null : [kind(t.codePointAt(0)!), amp];
  };
  /** What the reference starting at `i` reads as, and where it ends. */
  const referenceAt = (i: number): [number, number] | null => {
    REF.lastIndex = i;
    const m = REF.exec(raw);
    if (m === null) return null;
    const t = referenceText(m);
    return t === undefined ? null : [kind(t.codePointAt(0)!), i + m[0].length];
  };
  /** Walking left from `i` (exclusive) to `stop`: Digit, Other, or Over when it reached `stop`. */
  const left = (i: number, stop: number): number => {
    /** The character just passed over (to the right of the one looked at) was white space, or a `.`. */
    let space = false;
    let dot = false;
    while (i > stop) {
      let c = raw.charCodeAt(i - 1);
      let width = 1;
      if (endsSentence(c, space, dot)) return OTHER;
      space = isWhitespace(c);
      dot = c === 0x2e;
      if (c === 0x3b) {
        const ref = referenceBefore(i);
        if (ref !== null) {
          if (ref[0] !== OVER) return ref[0];
          i = ref[1];
          continue;
        }
      } else if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
        c = raw.codePointAt(i - 2)!;
        if (c > 0xffff) width = 2;
        else c = raw.charCodeAt(i - 1);
      }
      const k = kind(c);
      if (k !== OVER) return k;
      i -= width;
    }
    return OVER;
  };
  /** Walking right from `i`: true when a digit comes before anything else (a `<` that begins no piece is something else). */
  const right = (i: number): boolean => {
    let space = false;
    let dot = false;
    while (i < raw.length) {
      const c = raw.codePointAt(i)!;
      if (endsSentence(c, space, dot)) return false;
      space = isWhitespace(c);
      dot = c === 0x2e;
      if (c === 0x26) {
        const ref = referenceAt(i);
        if (ref !== null) {
          if (ref[0] !== OVER) return ref[0] === DIGIT;
          i = ref[1];
          continue;
        }
      }
      const k = kind(c);
      if (k !== OVER) return k === DIGIT;
      i += c > 0xffff ? 2 : 1;
    }
    return false;
  };
  let prevEnd = -1;
  let prevLeft: boolean = false;
  for (const m of raw.matchAll(RENDERED_MARKUP)) {
    const start = m.index;
    const end = start + m[0].length;
    const l = left(start, Math.max(prevEnd, 0));
    // Over: nothing but white space and joiners back to the piece before (or the start of the file).
    const digitBefore: boolean = l === OVER ? prevEnd >= 0 && prevLeft : l === DIGIT;
    prevEnd = end;
    prevLeft = digitBefore;
    if (digitBefore && right(end)) return true;
  }
  return false;
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * The string tokens of a JSON text (values and keys), escapes decoded, joined with line breaks.
 * Works on any text: what is outside double quotes is skipped. `each`, when given, turns the view of
 * each token into the one put in its place (`t => collapsedView(visibleView(t))`: white space
 * collapsed within a string, never across two).
 */
export function jsonStringsView(raw: string, each?: (token: TextView) => TextView): TextView {
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
    const textStart = text.length;
    const mapStart = map.length;
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
    if (each !== undefined && text.length > textStart) {
      const tokenMap = new Int32Array(map.length - mapStart + 1);
      for (let k = mapStart; k < map.length; k++) tokenMap[k - mapStart] = map[k];
      tokenMap[map.length - mapStart] = Math.min(i, n);
      const token = { text: text.slice(textStart), map: tokenMap };
      const t = each(token);
      // (Most tokens come back as they are: rebuilding the text for each would be quadratic.)
      if (t !== token) {
        text = text.slice(0, textStart) + t.text;
        map.length = mapStart;
        for (let k = 0; k < t.text.length; k++) map.push(t.map[k]);
      }
    }
    i++; // closing quote
    text += "\n";
    map.push(Math.min(i, n));
  }
  map.push(n);
  return { text, map: Int32Array.from(map) };
}

/*
 * White space as a reader of the rendered output sees it. A browser collapses every run of white
 * space to one space; a CSV or xlsx cell with a line break, a text file, a message in a terminal
 * show the line break, but the reader reads on across it. So the guards also read a text with
 * every run of white space as one space (U+0020):
 * - space, tab, line feed, carriage return, vertical tab, form feed, next line (U+0085);
 * - the no-break spaces U+00A0 and U+202F, the Unicode spaces U+2000–U+200A (en, em, figure,
 *   thin, hair space, …), U+205F, U+3000, the Ogham space mark U+1680 (every space of Unicode's Zs:
 *   a superset of those the identity-number scanner knows, LOOSE_SEPARATORS in
 *   guard/identity-numbers.ts);
 * - the line and paragraph separators U+2028, U+2029 and the Braille blank U+2800.
 * Even a single one of these other than U+0020 becomes U+0020, so `1990\u00a008 03` reads as a date
 * divided by spaces. (Controls, zero-width spaces and the other invisible characters are dropped by
 * the reader's view below, which comes first.)
 */

/** White space that the collapsed view reads as one space (see above). */
export function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2800 || c === 0x3000
  );
}

/** Index of the first character where collapsing changes `text` (from `from` on), or -1. */
function firstCollapsed(text: string, from: number, isBreak: ((i: number) => boolean) | undefined): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      const next = i + 1;
      if (next < text.length && isWhitespace(text.charCodeAt(next)) && (isBreak === undefined || !isBreak(next))) return i;
    } else if (isWhitespace(c) && (isBreak === undefined || !isBreak(i))) {
      return i;
    }
  }
  return -1;
}

/** `text` with every run of white space read as one space (see above); `text` itself when there is none to collapse. */
export function collapsedText(text: string): string {
  const first = firstCollapsed(text, 0, undefined);
  if (first === -1) return text;
  let out = text.slice(0, first);
  let i = first;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c)) {
      out += text[i++];
      continue;
    }
    out += " ";
    while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  }
  return out;
}

/**
 * The view with every run of white space read as one space (U+0020), which maps to the first
 * character of the run, so a match (which begins and ends with a digit) maps to where it is in the
 * file. `isBreak(i)`: `view.text[i]` is a boundary that stays as it is and ends a run (the line
 * break between two records of a CSV file, the tab between two fields of a TSV file). Returns
 * `view` itself when there is nothing to collapse.
 */
export function collapsedView(view: TextView, isBreak?: (i: number) => boolean): TextView {
  const { text, map } = view;
  const first = firstCollapsed(text, 0, isBreak);
  if (first === -1) return view;
  const outMap = new Int32Array(text.length + 1);
  for (let k = 0; k < first; k++) outMap[k] = map[k];
  let out = text.slice(0, first);
  let size = first;
  let i = first;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isWhitespace(c) || (isBreak !== undefined && isBreak(i))) {
      out += text[i];
      outMap[size++] = map[i++];
      continue;
    }
    out += " ";
    outMap[size++] = map[i];
    while (i < text.length && isWhitespace(text.charCodeAt(i)) && (isBreak === undefined || !isBreak(i))) i++;
  }
  outMap[size++] = map[text.length];
  return { text: out, map: outMap.slice(0, size) };
}

/**
 * The record breaks of a CSV or TSV text: the line breaks outside quoted fields, and with
 * `tabSeparated` also the tabs outside quoted fields. A field is quoted when it begins with `"`;
 * `""` inside it is a quote. A line break inside a quoted field is part of the cell and is read
 * across, as a reader of the cell does; one between two records is not: the end of one row and the
 * start of the next are never joined.
 */
export function csvBreaks(text: string, tabSeparated: boolean): (i: number) => boolean {
  const breaks = new Uint8Array(text.length);
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === 0x0a || c === 0x0d || (tabSeparated && c === 0x09)) {
      breaks[i] = 1;
      fieldStart = true;
    } else if (c === 0x2c || c === 0x3b || c === 0x09) {
      fieldStart = true;
    } else if (c === 0x22 && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else {
      fieldStart = false;
    }
  }
  return (i) => breaks[i] === 1;
}

/*
 * The reader's view. A reader does not see, and so the guards drop:
 * - control characters other than tab, line feed and carriage return (C0, DEL, C1);
 * - every format character (General_Category Cf: soft hyphen, zero-width spaces and joiners,
 *   direction marks, the word joiner, the BOM, tags U+E0001–U+E007F, the shorthand format
 *   controls U+1BCA0–U+1BCA3, the musical formatting U+1D173–U+1D17A, the Arabic number signs, …);
 * - every Default_Ignorable_Code_Point (also the Hangul fillers U+115F, U+1160, U+3164, U+FFA0,
 *   the Khmer inherent vowels U+17B4–U+17B5, the variation selectors, U+FFF0–U+FFF8 and the whole
 *   range U+E0000–U+E0FFF);
 * - every combining mark (General_Category M: a mark on a digit, `1\u0332`, is still that digit;
 *   a keycap `1\ufe0f\u20e3` is a 1).
 * And a reader reads as the ASCII characters the identity-number scanner works on:
 * - every decimal digit (General_Category Nd: fullwidth `１`, Arabic-Indic `١`, Devanagari `१`,
 *   mathematical `𝟏`, …) as its digit;
 * - every character whose compatibility form (NFKC) holds an ASCII digit (superscripts `¹`,
 *   subscripts `₁`, circled `①` and `⑳` = `20`, parenthesized `⑴` = `(1)`, `⒈` = `1.`, fractions,
 *   segmented and outlined digits, …) as that form; and the dingbat circled digits `❶` `➀` `➊` `⓫`
 *   `⓵` `⓿` `㉈`, which have no compatibility form, as their numbers;
 * - the compatibility forms of `-`, `+` and `/` (fullwidth `－` `＋` `／`, small `﹣` `﹢`,
 *   superscript and subscript plus) as those;
 * - the Braille blank U+2800 as a space.
 * Other characters stay as they are: the scanner knows Unicode's spaces and dashes itself, and
 * compatibility forms of `.`, `,`, `:` or letters would only turn a number into a decimal, a time
 * or a hex token.
 *
 * Ordinary text (ASCII, Swedish and other Latin letters, typographic quotes and dashes, emoji) has
 * none of these, and its view is the text itself: `firstInvisible` finds that with one comparison
 * per ASCII character and one table look-up per other one. (A superscript, as in `m²`, is read as
 * its digit, so such a text takes the slower way through `readerView`.)
 */

/** Dropped from the view: controls, format characters, default-ignorables, combining marks. */
const DROPPED = /^[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
/** Combining marks and variation selectors: they belong to the character before them. */
const ATTACHED = /^[\p{M}\p{Variation_Selector}]$/u;

/**
 * Characters whose NFKC form holds an ASCII digit, or is `-`, `+` or `/` (all of Unicode 17,
 * checked in test/guard/look-alike-characters.test.ts).
 */
const COMPATIBILITY: readonly (readonly [number, number])[] = [
  [0xb2, 0xb3], [0xb9, 0xb9], [0xbc, 0xbe], [0x2070, 0x2070], [0x2074, 0x207a], [0x2080, 0x208a],
  [0x2150, 0x215f], [0x2189, 0x2189], [0x2460, 0x249b], [0x24ea, 0x24ea], [0x3251, 0x325f],
  [0x32b1, 0x32cb], [0x3358, 0x3370], [0x3378, 0x3379], [0x339f, 0x33a6], [0x33a8, 0x33a8],
  [0x33af, 0x33af], [0x33e0, 0x33fe], [0xfb29, 0xfb29], [0xfe62, 0xfe63], [0xff0b, 0xff0b],
  [0xff0d, 0xff0d], [0xff0f, 0xff19], [0x1ccf0, 0x1ccf9], [0x1d7ce, 0x1d7ff], [0x1f100, 0x1f10a],
  [0x1fbf0, 0x1fbf9],
];

/** Circled digits without an NFKC form: first code point, its number, count, step. */
const DINGBATS: readonly (readonly [number, number, number, number])[] = [
  [0x24eb, 11, 10, 1], // ⓫–⓴ negative circled 11–20
  [0x24f5, 1, 10, 1], // ⓵–⓾ double circled 1–10
  [0x24ff, 0, 1, 1], // ⓿
  [0x2776, 1, 10, 1], // ❶–❿
  [0x2780, 1, 10, 1], // ➀–➉
  [0x278a, 1, 10, 1], // ➊–➓
  [0x3248, 10, 8, 10], // ㉈–㉏ 10, 20, …, 80 on a black square
  [0x1f10b, 0, 2, 0], // 🄋 🄌 circled sans-serif zero
];

/** What the view has for code point `cp`: `null` when it is kept, else its replacement ("" drops it). */
function replacementOf(cp: number): string | null {
  if (cp < 0x7f) return cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d ? "" : null;
  if (cp >= 0xd800 && cp <= 0xdfff) return null; // a lone surrogate
  const ch = String.fromCodePoint(cp);
  if (DROPPED.test(ch)) return "";
  if (DECIMAL_DIGIT.test(ch)) {
    // Decimal digits are encoded in runs of 0–9 (Unicode's stability policy).
    let zero = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    return String((cp - zero) % 10);
  }
  for (const [from, to] of COMPATIBILITY) {
    if (cp < from) break;
    if (cp <= to) {
      const nfkc = ch.normalize("NFKC");
      return nfkc === ch ? null : nfkc;
    }
  }
  for (const [first, value, count, step] of DINGBATS) if (cp >= first && cp < first + count) return String(value + (cp - first) * step);
  if (cp === 0x2800) return " ";
  return null;
}

/** Per UTF-16 unit, filled on first sight: 0 not yet known, 1 kept, 2 changed, 3 a surrogate. */
const UNIT = new Uint8Array(0x10000);
/** The replacements of the changed characters, by code point (also astral ones, kept or not). */
const REPLACEMENTS = new Map<number, string | null>();

function replacement(cp: number): string | null {
  let r = REPLACEMENTS.get(cp);
  if (r === undefined) {
    r = replacementOf(cp);
    if (r !== null || cp > 0xffff) REPLACEMENTS.set(cp, r);
  }
  return r;
}

function unitKind(c: number): number {
  const k = c >= 0xd800 && c <= 0xdfff ? 3 : replacement(c) === null ? 1 : 2;
  UNIT[c] = k;
  return k;
}

/**
 * True when the code point at i (a surrogate pair counts as one) is changed in the view. The
 * fast path: one comparison for ASCII, one table look-up for the rest of the BMP.
 */
function changedAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x7f) return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d;
  let k = UNIT[c];
  if (k === 0) k = unitKind(c);
  if (k !== 3) return k === 2;
  const cp = text.codePointAt(i)!;
  return cp > 0xffff && replacement(cp) !== null;
}

/**
 * True when the view drops code point `c` (a control, a format character, a default-ignorable
 * code point or a combining mark). A code point, not a UTF-16 unit: `isInvisible(0xe0020)`.
 */
export function isInvisible(c: number): boolean {
  return replacementOf(c) === "";
}

/**
 * Index of the first character of `text` that its view drops or replaces (an invisible
 * character, a combining mark, a look-alike digit, …), or -1: then the view is `text` itself.
 */
export function firstInvisible(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f) {
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
      continue;
    }
    let k = UNIT[c];
    if (k === 0) k = unitKind(c);
    if (k === 1) continue;
    if (k === 2) return i;
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) {
      if (replacement(cp) !== null) return i;
      i++;
    }
  }
  return -1;
}

/**
 * The reader's view of `text` from index `first` on (everything before it is kept): its text, and
 * when `map` is given, the map of each of its characters through `map` (see `TextView`).
 */
function readerView(text: string, first: number, map: Int32Array | null): { text: string; map: Int32Array | null } {
  const n = text.length;
  let out = "";
  let outMap = map === null ? null : new Int32Array(n + 17);
  let size = 0;
  const room = (k: number) => {
    if (outMap !== null && size + k > outMap.length) {
      const grown = new Int32Array(Math.max(outMap.length * 2, size + k + 16));
      grown.set(outMap.subarray(0, size));
      outMap = grown;
    }
  };
  /** Start of the run of kept characters not yet copied. */
  let at = 0;
  const copy = (to: number) => {
    if (to === at) return;
    out += text.slice(at, to);
    if (outMap !== null) {
      room(to - at);
      for (let k = at; k < to; k++) outMap[size++] = map![k];
    }
  };
  for (let i = first; i < n; ) {
    if (!changedAt(text, i)) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const r = replacement(cp)!;
    copy(i);
    out += r;
    if (outMap !== null) {
      room(r.length);
      for (let k = 0; k < r.length; k++) outMap[size++] = map![i];
    }
    i += width;
    at = i;
  }
  copy(n);
  if (outMap === null) return { text: out, map: null };
  room(1);
  outMap[size++] = map![n];
  return { text: out, map: outMap.slice(0, size) };
}

/** `text` as a reader sees it (see above; `text` itself when the view changes nothing). */
export function visibleText(text: string): string {
  const first = firstInvisible(text);
  return first === -1 ? text : readerView(text, first, null).text;
}

/**
 * The reader's view of a view, so `1985\u00ad0412-1234`, `1985\u{e0020}0412-1234` and
 * `１９８５０４１２－１２３４` are all seen as `19850412-1234`. Each character of the result maps
 * to where its code point starts in the file's text; the characters of a replacement (`⑳` → `20`)
 * all map to the one character they replace.
 */
export function visibleView(view: TextView): TextView {
  const { text, map } = view;
  const first = firstInvisible(text);
  if (first === -1) return view;
  const r = readerView(text, first, map);
  return { text: r.text, map: r.map! };
}

/**
 * Index in `text` after the code point at `at` and the combining marks and variation selectors
 * that belong to it, also when characters the view drops stand between them (`9\u{e0020}\u20e3`):
 * where a match whose last character is at `at` ends in the original text. Dropped characters
 * after the last mark are not part of it.
 */
export function endOfCharacter(text: string, at: number): number {
  let end = at + (text.codePointAt(at)! > 0xffff ? 2 : 1);
  for (let i = end; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (ATTACHED.test(String.fromCodePoint(cp))) end = i + width;
    else if (!changedAt(text, i) || replacement(cp) !== "") break;
    i += width;
  }
  return end;
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
