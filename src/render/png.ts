/**
 * SVG string → PNG bytes with @resvg/resvg-js, using only the shipped DejaVu fonts (no system
 * fonts: the same PNG on every machine, and never a serif fallback).
 *
 * `renderPngAsync` keeps the main thread free: a worker thread of its own, started on first use,
 * rasterises and encodes one PNG after the other (~25 ms a chart). One at a time: rasterising on
 * libuv's pool, up to four at once, left the main thread less of a two-core machine. Should the
 * worker fail to start or stop, the PNGs are made from this thread (rasterised on libuv's pool)
 * as before; the bytes are the same either way.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Resvg, ResvgRenderOptions } from "@resvg/resvg-js";
import { FONT_FAMILY, FONT_FILES } from "./fonts.ts";
import { withPngText } from "./png-text.ts";

type ResvgModule = typeof import("@resvg/resvg-js");
let resvgModule: ResvgModule | undefined;
/**
 * resvg on this thread, loaded when first needed: by `renderPng` and `renderPixels`, or for the
 * PNGs of a build when the worker cannot make them. A build's PNGs are made by the worker, which
 * loads resvg itself; loading its native module here as well cost every build 7–10 ms of this
 * thread and two idle threads of resvg's runtime.
 */
const resvgHere = (): ResvgModule => (resvgModule ??= createRequire(import.meta.url)("@resvg/resvg-js") as ResvgModule);

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
  return new (resvgHere().Resvg)(svg, resvgOptions(opts));
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

/** On this thread: rasterised on libuv's pool, encoded here. */
async function pngHere(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  const image = await resvgHere().renderAsync(svg, options);
  return new Uint8Array(image.asPng());
}

// The worker: CommonJS, given resvg's resolved path, so it needs no loader under tsx or vitest.
// The same Resvg render and encoding as renderPng, off the main thread.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { Resvg } = require(workerData.resvg);
parentPort.on("message", ({ id, svg, options }) => {
  let png;
  try {
    png = new Uint8Array(new Resvg(svg, options).render().asPng());
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error && error.name, message: error instanceof Error ? error.message : String(error) } });
    return;
  }
  parentPort.postMessage({ id, png }, [png.buffer]);
});
`;

interface Request {
  svg: string;
  options: ResvgRenderOptions;
  resolve: (png: Uint8Array) => void;
  reject: (error: unknown) => void;
}

/** The PNG worker: undefined until first use, null when it cannot be used (then PNGs are made here). */
let worker: { thread: Worker; pending: Map<number, Request>; next: number } | null | undefined;

function startWorker(): typeof worker {
  try {
    const resvg = createRequire(import.meta.url).resolve("@resvg/resvg-js");
    const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { resvg }, execArgv: [] });
    thread.unref(); // idle, it keeps no process alive
    const state = { thread, pending: new Map<number, Request>(), next: 0 };
    thread.on("message", (m: { id: number; png?: Uint8Array; error?: { name?: string; message: string } }) => {
      const request = state.pending.get(m.id);
      if (!request) return;
      state.pending.delete(m.id);
      if (state.pending.size === 0) thread.unref();
      if (m.png) request.resolve(m.png);
      else {
        const error = new Error(m.error?.message ?? "resvg failed");
        if (m.error?.name && m.error.name !== "Error") error.name = m.error.name;
        request.reject(error);
      }
    });
    // A worker that fails or stops: its PNGs, and all later ones, are made on this thread.
    const giveUp = () => {
      if (worker === state) worker = null;
      const left = [...state.pending.values()];
      state.pending.clear();
      for (const r of left) pngHere(r.svg, r.options).then(r.resolve, r.reject);
    };
    thread.on("error", giveUp);
    thread.on("exit", giveUp);
    return state;
  } catch {
    return null;
  }
}

function pngInWorker(svg: string, options: ResvgRenderOptions): Promise<Uint8Array> {
  if (worker === undefined) worker = startWorker();
  const state = worker;
  if (!state) return pngHere(svg, options);
  return new Promise<Uint8Array>((resolve, reject) => {
    const id = state.next++;
    state.pending.set(id, { svg, options, resolve, reject });
    if (state.pending.size === 1) state.thread.ref();
    state.thread.postMessage({ id, svg, options });
  });
}

/** The PNG worker's thread once started (null before, or when PNGs are made here); for tests. */
export function pngWorkerThread(): Worker | null {
  return worker ? worker.thread : null;
}

/**
 * The same PNG as `renderPng`, made off the main thread (see the module comment), so the main
 * thread goes on with the rest of the report meanwhile.
 */
export async function renderPngAsync(svg: string, opts: PngOptions = {}): Promise<Uint8Array> {
  const options = resvgOptions(opts);
  return withText(await pngInWorker(svg, options), opts);
}

/** The same raster as `renderPng`, as raw RGBA pixels (row by row), for checks and tests. */
export function renderPixels(svg: string, opts: PngOptions = {}): { width: number; height: number; pixels: Uint8Array } {
  const img = resvg(svg, opts).render();
  return { width: img.width, height: img.height, pixels: new Uint8Array(img.pixels) };
}
