/**
 * The fonts shipped with the project (DejaVu Sans, from the `dejavu-fonts-ttf` package) and
 * text measurement from their TrueType metrics.
 *
 * Charts are laid out in Node without a canvas, where vega would estimate text widths
 * (~0.8 × font size per character) and cut long Swedish labels with "…". `measureText` reads the
 * real advance widths (plus pair kerning, as resvg and browsers apply it) from the same TTF files
 * that the PNG renderer is given, so the layout matches what is drawn. opentype.js's own
 * `getAdvanceWidth` is not used: its shaper throws on DejaVu's GSUB `ccmp` lookups.
 *
 * Parsing a face takes ~0.1 s, so the metrics are kept per user between runs, and `npm run build`
 * ships them precomputed for the usual characters (dist/fonts/): a first run needs no parse.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
// The package's minified ES module build: ~10 ms to import, against ~85 ms for its CommonJS main.
// @ts-expect-error -- the deep path has no declaration file; typed through OpentypeApi below
import * as opentypeModule from "opentype.js/dist/opentype.min.mjs";
import type { Font } from "opentype.js";
import { defaultCacheDir, privateDir, writeCacheFile } from "./user-cache.ts";

/** The font family every chart uses (theme, SVG and PNG). */
export const FONT_FAMILY = "DejaVu Sans";

const require = createRequire(import.meta.url);
/** Directory of the shipped TTF files. */
export const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

/** opentype.js's version, part of the metrics cache's key. */
const OPENTYPE_VERSION = (() => {
  try {
    return (JSON.parse(readFileSync(require.resolve("opentype.js/package.json"), "utf8")) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
})();

/** The TTF files handed to resvg: DejaVu Sans in regular, bold and their obliques. */
export const FONT_FILES: readonly string[] = [
  "DejaVuSans.ttf",
  "DejaVuSans-Bold.ttf",
  "DejaVuSans-Oblique.ttf",
  "DejaVuSans-BoldOblique.ttf",
].map((f) => path.join(FONT_DIR, f));

interface OpentypeApi {
  parse(buffer: ArrayBuffer): Font;
}
// The module namespace holds parse() (and Font, Glyph, Path).
const opentype = opentypeModule as unknown as OpentypeApi;

interface PositionApi {
  getKerningTables(script: string, language?: string): unknown;
  getKerningValue(tables: unknown, left: number, right: number): number;
}

/** The faces `measureText` reads: regular and bold. */
const MEASURED_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] as const;

/**
 * The characters a shipped table (see `writeFontTables`) is complete for: printable ASCII,
 * Latin-1 and Latin Extended-A, and the punctuation and symbols Swedish reports use, so that an
 * ordinary report measures its text without parsing a face.
 */
export const TABLE_CHARS: string = (() => {
  let s = "";
  for (let c = 0x20; c <= 0x7e; c++) s += String.fromCharCode(c);
  for (let c = 0xa0; c <= 0x17f; c++) s += String.fromCharCode(c);
  return s + "–—‘’‚“”„…•‰−€×÷≤≥±°·\u2009\u202f";
})();

/** What text measurement reads of a face: per character its glyph index and advance width, per glyph pair the kerning. */
interface Table {
  unitsPerEm: number;
  /** Character (one code point) → [glyph index, advance width], in font units. */
  chars: Map<string, [number, number]>;
  /** "left,right" glyph indices → kerning, in font units. */
  kern: Map<string, number>;
}

/** Faces parsed with opentype.js in this process (tests check that a cached face is not parsed). */
let parsed = 0;
export function fontsParsed(): number {
  return parsed;
}

/**
 * A table shipped in dist/fonts/ (written by `npm run build`): complete for its characters, so a
 * pair of two of their glyphs that has no kerning entry has none (only non-zero kerning is kept).
 */
interface Shipped extends Table {
  /** The glyph indices of `chars`. */
  glyphs: Set<number>;
}

/** The face, parsed on first need, and the kerning lookup it offers. */
class Face {
  readonly font: Font;
  private readonly kerningTables: unknown;
  private readonly position: PositionApi | undefined;

  constructor(bytes: Uint8Array) {
    const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    this.font = opentype.parse(ab);
    parsed++;
    this.position = (this.font as unknown as { position?: PositionApi }).position;
    this.kerningTables = this.position?.getKerningTables("latn");
  }

  char(ch: string): [number, number] {
    const g = this.font.charToGlyph(ch);
    return [g.index, g.advanceWidth ?? 0];
  }

  kerning(left: number, right: number): number {
    let k = 0;
    if (this.position && this.kerningTables) k = this.position.getKerningValue(this.kerningTables, left, right) || 0;
    if (!k) k = (this.font as unknown as { kerningPairs?: Record<string, number> }).kerningPairs?.[`${left},${right}`] ?? 0;
    return k;
  }
}

/**
 * The metrics of one face. What was looked up is kept in `table` and, between runs, in a per-user
 * cache folder (see `cacheKey`): a run that measures only what an earlier one did never parses
 * the font (~45 ms a face). Below it lies the shipped table, if any (read-only: a fresh machine
 * measures ordinary text without a parse). Anything in neither is looked up in the parsed face.
 */
class Metrics {
  private face: Face | undefined;
  private saving = false;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly table: Table,
    private readonly shipped: Shipped | null,
    private readonly cache: { dir: string; file: string } | null,
    face?: Face,
  ) {
    this.face = face;
  }

  get unitsPerEm(): number {
    return this.table.unitsPerEm;
  }

  private parsedFace(): Face {
    return (this.face ??= new Face(this.bytes));
  }

  /** Width of `text` in font units (advance widths plus pair kerning). */
  units(text: string): number {
    let sum = 0;
    let prev = -1;
    for (const ch of text) {
      let c = this.table.chars.get(ch) ?? this.shipped?.chars.get(ch);
      if (c === undefined) {
        c = this.parsedFace().char(ch);
        this.table.chars.set(ch, c);
        this.changed();
      }
      sum += c[1];
      if (prev >= 0) sum += this.pairKerning(prev, c[0]);
      prev = c[0];
    }
    return sum;
  }

  private pairKerning(left: number, right: number): number {
    const key = `${left},${right}`;
    let k = this.table.kern.get(key);
    // Both glyphs in the shipped table's complete set: a missing pair has no kerning.
    if (k === undefined && this.shipped?.glyphs.has(left) && this.shipped.glyphs.has(right)) k = this.shipped.kern.get(key) ?? 0;
    if (k === undefined) {
      k = this.parsedFace().kerning(left, right);
      this.table.kern.set(key, k);
      this.changed();
    }
    return k;
  }

  /** New lookups are written to the cache folder once the current task is done. */
  private changed(): void {
    if (this.saving || this.cache === null) return;
    this.saving = true;
    setImmediate(() => {
      this.saving = false;
      if (this.cache) writeCacheFile(this.cache.dir, this.cache.file, JSON.stringify(tableToJson(this.table)));
    }).unref();
  }
}

