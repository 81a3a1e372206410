/**
 * SVG string → PNG bytes with @resvg/resvg-js, using only the shipped DejaVu fonts (no system
 * fonts: the same PNG on every machine, and never a serif fallback).
 */
import { Resvg, renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import { FONT_FAMILY, FONT_FILES } from "./fonts.ts";
import { withPngText } from "./png-text.ts";

export interface PngOptions {
  /** Zoom factor relative to the SVG's width and height (default 2, for print). */
  scale?: number;
  /** Background colour (default white; charts are printed). */
  background?: string;
  /** The figure's title, written into the PNG as a tEXt "Title" chunk. */
  title?: string;
  /** The figure's text alternative, written as a tEXt "Description" chunk (see png-text.ts). */
  description?: string;
}

function resvgOptions(opts: PngOptions): ResvgRenderOptions {
  const scale = opts.scale ?? 2;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`renderPng: scale must be a positive number, got ${scale}`);
  const options: ResvgRenderOptions = {
    fitTo: { mode: "zoom", value: scale },
    background: opts.background ?? "white",
    font: {
      fontFiles: [...FONT_FILES],
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  };
  return options;
}

function resvg(svg: string, opts: PngOptions): Resvg {
  return new Resvg(svg, resvgOptions(opts));
}

function withText(png: Uint8Array, opts: PngOptions): Uint8Array {
  const text = [
    ...(opts.title ? [{ keyword: "Title" as const, text: opts.title }] : []),
    ...(opts.description ? [{ keyword: "Description" as const, text: opts.description }] : []),
  ];
  return text.length === 0 ? png : withPngText(png, text);
}

/**
 * Rasterises `svg` (e.g. from `renderSvg`) to a PNG; `title` and `description` go into its text
 * chunks, so the text alternative travels with the image into Word.
 */
export function renderPng(svg: string, opts: PngOptions = {}): Uint8Array {
  return withText(new Uint8Array(resvg(svg, opts).render().asPng()), opts);
}

/**
 * The same PNG as `renderPng`, rasterised on a thread of libuv's pool, so the main thread goes on
 * with the rest of the report meanwhile.
 */
export async function renderPngAsync(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  const options = resvgOptions(opts);
  const image = await renderAsync(svg, options);
  return withText(new Uint8Array(image.asPng()), opts);
}

/** The same raster as `renderPng`, as raw RGBA pixels (row by row), for checks and tests. */
export function renderPixels(svg: string, opts: PngOptions = {}): { width: number; height: number; pixels: Uint8Array } {
  const img = resvg(svg, opts).render();
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels) };
}
