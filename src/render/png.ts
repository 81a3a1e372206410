/**
 * SVG string → PNG bytes with @resvg/resvg-js, using only the shipped DejaVu fonts (no system
 * fonts: the same PNG on every machine, and never a serif fallback).
 */
import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { FONT_FAMILY, FONT_FILES } from "./fonts.ts";

export interface PngOptions {
  /** Zoom factor relative to the SVG's width and height (default 2, for print). */
  scale?: number;
  /** Background colour (default white; charts are printed). */
  background?: string;
}

function resvg(svg: string, opts: PngOptions): Resvg {
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
  return new Resvg(svg, options);
}

/** Rasterises `svg` (e.g. from `renderSvg`) to a PNG. */
export function renderPng(svg: string, opts: PngOptions = {}): Uint8Array {
  return new Uint8Array(resvg(svg, opts).render().asPng());
}

/** The same raster as `renderPng`, as raw RGBA pixels (row by row), for checks and tests. */
export function renderPixels(svg: string, opts: PngOptions = {}): { width: number; height: number; pixels: Uint8Array } {
  const img = resvg(svg, opts).render();
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels) };
}