interface TableJson {
  unitsPerEm: number;
  chars: [string, number, number][];
  kern: [string, number][];
}

/** A shipped table's file: a table plus the key of the face and code it was made with. */
interface ShippedJson extends TableJson {
  key: string;
  complete: true;
}

function tableToJson(t: Table): TableJson {
  return { unitsPerEm: t.unitsPerEm, chars: [...t.chars].map(([ch, [g, a]]) => [ch, g, a]), kern: [...t.kern] };
}

/** The table in `text`, or null if it is not one; with `shippedKey`, only a shipped table made for that key. */
function tableFromJson(text: string, shippedKey?: string): Table | null {
  try {
    const j = JSON.parse(text) as Partial<ShippedJson>;
    // A file named right but made for another face or code (copied, swapped) is not used.
    if (shippedKey !== undefined && (j.key !== shippedKey || j.complete !== true)) return null;
    const num = (v: unknown) => typeof v === "number" && Number.isFinite(v);
    if (!num(j.unitsPerEm) || !((j.unitsPerEm as number) > 0) || !Array.isArray(j.chars) || !Array.isArray(j.kern)) return null;
    const chars = new Map<string, [number, number]>();
    for (const c of j.chars) {
      if (!Array.isArray(c) || c.length !== 3 || typeof c[0] !== "string" || [...c[0]].length !== 1 || !Number.isInteger(c[1]) || !num(c[2])) return null;
      chars.set(c[0], [c[1], c[2]]);
    }
    const kern = new Map<string, number>();
    for (const k of j.kern) {
      if (!Array.isArray(k) || k.length !== 2 || typeof k[0] !== "string" || !/^\d+,\d+$/.test(k[0]) || !num(k[1])) return null;
      kern.set(k[0], k[1]);
    }
    return { unitsPerEm: j.unitsPerEm as number, chars, kern };
  } catch {
    return null;
  }
}

function shippedFromJson(text: string, key: string): Shipped | null {
  const t = tableFromJson(text, key);
  return t && { ...t, glyphs: new Set([...t.chars.values()].map(([g]) => g)) };
}

/**
 * The shipped table of `face` for `chars`: every char's glyph and advance, and the kerning of
 * every ordered pair of their glyphs, non-zero only. Made with the same `Face` lookups as a
 * measurement, so the widths are the same numbers.
 */
function completeTable(face: Face, key: string, chars: Iterable<string>): ShippedJson {
  const entries: [string, number, number][] = [];
  for (const ch of new Set(chars)) if ([...ch].length === 1) entries.push([ch, ...face.char(ch)]);
  const glyphs = [...new Set(entries.map(([, g]) => g))];
  const kern: [string, number][] = [];
  for (const l of glyphs) {
    for (const r of glyphs) {
      const k = face.kerning(l, r);
      if (k) kern.push([`${l},${r}`, k]);
    }
  }
  return { key, complete: true, unitsPerEm: face.font.unitsPerEm, chars: entries, kern };
}

