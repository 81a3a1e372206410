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
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
// The package's minified ES module build: ~10 ms to import, against ~85 ms for its CommonJS main.
// @ts-expect-error -- the deep path has no declaration file; typed through OpentypeApi below
import * as opentypeModule from "opentype.js/dist/opentype.min.mjs";
import type { Font, Glyph } from "opentype.js";

/** The font family every chart uses (theme, SVG and PNG). */
export const FONT_FAMILY = "DejaVu Sans";

const require = createRequire(import.meta.url);
/** Directory of the shipped TTF files. */
export const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

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

class Metrics {
  private readonly advance = new Map<string, number>();
  private readonly kern = new Map<string, number>();
  private readonly glyphs = new Map<string, Glyph>();
  private readonly kerningTables: unknown;
  private readonly position: PositionApi | undefined;
  readonly unitsPerEm: number;

  constructor(private readonly font: Font) {
    this.unitsPerEm = font.unitsPerEm;
    this.position = (font as unknown as { position?: PositionApi }).position;
    this.kerningTables = this.position?.getKerningTables("latn");
  }

  private glyph(ch: string): Glyph {
    let g = this.glyphs.get(ch);
    if (!g) {
      g = this.font.charToGlyph(ch);
      this.glyphs.set(ch, g);
    }
    return g;
  }

  /** Width of `text` in font units (advance widths plus pair kerning). */
  units(text: string): number {
    let sum = 0;
    let prev: Glyph | undefined;
    for (const ch of text) {
      const g = this.glyph(ch);
      let a = this.advance.get(ch);
      if (a === undefined) {
        a = g.advanceWidth ?? 0;
        this.advance.set(ch, a);
      }
      sum += a;
      if (prev) sum += this.pairKerning(prev, g);
      prev = g;
    }
    return sum;
  }

  private pairKerning(left: Glyph, right: Glyph): number {
    const key = `${left.index},${right.index}`;
    let k = this.kern.get(key);
    if (k === undefined) {
      k = 0;
      if (this.position && this.kerningTables) k = this.position.getKerningValue(this.kerningTables, left.index, right.index) || 0;
      if (!k) k = (this.font as unknown as { kerningPairs?: Record<string, number> }).kerningPairs?.[key] ?? 0;
      this.kern.set(key, k);
    }
    return k;
  }
}

let regular: Metrics | undefined;
let bold: Metrics | undefined;

function load(file: string): Metrics {
  const buf = readFileSync(path.join(FONT_DIR, file));
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  return new Metrics(opentype.parse(ab));
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
