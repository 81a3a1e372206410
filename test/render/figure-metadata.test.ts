// Each figure's text alternative travels with it: figures/<name>.txt beside the image, SVG
// <title>/<desc>, PNG tEXt "Title" and "Description" (plus iTXt with the exact Unicode text).
import { crc32 as zlibCrc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readPngText, withPngText } from "../../src/render/png-text.ts";
import { renderPng } from "../../src/render/png.ts";
import { text } from "../report/helpers.ts";
import { buildFixture, CHART } from "./xlsx-fixture.ts";

/** Every chunk of a PNG with its CRC checked by zlib's independent CRC-32. */
function chunks(png: Uint8Array): { type: string; length: number }[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: { type: string; length: number }[] = [];
  let at = 8;
  while (at < png.length) {
    const length = view.getUint32(at);
    const typeAndData = png.subarray(at + 4, at + 8 + length);
    expect(view.getUint32(at + 8 + length), "chunk CRC").toBe(zlibCrc32(typeAndData));
    out.push({ type: String.fromCharCode(...png.subarray(at + 4, at + 8)), length });
    at += 12 + length;
  }
  expect(at).toBe(png.length);
  return out;
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

describe("figure text alternatives", () => {
  it("figures/<name>.txt, the SVG's <title>/<desc> and the PNG's text chunks all carry the chart's text alternative", async () => {
    const built = await buildFixture();
    const chart = built.figures.charts[0];
    expect(chart.alt).toBe(CHART.alt);

    const txt = text(built.files.get(`figures/${chart.name}.txt`));
    // (An internal build may mark the title as not for publication.)
    const [titleLine, ...rest] = txt.split("\r\n");
    expect(titleLine.startsWith(`Diagram ${chart.number}. ${chart.title}`)).toBe(true);
    expect(rest.join("\r\n")).toBe(`\r\n${chart.alt}\r\n\r\nKälla: ${chart.source}\r\n`);

    const svg = text(built.files.get(`figures/${chart.name}.svg`));
    expect(unescapeXml(/<svg\b[^>]*><title>([^<]*)<\/title>/.exec(svg)?.[1] ?? "").startsWith(chart.title)).toBe(true);
    expect(unescapeXml(/<desc>([^<]*)<\/desc>/.exec(svg)?.[1] ?? "")).toBe(chart.alt);

    const png = built.files.get(`figures/${chart.name}.png`)!;
    const types = chunks(png).map((c) => c.type);
    // Text chunks right after IHDR, before the image data, so readers that stop early see them.
    expect(types[0]).toBe("IHDR");
    expect(types.indexOf("tEXt")).toBeLessThan(types.indexOf("IDAT"));
    const entries = readPngText(png);
    const get = (type: string, keyword: string) => entries.find((e) => e.type === type && e.keyword === keyword)?.text;
    expect(get("tEXt", "Title")?.startsWith("Deltagare per insats, januari-april 2023")).toBe(true); // Latin-1: en dash as "-"
    expect(get("tEXt", "Description")).toBe(chart.alt.replace(/[\u2013\u2212]/g, "-"));
    // The exact text, Unicode and all, in iTXt.
    expect(get("iTXt", "Title")?.startsWith(chart.title)).toBe(true);
    expect(get("iTXt", "Description")).toBe(chart.alt);
  });

  it("Latin-1 text needs no iTXt; the picture is unchanged by the metadata", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10" fill="#0072B2"/></svg>';
    const plain = renderPng(svg);
    const described = renderPng(svg, { title: "Åldersgrupper", description: "Stapeldiagram: 25–29 år är störst." });
    expect(readPngText(plain)).toEqual([]);
    expect(readPngText(described)).toEqual([
      { type: "tEXt", keyword: "Title", text: "Åldersgrupper" },
      { type: "tEXt", keyword: "Description", text: "Stapeldiagram: 25-29 år är störst." },
      { type: "iTXt", keyword: "Description", text: "Stapeldiagram: 25–29 år är störst." },
    ]);
    // Same chunks apart from the text: the image data is untouched.
    const strip = (png: Uint8Array) => chunks(png).filter((c) => c.type !== "tEXt" && c.type !== "iTXt");
    expect(strip(described)).toEqual(strip(plain));
    expect(Buffer.from(withPngText(plain, [])).equals(Buffer.from(plain))).toBe(true);
    // Latin-1 bytes really: "Å" is one byte 0xC5 in tEXt.
    const t = Buffer.from(described).indexOf(Buffer.from("tEXtTitle\0", "latin1"));
    expect(described[t + "tEXtTitle\0".length]).toBe(0xc5);
  });
});
