import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Chart } from "../../src/charts/types.ts";
import { buildReport, libraryVersion } from "../../src/report/build.ts";
import { count, deviation, kr, mnkr, percent } from "../../src/report/figures.ts";
import { report } from "../../src/report/report.ts";
import { interimReportTitle } from "../../src/report/titles.ts";
import type { FiguresDocument } from "../../src/report/build.ts";
import { SUPPRESSED_NOTE } from "../../src/render/html.ts";
import { BUILD_TIME, GOLDEN, ROOT, TEST_ENV, buildCase, silentEffects, text } from "./helpers.ts";

/** Text of an HTML fragment: tags removed, entities of our escaper undone. */
const plain = (html: string) =>
  html.replace(/<[^>]+>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

const NUMBER = /[+\u2212-]?\d{1,3}(?:[\u00a0\u202f ]\d{3})*(?:,\d+)?(?:\u00a0(?:%|kr|tkr|mnkr))?/g;

describe("figures.json", () => {
  it("contains every number shown in a text cell, with the same formatting", async () => {
    const built = await buildCase("basic");
    const html = text(built.files.get("index.html"));
    const doc = JSON.parse(text(built.files.get("figures.json"))) as FiguresDocument;
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    // Running text = <p> and <li> outside figures, tables and key-figure boxes.
    const prose = main
      .replace(/<figure[\s\S]*?<\/figure>/g, "")
      .replace(/<table[\s\S]*?<\/table>/g, "")
      .replace(/<section class="key-figures"[\s\S]*?<\/section>/g, "")
      .split(SUPPRESSED_NOTE)
      .join("");
    const shownInText = [...prose.matchAll(/<(p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].flatMap((m) => plain(m[2]).match(NUMBER) ?? []);
    const recorded = new Set(doc.figures.map((f) => f.shown));
    // The fixture's text shows these numbers (and only these: Praktik's 2 participants are
    // suppressed in the sentence too).
    expect(shownInText.map((s) => s.trim())).toEqual((["16", "3", "86\u00a0%", "+13,3\u00a0mnkr", "\u22121,1\u00a0mnkr", "1\u00a0694\u00a0000\u00a0kr"]));
    for (const n of shownInText) {
      expect(recorded, `number ${JSON.stringify(n)} shown in text is missing from figures.json`).toContain(n.trim());
    }
    // Each figure span in the page points at its record, and the record says what is shown.
    for (const m of html.matchAll(/<span class="figure-value" data-figure="([^"]+)">([\s\S]*?)<\/span>/g)) {
      const rec = doc.figures.find((f) => f.id === m[1]);
      expect(rec, `figure ${m[1]}`).toBeDefined();
      expect(plain(m[2])).toBe(rec!.shown);
    }
    expect(doc.figures.find((f) => f.id === "avvikelse-perioden")).toMatchObject({ value: 1_330_000_000, format: "deviationMnkr", shown: "+13,3\u00a0mnkr" });
  });

  it("records provenance, parameters, tables and chart data", async () => {
    const built = await buildCase("basic");
    const doc = built.figures;
    const input = readFileSync(path.join(GOLDEN, "basic/input/deltagare.csv"));
    const { createHash } = await import("node:crypto");
    expect(doc.inputs).toEqual([
      { name: "deltagare.csv", kind: "participants", sha256: createHash("sha256").update(input).digest("hex"), rowsRead: 17, rowsAccepted: 16, rowsQuarantined: 1,
        coverage: { columns: ["start", "end"], first: "2023-01-09", last: "2023-04-28" } },
    ]);
    // A public build names the data folder by its name only, never where it lies.
    expect(doc.parameters).toEqual({ period: "2023-04", unit: "Arbetsmarknadsnämnden", dataDir: "input", public: true, threshold: 5 });
    expect(doc.buildTime).toBe(BUILD_TIME);
    // Every part is 1–4 and the total 16 is published: a shown programme total would pin its
    // parts (Jobbspåret 8 = 4 + 4), so the totals are hidden as well; zeros stay where they
    // reveal nothing. Praktik's total is itself small, so its whole breakdown, the zero too, is
    // withheld (hidden, not marked small).
    expect(doc.tables[0].rows).toEqual([
      ["Jobbspåret", null, null, null, null],
      ["IPS", null, null, 0, null],
      ["Praktik", null, null, null, null],
    ]);
    expect(doc.charts[0].data.rows.map((r) => r.slice(0, 5))).toEqual(doc.tables[0].rows);
    expect(doc.disclosure?.audit).toMatchObject({ threshold: 5, primary: 5, withheld: 3, narrowest: { min: 1, max: 4 } });
    const withheld = doc.disclosure!.cells.filter((c) => c.withheld).map((c) => c.id.split("|").slice(2).join("|"));
    expect(withheld.sort()).toEqual(["programme=PRAKTIK|K", "programme=PRAKTIK|M", "programme=PRAKTIK|X"]);
  });

  it("shows real counts when not public", async () => {
    const built = await buildCase("basic", { public: false });
    expect(built.figures.tables[0].rows).toEqual([
      ["Jobbspåret", 4, 4, 0, 8],
      ["IPS", 3, 3, 0, 6],
      ["Praktik", 1, 1, 0, 2],
    ]);
    expect(text(built.files.get("index.html"))).not.toContain("dolt för att skydda enskilda personer");
  });
});

describe("no personal identity numbers in any output", () => {
  it("never writes a fixture's personnummer, in any spelling, to any file or log line", async () => {
    const log: string[] = [];
    const built = await buildCase("basic", {}, log);
    const csv = readFileSync(path.join(GOLDEN, "basic/input/deltagare.csv"), "utf8");
    const pnrs = csv.split(/\r?\n/).slice(1).map((l) => l.split(";")[0]).filter((s) => /^\d{8}-\d{4}$/.test(s));
    expect(pnrs.length).toBe(17);
    const spellings = pnrs.flatMap((p) => {
      const digits = p.replace("-", "");
      return [p, digits, digits.slice(2), `${digits.slice(2, 8)}-${digits.slice(8)}`, `${digits.slice(2, 8)}+${digits.slice(8)}`];
    });
    const outputs = [...built.files.entries()].map(([file, bytes]) => [file, Buffer.from(bytes).toString("latin1")] as const);
    outputs.push(["log", log.join("\n")]);
    for (const [file, content] of outputs) {
      for (const s of spellings) expect(content.includes(s), `${file} contains an identity number`).toBe(false);
    }
    // And no identity-number shape at all in the text outputs (hashes removed: hex digests can
    // contain long digit runs by chance).
    // figures.json is checked on its strings: its numbers are raw values (öre amounts have 10 digits).
    const PNR = /(?<![\d\w])\d{6,8}[-+]?\d{4}(?![\d\w])/;
    const strings = (v: unknown): string[] =>
      typeof v === "string" ? [v] : v && typeof v === "object" ? Object.values(v).flatMap(strings) : [];
    for (const [file, content] of outputs) {
      if (file.endsWith(".png")) continue;
      const checked = file === "figures.json" ? strings(JSON.parse(text(built.files.get(file)))).join("\n") : content;
      expect(checked.replace(/\b[0-9a-f]{64}\b/g, ""), file).not.toMatch(PNR);
    }
  });
});

describe("report body API", () => {
  const effects = silentEffects();
  const opts = { name: "t", dataDir: ".", buildTime: BUILD_TIME, libraryVersion: "x" };

  it("refuses bare numbers in text, and NaN/undefined figures", async () => {
    const bad = report({ title: "T" }, (r) => {
      const n = 12 as unknown as string;
      r.text`Antal ${n}`;
    });
    await expect(buildReport(bad, opts, effects)).rejects.toThrow(/wrap numbers in count\(\)/);
    expect(() => mnkr(Number.NaN)).toThrow(/finite number or null/);
    expect(() => count(undefined as unknown as number)).toThrow(/finite number or null/);
    expect(() => count(2.5)).toThrow(/whole number/);
  });

  it("renders Markdown-ish text: paragraphs, lists, emphasis, escaping", async () => {
    const def = report({ title: "T" }, (r) => {
      r.text`Första stycket med **fetstil** och *kursiv*.
        Samma stycke ${"<b>inte html</b>"}.

        - punkt ett ${kr(12_345_00)}
        - punkt två

        Sista & stycket ${percent(null)}.`;
    });
    const html = text((await buildReport(def, opts, effects)).files.get("index.html"));
    expect(html).toContain("<p>Första stycket med <strong>fetstil</strong> och <em>kursiv</em>. Samma stycke &lt;b&gt;inte html&lt;/b&gt;.</p>");
    expect(html).toContain('<ul><li>punkt ett <span class="figure-value" data-figure="text-1-1">12\u00a0345\u00a0kr</span></li><li>punkt två</li></ul>');
    expect(html).toContain('<p>Sista &amp; stycket <span class="figure-value" data-figure="text-1-2"><abbr title="dolt för att skydda enskilda personer">..</abbr></span>.</p>');
    expect(html).toContain('<p class="note">..: dolt för att skydda enskilda personer</p>');
  });

  it("gives headings unique ids, keeps one h1 and never skips a level", async () => {
    const def = report({ title: "Titel" }, (r) => {
      r.heading("Underrubrik först", 3);
      r.heading("Ekonomi");
      r.heading("Ekonomi");
      r.heading("Detaljer", 3);
    });
    const html = text((await buildReport(def, opts, effects)).files.get("index.html"));
    expect(html.match(/<h1\b/g)).toHaveLength(1);
    expect([...html.matchAll(/<h([23]) id="([^"]+)">/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual([
      "2:innehall-rubrik",
      "2:underrubrik-forst",
      "2:ekonomi",
      "2:ekonomi-2",
      "3:detaljer",
      "2:underlag",
    ]);
    expect(html).toContain('<a href="#ekonomi-2">Ekonomi</a><ol><li><a href="#detaljer">Detaljer</a></li></ol>');
  });

  it("refuses two outputs with the same file name and unsafe names", async () => {
    const t = { name: "a", caption: "A", columns: [{ key: "x", label: "X", format: "integer" as const }], rows: [{ x: 1 }] };
    const dup = report({ title: "T" }, (r) => {
      r.table(t);
      r.table(t);
    });
    await expect(buildReport(dup, opts, effects)).rejects.toThrow(/tables\/a\.csv/);
    const unsafe = report({ title: "T" }, (r) => r.table({ ...t, name: "../x" }));
    await expect(buildReport(unsafe, opts, effects)).rejects.toThrow(/becomes a file name/);
    const sameFigure = report({ title: "T" }, (r) => r.text`${count(1, "n")} ${count(2, "n")}`);
    await expect(buildReport(sameFigure, opts, effects)).rejects.toThrow(/Two figures are named "n"/);
  });

  it("gives r.period from the option or the report, and fails clearly when there is none", async () => {
    const seen: string[] = [];
    const def = report({ title: "T", period: "2023-04" }, (r) => void seen.push(r.period));
    await buildReport(def, opts, effects);
    await buildReport(def, { ...opts, period: "2023-08" }, effects);
    expect(seen).toEqual(["2023-04", "2023-08"]);
    const none = report({ title: "T" }, (r) => void seen.push(r.period));
    await expect(buildReport(none, opts, effects)).rejects.toThrow(/reads r\.period but has none; give --period/);
  });

  it("takes the build time from the option, else SOURCE_DATE_EPOCH, never the clock in tests", async () => {
    const def = report({ title: "T" }, () => {});
    const fromEnv = await buildReport(def, { name: "t", dataDir: ".", libraryVersion: "x" }, silentEffects([], { ...TEST_ENV, SOURCE_DATE_EPOCH: "1682985600" }));
    expect(fromEnv.figures.buildTime).toBe("2023-05-02T00:00:00.000Z");
    await expect(buildReport(def, { name: "t", dataDir: ".", libraryVersion: "x" }, silentEffects([], { ...TEST_ENV, SOURCE_DATE_EPOCH: "igår" }))).rejects.toThrow(/SOURCE_DATE_EPOCH/);
    await expect(buildReport(def, { name: "t", dataDir: ".", libraryVersion: "x" }, silentEffects())).rejects.toThrow(/clock must not be read/);
  });

  it("uses the library version from package.json by default", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(libraryVersion()).toBe(pkg.version);
    const def = report({ title: "T" }, () => {});
    const built = await buildReport(def, { name: "t", dataDir: ".", buildTime: BUILD_TIME }, effects);
    expect(built.figures.libraryVersion).toBe(pkg.version);
    expect(text(built.files.get("index.html"))).toContain(`<dt>utfall-version</dt><dd>${pkg.version}</dd>`);
  });

  it("puts each chart in a labelled figure with its data table and writes SVG, PNG and CSV", async () => {
    const chart: Chart = {
      name: "stapel",
      title: "Avvikelse per enhet",
      alt: "Stapeldiagram: enhet A +1,0 mnkr, enhet B −0,5 mnkr.",
      source: "Ekonomisystemet",
      spec: {
        width: 200,
        height: 100,
        data: { values: [{ enhet: "A", avvikelse: 100_000_000 }, { enhet: "B", avvikelse: -50_000_000 }] },
        mark: "bar",
        encoding: { x: { field: "enhet", type: "nominal" }, y: { field: "avvikelse", type: "quantitative" } },
      },
      table: {
        name: "stapel-data",
        caption: "Avvikelse per enhet",
        columns: [
          { key: "enhet", label: "Enhet", format: "text" },
          { key: "avvikelse", label: "Avvikelse", format: "deviationMnkr" },
        ],
        rows: [{ enhet: "A", avvikelse: 100_000_000 }, { enhet: "B", avvikelse: -50_000_000 }],
      },
    };
    const def = report({ title: "T" }, (r) => {
      r.chart(chart);
      r.chart({ ...chart, name: "stapel2", table: { ...chart.table, name: "stapel2-data" } });
    });
    const built = await buildReport(def, opts, effects);
    expect([...built.files.keys()]).toEqual([
      "figures.json",
      "figures/stapel.png",
      "figures/stapel.svg",
      "figures/stapel.txt",
      "figures/stapel2.png",
      "figures/stapel2.svg",
      "figures/stapel2.txt",
      "index.html",
      "tabeller.xlsx",
      "tables/stapel-data.csv",
      "tables/stapel2-data.csv",
    ]);
    const html = text(built.files.get("index.html"));
    expect(html).toContain('<figcaption id="diagram-stapel-titel"><span class="number">Diagram 1.</span> Avvikelse per enhet</figcaption>');
    expect(html).toMatch(/<svg[^>]* role="img" aria-labelledby="diagram-stapel-titel" aria-describedby="diagram-stapel-beskrivning" focusable="false">/);
    expect(html).toContain('<p class="alt" id="diagram-stapel-beskrivning">Stapeldiagram: enhet A +1,0 mnkr, enhet B −0,5 mnkr.</p>');
    expect(html).toContain('<th scope="row">B</th><td class="num">\u22120,5</td>');
    // Two inline SVGs never share an id.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const svg = text(built.files.get("figures/stapel.svg"));
    // An internal build marks every standalone figure.
    expect(svg).toMatch(/^<svg[^>]*><title>Avvikelse per enhet \(Intern version – får inte publiceras\)<\/title><desc>Stapeldiagram: enhet A/);
    expect(text(built.files.get("tables/stapel-data.csv"))).toBe("\uFEFFEnhet;Avvikelse (mnkr)\r\nA;1,0\r\nB;-0,5\r\n");
  });
});

describe("titles that follow the period", () => {
  it("builds the title from the period given to the build", async () => {
    const def = report({ title: interimReportTitle, period: "2023-04" }, (r) => r.text`Period ${r.period}.`);
    const opts = { name: "t", dataDir: ".", buildTime: BUILD_TIME, libraryVersion: "x" };
    const april = await buildReport(def, opts, silentEffects());
    const august = await buildReport(def, { ...opts, period: "2023-08" }, silentEffects());
    expect(text(april.files.get("index.html"))).toContain("<h1>Delårsrapport 1 2023</h1>");
    expect(text(august.files.get("index.html"))).toContain("<h1>Delårsrapport 2 2023</h1>");
    expect(august.parameters.title).toBe("Delårsrapport 2 2023");
  });

  it("names the interim reports by their month", () => {
    expect(interimReportTitle("2023-04")).toBe("Delårsrapport 1 2023");
    expect(interimReportTitle("2023-08")).toBe("Delårsrapport 2 2023");
    expect(interimReportTitle("2023-12")).toBe("Verksamhetsberättelse 2023");
    expect(interimReportTitle("2023-05")).toBe("Månadsuppföljning maj 2023");
    expect(interimReportTitle(null)).toBe("Uppföljning");
  });
});
