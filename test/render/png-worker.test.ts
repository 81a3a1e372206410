/**
 * PNGs off the main thread (src/render/png.ts): `renderPngAsync` encodes in a worker thread and
 * gives the bytes `renderPng` gives, to the right caller when many are under way; a worker that
 * stops is replaced by this thread, with the same bytes.
 */
import { expect, it } from "vitest";
import { pngWorkerThread, renderPng, renderPngAsync } from "../../src/render/png.ts";
import { renderSvg } from "../../src/render/svg.ts";
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import type { TopLevelSpec } from "vega-lite";

const spec = (n: number): TopLevelSpec => ({
  config: THEME_CONFIG,
  width: 160,
  data: { values: [{ a: "Jobbspåret", b: n }, { a: "IPS – individuellt stöd", b: 7 }] },
  mark: "bar",
  encoding: { y: { field: "a", type: "nominal" }, x: { field: "b", type: "quantitative" } },
});

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

it("makes each PNG in the worker, the bytes renderPng makes, to the right caller", async () => {
  const svgs = await Promise.all([3, 9, 27, 81].map((n, i) => renderSvg(spec(n), { idPrefix: `w${i}-` })));
  const opts = (i: number) => ({ title: `Diagram ${i}`, description: `Beskrivning − ${i}` });
  const made = await Promise.all(svgs.map((svg, i) => renderPngAsync(svg, opts(i))));
  expect(pngWorkerThread()).not.toBeNull();
  made.forEach((png, i) => expect(same(png, renderPng(svgs[i], opts(i))), `chart ${i}`).toBe(true));
  expect(new Set(made.map((p) => Buffer.from(p).toString("base64"))).size).toBe(4);
  await expect(renderPngAsync("<svg", {})).rejects.toThrow();
});

it("makes the PNGs on this thread when the worker has stopped, with the same bytes", async () => {
  const svg = await renderSvg(spec(5), { idPrefix: "w9-" });
  await renderPngAsync(svg);
  const thread = pngWorkerThread();
  expect(thread).not.toBeNull();
  const pending = renderPngAsync(svg, { title: "Under stoppet" });
  await thread!.terminate();
  expect(same(await pending, renderPng(svg, { title: "Under stoppet" }))).toBe(true);
  expect(pngWorkerThread()).toBeNull();
  expect(same(await renderPngAsync(svg), renderPng(svg))).toBe(true);
  await expect(renderPngAsync("<svg", {})).rejects.toThrow();
});