/**
 * Writes the shipped tables of the measured faces (regular, bold), complete for `chars`, into
 * `dir` as `<cacheKey>.json`; returns their paths by TTF file name. `npm run build` writes them
 * to dist/fonts/; tests write their own and point `setShippedFontDir` at them.
 */
export function writeFontTables(dir: string, chars: Iterable<string> = TABLE_CHARS): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const list = [...chars];
  const written: Record<string, string> = {};
  for (const file of MEASURED_FILES) {
    const bytes = readFileSync(path.join(FONT_DIR, file));
    const key = cacheKey(bytes);
    const out = path.join(dir, `${key}.json`);
    writeFileSync(out, JSON.stringify(completeTable(new Face(bytes), key, list)));
    written[file] = out;
  }
  return written;
}

let regular: Metrics | undefined;
let bold: Metrics | undefined;

/** undefined: the default cache folder; null: none. */
let configuredDir: string | null | undefined;

/** The build's tables: dist/fonts/ beside dist/esm/ (this module sits two folders below the package root in src/ and in dist/). */
const SHIPPED_DIR = fileURLToPath(new URL("../../dist/fonts/", import.meta.url));
/** undefined: SHIPPED_DIR; null: none. */
let configuredShippedDir: string | null | undefined;

/**
 * Where measured metrics are kept between runs: a folder, null for none, undefined for the
 * default (`<tmp>/utfall-<uid>/fonts/`). Forgets the faces loaded so far. For tests and tools.
 */
export function setFontCacheDir(dir: string | null | undefined): void {
  configuredDir = dir;
  regular = undefined;
  bold = undefined;
}

/**
 * Where shipped tables are read from: a folder, null for none, undefined for the default
 * (dist/fonts/). Forgets the faces loaded so far. For tests, which must not depend on whether or
 * when `npm run build` ran: under vitest the source's code is hashed, so dist/'s tables never match.
 */
export function setShippedFontDir(dir: string | null | undefined): void {
  configuredShippedDir = dir;
  regular = undefined;
  bold = undefined;
}

/**
 * The key of a face's cache file and shipped table (`<key>.json`): the SHA-256 of the TTF file,
 * the opentype.js version and this module's measuring code (so a change to either starts afresh).
 */
function cacheKey(bytes: Uint8Array): string {
  return createHash("sha256")
    .update(JSON.stringify([OPENTYPE_VERSION, Face.toString(), Metrics.toString(), completeTable.toString()]))
    .update("\0")
    .update(bytes)
    .digest("hex");
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null; // not there
  }
}

/**
 * The metrics of a face from, in order of lookup: the per-user cache file, the shipped table,
 * the parsed face. Both tables are read when there: a cache file written over a shipped table
 * holds only what the shipped one lacks.
 */
function load(file: string): Metrics {
  const bytes = readFileSync(path.join(FONT_DIR, file));
  const key = cacheKey(bytes);
  const wanted = configuredDir === undefined ? defaultCacheDir("fonts") : configuredDir;
  const dir = wanted === null ? null : privateDir(wanted);
  const cache = dir === null ? null : { dir, file: `${key}.json` };
  const cachedText = cache === null ? null : readText(path.join(cache.dir, cache.file));
  const stored = cachedText === null ? null : tableFromJson(cachedText);
  const shippedDir = configuredShippedDir === undefined ? SHIPPED_DIR : configuredShippedDir;
  const shippedText = shippedDir === null ? null : readText(path.join(shippedDir, `${key}.json`));
  const shipped = shippedText === null ? null : shippedFromJson(shippedText, key);
  if (stored !== null || shipped !== null) {
    const table = stored ?? { unitsPerEm: shipped!.unitsPerEm, chars: new Map(), kern: new Map() };
    return new Metrics(bytes, table, shipped, cache);
  }
  // Nothing kept: the face is parsed now (for its units per em) and kept for the lookups to come.
  const face = new Face(bytes);
  return new Metrics(bytes, { unitsPerEm: face.font.unitsPerEm, chars: new Map(), kern: new Map() }, null, cache, face);
}

/** True for a CSS/vega font weight that selects the bold face ("bold", "bolder", 600–900). */
export function isBold(weight: string | number | null | undefined): boolean {
  if (weight === null || weight === undefined) return false;
  if (typeof weight === "number") return weight >= 600;
  const w = weight.trim().toLowerCase();
  if (w === "bold" || w === "bolder") return true;
  const n = Number(w);
  return Number.isFinite(n) && n >= 600;
}

/**
 * Width in px of `text` set in DejaVu Sans at `fontSize` px (bold face when `weight` is bold).
 * Oblique faces share the upright advance widths in DejaVu, so style is ignored.
 */
export function measureText(text: string, fontSize: number, weight?: string | number | null): number {
  if (!text || !(fontSize > 0)) return 0;
  const m = isBold(weight) ? (bold ??= load(MEASURED_FILES[1])) : (regular ??= load(MEASURED_FILES[0]));
  return (m.units(text) * fontSize) / m.unitsPerEm;
}
