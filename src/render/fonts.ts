/**
 * The fonts shipped with the project (DejaVu Sans, from the `dejavu-fonts-ttf` package) and
 * text measurement from their TrueType metrics.
 *
 * Charts are laid out in Node without a canvas, where vega would estimate text widths
 * (~0.8 × font size per character) and cut long Swedish labels with "…". `measureText` reads the
 * real advance widths (plus pair kerning, as resvg and browsers apply it) from the same TTF files
 * that the PNG renderer is given, so the layout matches what is drawn. opentype.js's own
 * `getAdvanceWidth` is not used: its shaper throws on DejaVu's GSUB `ccmp` lookups.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
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
 * cache folder (see `cacheFile`): a run that measures only what an earlier one did never parses
 * the font (~45 ms a face). Anything not in the table is looked up in the parsed face, as before.
 */
class Metrics {
  private face: Face | undefined;
  private saving = false;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly table: Table,
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
      let c = this.table.chars.get(ch);
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

function tableToJson(t: Table): TableJson {
  return { unitsPerEm: t.unitsPerEm, chars: [...t.chars].map(([ch, [g, a]]) => [ch, g, a]), kern: [...t.kern] };
}

function tableFromJson(text: string): Table | null {
  try {
    const j = JSON.parse(text) as Partial<TableJson>;
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

let regular: Metrics | undefined;
let bold: Metrics | undefined;

/** undefined: the default cache folder; null: none. */
let configuredDir: string | null | undefined;

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
 * The cache file of a face: named by the SHA-256 of the TTF file, the opentype.js version and
 * this module's measuring code (so a change to either starts afresh).
 */
function cacheName(bytes: Uint8Array): string {
  return `${createHash("sha256")
    .update(JSON.stringify([OPENTYPE_VERSION, Face.toString(), Metrics.toString()]))
    .update("\0")
    .update(bytes)
    .digest("hex")}.json`;
}

function load(file: string): Metrics {
  const bytes = readFileSync(path.join(FONT_DIR, file));
  const wanted = configuredDir === undefined ? defaultCacheDir("fonts") : configuredDir;
  const dir = wanted === null ? null : privateDir(wanted);
  const cache = dir === null ? null : { dir, file: cacheName(bytes) };
  let stored: Table | null = null;
  if (cache !== null) {
    try {
      stored = tableFromJson(readFileSync(path.join(cache.dir, cache.file), "utf8"));
    } catch {
      // not cached yet
    }
  }
  if (stored !== null) return new Metrics(bytes, stored, cache);
  // Nothing kept: the face is parsed now (for its units per em) and kept for the lookups to come.
  const face = new Face(bytes);
  return new Metrics(bytes, { unitsPerEm: face.font.unitsPerEm, chars: new Map(), kern: new Map() }, cache, face);
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
  const m = isBold(weight) ? (bold ??= load("DejaVuSans-Bold.ttf")) : (regular ??= load("DejaVuSans.ttf"));
  return (m.units(text) * fontSize) / m.unitsPerEm;
}
