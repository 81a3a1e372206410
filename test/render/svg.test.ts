import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { measureText } from "../../src/render/fonts.ts";
import { renderPixels, renderPng, renderPngAsync } from "../../src/render/png.ts";
import { namespaceIds, renderSvg } from "../../src/render/svg.ts";
import { THEME_CONFIG } from "../../src/charts/theme.ts";
import { outcomesByReason } from "../../src/charts/outcomes-by-reason.ts";
import { cumulativeOutcome } from "../../src/charts/cumulative-outcome.ts";
import { CUMULATIVE, LONG_LABEL, OUTCOMES, PROGRAMME_NAMES } from "../charts/fixtures.ts";

const texts = (svg: string) => [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const ids = (svg: string) => [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);

/** A bar chart whose band axis carries the long label. */
const barSpec = (): TopLevelSpec => ({
  config: THEME_CONFIG,
  width: 200,
  data: { values: [{ a: LONG_LABEL, b: 12 }, { a: "IPS", b: 7 }] },
  mark: { type: "bar", cornerRadius: 2 },
  encoding: { y: { field: "a", type: "nominal" }, x: { field: "b", type: "quantitative" } },
});

describe("text measurement", () => {
  it("reads widths from DejaVu Sans", () => {
    expect(LONG_LABEL.length).toBeGreaterThanOrEqual(40);
    // 11 px DejaVu Sans: far narrower than vega's 0.8 × size estimate (387 px), wider than 200.
    const w = measureText(LONG_LABEL, 11);
    expect(w).toBeGreaterThan(240);
    expect(w).toBeLessThan(280);
    expect(measureText(LONG_LABEL, 11, "bold")).toBeGreaterThan(w);
    expect(measureText("AV", 100)).toBeLessThan(measureText("A", 100) + measureText("V", 100)); // kerning
    expect(measureText("", 11)).toBe(0);
  });
});

describe("renderSvg", () => {
  it("renders a 44-character Swedish label whole, without an ellipsis", async () => {
    const svg = await renderSvg(barSpec(), { idPrefix: "t1-" });
    expect(texts(svg)).toContain(LONG_LABEL);
    expect(svg).not.toContain("\u2026");
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it("renders the long label whole in a chart builder's spec", async () => {
    const svg = await renderSvg(outcomesByReason(OUTCOMES, { labels: PROGRAMME_NAMES }).spec, { idPrefix: "t2-" });
    expect(texts(svg)).toContain(LONG_LABEL);
    expect(svg).not.toContain("\u2026");
  });

  it("uses the Swedish locale on axes", async () => {
    const spec: TopLevelSpec = {
      config: THEME_CONFIG,
      data: { values: [{ a: "x", b: 1_694_000 }, { a: "y", b: -250_000 }] },
      mark: "bar",
      encoding: { y: { field: "a", type: "nominal" }, x: { field: "b", type: "quantitative", axis: { format: ",d", values: [-250000, 0, 1694000] } } },
    };
    const t = texts(await renderSvg(spec, { idPrefix: "t3-" }));
    expect(t).toContain("1\u00a0694\u00a0000");
    expect(t).toContain("\u2212250\u00a0000");
  });

  it("labels months in Swedish whatever the time zone", async () => {
    expect(process.env.TZ).toBe("America/New_York"); // set in vitest.config.ts
    const t = texts(await renderSvg(cumulativeOutcome(CUMULATIVE).spec, { idPrefix: "t4-" }));
    expect(t).toEqual(expect.arrayContaining(["januari", "februari", "mars", "april"]));
    expect(t).not.toContain("december");
  });

  it("gives byte-identical SVG for the same spec, whatever was rendered before", async () => {
    const a = await renderSvg(barSpec(), { idPrefix: "same-" });
    await renderSvg(outcomesByReason(OUTCOMES).spec, { idPrefix: "other-" });
    const b = await renderSvg(barSpec(), { idPrefix: "same-" });
    expect(b).toBe(a);
    expect(ids(a).length).toBeGreaterThan(0); // the chart has clip paths: the test is not vacuous
  });

  it("gives two charts with different prefixes no shared id, and keeps references intact", async () => {
    const [a, b] = await Promise.all([renderSvg(barSpec(), { idPrefix: "d1-" }), renderSvg(barSpec(), { idPrefix: "d2-" })]);
    const ia = ids(a);
    const ib = ids(b);
    expect(ia.length).toBeGreaterThan(0);
    expect(ia.filter((id) => ib.includes(id))).toEqual([]);
    expect(ia.every((id) => id.startsWith("d1-"))).toBe(true);
    for (const [svg, own] of [[a, ia], [b, ib]] as const) {
      const refs = [...svg.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) expect(own).toContain(r);
    }
  });

  it("renumbers ids and their references", () => {
    const svg = '<svg><clipPath id="clip7"/><g clip-path="url(#clip7)"/><linearGradient id="gradient_3"/><rect fill="url(#gradient_3)"/><use href="#clip7"/></svg>';
    expect(namespaceIds(svg, "x-")).toBe(
      '<svg><clipPath id="x-clip1"/><g clip-path="url(#x-clip1)"/><linearGradient id="x-gradient1"/><rect fill="url(#x-gradient1)"/><use href="#x-clip1"/></svg>',
    );
    expect(() => namespaceIds(svg, "1bad")).toThrow(/idPrefix/);
  });
});

describe("renderPng", () => {
  it("draws the long label whole with the shipped font", async () => {
    const spec: TopLevelSpec = {
      config: THEME_CONFIG,
      width: 10,
      height: 20,
      data: { values: [{ t: LONG_LABEL }] },
      mark: { type: "text", align: "left", baseline: "middle", fontSize: 11, color: "#000000" },
      encoding: { text: { field: "t", type: "nominal" }, x: { value: 0 }, y: { value: 10 } },
    };
    const svg = await renderSvg(spec, { idPrefix: "p-" });
    const expected = measureText(LONG_LABEL, 11);
    const m = /width="(\d+)"/.exec(svg);
    expect(Number(m?.[1])).toBeGreaterThanOrEqual(Math.floor(expected)); // the SVG is as wide as the text

    const scale = 2;
    const { width, height, pixels } = renderPixels(svg, { scale });
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) {
        const i = (y * width + x) * 4;
        if (pixels[i] < 128 && pixels[i + 1] < 128 && pixels[i + 2] < 128) {
          if (first < 0) first = x;
          last = x;
          break;
        }
      }
    }
    const ink = (last - first + 1) / scale;
    // Ink spans the advance width minus side bearings of the first and last glyph ("A", "a").
    expect(ink).toBeGreaterThan(expected - 3);
    expect(ink).toBeLessThan(expected + 1);
    // A serif or fallback font, or a cut label, would not land within these bounds.

    const png = renderPng(svg, { scale });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(width);
    expect(view.getUint32(20)).toBe(height);
    expect(Buffer.from(renderPng(svg, { scale })).equals(Buffer.from(png))).toBe(true);
    // Off the main thread: the same bytes, text chunks included.
    const opts = { scale, title: "Titel", description: "Beskrivning" };
    expect(Buffer.from(await renderPngAsync(svg, opts)).equals(Buffer.from(renderPng(svg, opts)))).toBe(true);
    await expect(renderPngAsync("<svg", opts)).rejects.toThrow();
  });
});
