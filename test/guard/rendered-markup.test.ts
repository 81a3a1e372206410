/**
 * HTML and SVG outputs are read as a browser renders them: inline markup between the parts of an
 * identity number (`19900803<span>-0489</span>`, `<b>900803</b>-0489`, `19900803<!-- x -->-0489`,
 * `1990<tspan>0803</tspan>0489`) does not hide it, while a cell or block boundary still stops a
 * match and attribute values are read as before, inside their tags (guard/text-views.ts,
 * `renderedMarkupView`; guard/scan-outputs.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinsDigits } from "../../src/guard/identity-numbers.ts";
import { assertNoIdentityNumbers, IdentityNumberInOutputError, scanOutputs } from "../../src/guard/scan-outputs.ts";
import { markupView, renderedMarkupJoins, renderedMarkupView } from "../../src/guard/text-views.ts";
import { checkDigit } from "../read/helpers.ts";

const enc = new TextEncoder();

/** 19900803-0489 (valid) and a coordination number born 1990-01-11. */
const P = { y: "1990", m: "08", d: "03", n: "0489" };
const C = { y: "1990", m: "01", d: "71", n: `236${checkDigit("900171236")}` };
expect(checkDigit("900803048")).toBe(9);
const D8 = `${P.y}${P.m}${P.d}`;
const D6 = D8.slice(2);
/** The serial with a wrong check digit. */
const WRONG = `${P.n.slice(0, 3)}${(Number(P.n[3]) + 1) % 10}`;
/** 2024-04-30 and this would be a valid number. */
const AMOUNT = `120${checkDigit("240430120")}`;

/** The findings of one file holding `body` on its line 3, as [line, column, coordination]. */
function found(file: string, body: string): [number, number, boolean][] {
  const doc = file.endsWith(".svg")
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">\n${body}\n</svg>\n`
    : `<!doctype html>\n<main>\n${body}\n</main>\n`;
  return scanOutputs(new Map([[file, enc.encode(doc)]])).findings.map((f) => {
    if (f.location.kind !== "text") throw new Error(`not a text location: ${f.location.kind}`);
    return [f.location.line, f.location.column, f.coordination];
  });
}

/** Column (1-based) of `digits` in `body`, on line 3. */
const columnOf = (body: string, digits: string) => body.indexOf(digits) + 1;

/** Column (1-based) of the first digit of `body` outside tags and comments: where its number begins. */
function firstDigit(body: string): number {
  const text = body.replace(/<!--[\s\S]*?-->|<[^>]*>/g, (t) => "<".repeat(t.length));
  return text.search(/[0-9\uff10-\uff19]/) + 1;
}

describe("inline markup between the parts of an identity number in HTML and SVG", () => {
  // The review's forms: a reader of the rendered page sees one identity number in each.
  const reviewForms: [string, string][] = [
    ["span around the serial", `<p>Kontakt ${D8}<span>-${P.n}</span> tack</p>`],
    ["b around the date", `<p>Kontakt <b>${D6}</b>-${P.n} tack</p>`],
    ["a comment between", `<p>Kontakt ${D8}<!-- x -->-${P.n} tack</p>`],
    ["wbr", `<p>Kontakt ${D6}<wbr>-${P.n} tack</p>`],
    ["&#45;", `<p>Kontakt ${D8}&#45;${P.n} tack</p>`],
    ["&shy;", `<p>Kontakt ${D8}&shy;-${P.n} tack</p>`],
  ];
  // Their kin: every inline element, tags with attributes, case, several in a row, entities, spaces.
  const kin: [string, string][] = [
    ["i inside the digits", `<p>Kontakt ${P.y}<i>${P.m}${P.d}</i>${P.n}</p>`],
    ["em, strong inside a divided date", `<p>Kontakt <em>${P.y}</em>-<strong>${P.m}</strong>-${P.d}-${P.n}</p>`],
    ["a with an href holding &amp; and >", `<p>Kontakt <a href="/x?a=1&amp;b=2" title="a > b">${D6}</a>-${P.n}</p>`],
    ["a quoted > in an attribute", `<p>Kontakt ${D6}<span title='>'>-</span>${P.n}</p>`],
    ["upper case", `<P>Kontakt <SPAN CLASS="x">${D6}</SPAN>-${P.n}</P>`],
    ["small", `<p>Kontakt ${D6}<small>-${P.n}</small></p>`],
    ["sub after a divided date", `<p>Kontakt ${P.y}-${P.m}-${P.d}<sub>-${P.n}</sub></p>`],
    ["sup, no separator", `<p>Kontakt ${D8}<sup>${P.n}</sup></p>`],
    ["mark after a space", `<p>Kontakt ${D6} <mark>${P.n}</mark></p>`],
    ["abbr and code", `<p>Kontakt ${D6}<abbr title="bindestreck">-</abbr><code>${P.n}</code></p>`],
    ["font without quotes", `<p>Kontakt ${D8}<font color=red>-${P.n}</font></p>`],
    ["empty u and s", `<p>Kontakt ${D6}<u></u><s></s>-${P.n}</p>`],
    ["bdi, bdo, time, data, q", `<p>Kontakt <bdi>${P.y}</bdi><bdo dir="ltr">${P.m}</bdo><time datetime="2023">${P.d}</time><data value="1">-</data><q>${P.n}</q></p>`],
    ["cite, dfn, kbd, samp, var, del, ins, label", `<p><cite>${P.y}</cite><dfn>${P.m}</dfn><kbd>${P.d}</kbd><samp>-</samp><var>${P.n.slice(0, 1)}</var><del>${P.n[1]}</del><ins>${P.n[2]}</ins><label>${P.n[3]}</label></p>`],
    ["an empty comment, and one with a cell in it", `<p>Kontakt ${D6}<!---->-<!-- </td><td> 12 -->${P.n}</p>`],
    ["comments <!--> and <!--->", `<p>Kontakt ${D6}<!-->-<!--->${P.n}</p>`],
    ["a line break inside the comment", `<p>Kontakt ${D8}<!--\n  x\n-->-${P.n}</p>`],
    ["&minus; inside a span", `<p>Kontakt ${D6}<span>&minus;</span>${P.n}</p>`],
    ["&#x2010; at the start of the span", `<p>Kontakt ${D6}<span>&#x2010;${P.n}</span></p>`],
    ["&nbsp; before the b", `<p>Kontakt ${D8}&nbsp;<b>${P.n}</b></p>`],
    ["spaces and line breaks around the tags", `<p>Kontakt ${D6} <em> - </em>\n ${P.n}</p>`],
    ["a br and a span", `<p>Kontakt ${D6}<br><span>${P.n}</span></p>`],
    ["a soft hyphen inside the b", `<p>Kontakt <b>${D6}\u00ad</b>-${P.n}</p>`],
    ["a divided date by dots", `<p>Kontakt ${P.y}<b>.${P.m}.${P.d}</b>-${P.n}</p>`],
    ["in a table cell, within it", `<table><tr><td>Kontakt</td><td><span>${D6}</span><span>-${P.n}</span></td></tr></table>`],
  ];
  const svgForms: [string, string][] = [
    ["tspan", `<text x="1" y="2">Kontakt ${P.y}<tspan font-weight="bold">${P.m}${P.d}</tspan>-${P.n}</text>`],
    ["a positioned tspan: the next line of a label, read across", `<text><tspan>Kontakt ${D6}</tspan><tspan x="0" dy="16">${P.n}</tspan></text>`],
    ["a around a tspan", `<text>Kontakt <a href="#x"><tspan>${D8}</tspan></a>-${P.n}</text>`],
    ["a comment", `<text>Kontakt ${D8}<!-- x -->-${P.n}</text>`],
    ["CDATA", `<text>Kontakt ${D6}<![CDATA[-${P.n}]]></text>`],
    ["textPath", `<text><textPath href="#p">Kontakt ${D6}</textPath>-${P.n}</text>`],
  ];

  it("finds each of the review's forms in HTML and SVG, naming line and column of its first digit", () => {
    for (const [label, body] of reviewForms) {
      for (const file of ["index.html", "figures/a.svg"]) {
        const first = firstDigit(body);
        expect(found(file, body), `${file}: ${label}`).toEqual([[3, first, false]]);
      }
    }
  });

  it("finds their kin in HTML: every inline element, attributes, case, comments, entities, white space", () => {
    for (const [label, body] of kin) {
      const first = firstDigit(body);
      expect(found("index.html", body), label).toEqual([[3, first, false]]);
      expect(() => assertNoIdentityNumbers(new Map([["index.html", enc.encode(body)]])), label).toThrow(IdentityNumberInOutputError);
    }
  });

  it("finds them in SVG labels: tspan, a, textPath, comments, CDATA", () => {
    for (const [label, body] of svgForms) {
      const first = firstDigit(body);
      expect(found("figures/a.svg", body), label).toEqual([[3, first, false]]);
    }
  });

  it("finds a coordination number so, and look-alike digits", () => {
    expect(found("index.html", `<p>${C.y}${C.m}${C.d}<span>-${C.n}</span></p>`)).toEqual([[3, 4, true]]);
    const full = (s: string) => s.replace(/\d/g, (x) => String.fromCharCode(0xff10 + Number(x)));
    expect(found("index.html", `<p>${full(D6)}<b>\uff0d${full(P.n)}</b></p>`)).toEqual([[3, 4, false]]);
    expect(found("index.html", `<p>${D6}<b>&#x1D7CE;${P.n.slice(1)}</b></p>`)).toEqual([[3, 4, false]]);
  });

  it("finds a list, and each once", () => {
    const body = `<p><b>${D6}</b>-${P.n} och <i>${C.y}${C.m}${C.d}</i>-${C.n}, ${D8}-${P.n}</p>`;
    expect(found("index.html", body)).toEqual([
      [3, columnOf(body, D6), false],
      [3, columnOf(body, `${C.y}${C.m}`), true],
      [3, columnOf(body, `${D8}-`), false],
    ]);
  });

  it("reports a number once where the two readings find overlapping pieces of it, at its first digit", () => {
    // As written, `900803-0489` (after the tag); as rendered, `19900803-0489`.
    expect(found("index.html", `<p><b>19</b>${D6}-${P.n}</p>`)).toEqual([[3, 7, false]]);
    expect(found("index.html", `<p>${D8}-<i>${P.n.slice(0, 2)}</i>${P.n.slice(2)}</p>`)).toEqual([[3, 4, false]]);
  });

  it("finds nothing where the digits do not make a valid number", () => {
    for (const body of [
      `<p>${D8}<span>-${WRONG}</span></p>`,
      `<p>2024-04-30<span> 1200</span> kr</p>`,
      `<p>Under 2023<span>.</span> <span>172</span> av dem</p>`,
      `<p>december 2023</span>. <span class="figure-value">172</span> av dem, <span>28 %</span></p>`,
      `<p>Summa <b>1 694 000</b> kr, <i>2023-01-01</i> – <i>2023-12-31</i></p>`,
    ]) {
      expect(found("index.html", body), body).toEqual([]);
    }
  });

  it("never joins two table cells, two blocks or two SVG texts, whatever inline markup and comments stand around them", () => {
    for (const [file, body] of [
      ["index.html", `<table><tr><td><span>${D6}</span></td><td><span>-${P.n}</span></td></tr></table>`],
      ["index.html", `<table><tr><td>${D6}<!-- x --></td><!-- y --><td>${P.n}</td></tr></table>`],
      ["index.html", `<tr><th scope="row"><abbr title="x">2024-04-30</abbr></th> <td class="num"><span>${AMOUNT}</span></td></tr>`],
      ["index.html", `<p><b>${D8}</b></p><p><b>-${P.n}</b></p>`],
      ["index.html", `<li><em>2024-04-30</em></li>\n<li><em>${AMOUNT}</em></li>`],
      ["index.html", `<div>${D6}</div><span>-${P.n}</span>`],
      ["index.html", `<dt><span>${D8}</span></dt><!-- x --><dd><span>${P.n}</span></dd>`],
      ["index.html", `<h2><code>${D6}</code></h2><caption><code>${P.n}</code></caption>`],
      ["index.html", `<p>${D6}<img alt="" src="x.png"><b>-${P.n}</b></p>`],
      ["figures/a.svg", `<text><tspan>${D6}</tspan></text><text><tspan>-${P.n}</tspan></text>`],
      ["figures/a.svg", `<text>${D8}</text><!-- x --><text>-${P.n}</text>`],
      ["figures/a.svg", `<title>${D8}</title><desc><tspan>-${P.n}</tspan></desc>`],
    ] as [string, string][]) {
      expect(found(file, body), body).toEqual([]);
    }
  });

  it("reads attribute values as before: inside their tags, never joined with the text around them", () => {
    // Found in an attribute, as before.
    expect(found("index.html", `<p><a href="tel:${D8}-${P.n}">ring</a></p>`)).toEqual([[3, 17, false]]);
    expect(found("index.html", `<p><span title="${D6}-${P.n}">x</span></p>`)).toEqual([[3, 17, false]]);
    expect(found("index.html", `<p><abbr title="${P.y}-${P.m}-${P.d}&#8208;${P.n}">x</abbr></p>`)).toEqual([[3, 17, false]]);
    // An attribute value and the text after its tag are not one number: the tag stands between them.
    expect(found("index.html", `<p><span title="${D8}">-${P.n}</span></p>`)).toEqual([]);
    expect(found("index.html", `<p>${D6}<span data-x="-">${P.n}</span></p>`)).toHaveLength(1); // the text joins, the attribute is not read
    expect(found("index.html", `<p><img alt="${D6}">-${P.n}</p>`)).toEqual([]);
  });

  it("renderedMarkupView drops inline tags, comments and CDATA markers, reads <br> and a positioned <tspan> as a space, keeps every other tag, and maps each character back", () => {
    const html = `<p>a<span class="x>y">b</span>c<!-- <td> -->d<br>e<wbr>f<TD>g<tspan>h</tspan><tspan dy="1">i</tspan><![CDATA[j]]>k&amp;l<spanx>m</p>`;
    const r = renderedMarkupView(html);
    expect(r.text).toBe(`<p>abcd ef<TD>gh ijk&l<spanx>m</p>`);
    expect(r.map.length).toBe(r.text.length + 1);
    for (let i = 0; i < r.text.length; i++) {
      if (r.text[i] === " ") expect(html[r.map[i]]).toBe("<");
      else if (r.text[i] !== "&") expect(html[r.map[i]]).toBe(r.text[i]);
    }
    // markupView is as it was: tags and comments as written.
    expect(markupView(html).text).toBe(html.replace("&amp;", "&"));
  });

  it("renderedMarkupJoins: true where rendered markup stands between digits, false where it stands between words or at a boundary", () => {
    const joins = (c: number) => c === 0x2e || joinsDigits(c);
    for (const raw of [
      `1<span>2`,
      `1 </b> - <i> 2`,
      `1<span>&#45;</span>2`,
      `1&nbsp;<b>2`,
      `1&shy;<!-- x -->-&#x32;`,
      `\uff11<b>\uff12`,
      `\u{1d7cf}<b>\u{1d7d0}`,
      `1.<b>.2`,
      `1<br>2`,
      `1<![CDATA[2]]>`,
    ]) {
      expect(renderedMarkupJoins(raw, joins), raw).toBe(true);
    }
    for (const raw of [
      `1</td><span>2`,
      `1<span></td>2`,
      `a<span>2`,
      `1<span>a`,
      `2023</span>. <span>172`,
      `2023. <span>172`,
      `Andel kvinnor <span class="unit">(%)</span>`,
      `1&auml;<b>2`,
      `<b>12</b>`,
      `1<td>2`,
    ]) {
      expect(renderedMarkupJoins(raw, joins), raw).toBe(false);
    }
  });

  it("property: inline tags, comments and character references put anywhere inside a number in HTML or SVG hide nothing", () => {
    const piece = fc.constantFrom(
      "<span>",
      "</span>",
      '<span class="a">',
      "<b>",
      "</b>",
      "<i>",
      "<em>",
      "</strong>",
      '<a href="/x?a=1&amp;b=2">',
      "</a>",
      "<sub>",
      "</sup>",
      "<wbr>",
      "<!-- x -->",
      "<!---->",
      "&shy;",
      "<tspan>",
      "</tspan>",
      "<small>",
      "<mark>",
      "<code>",
      "<abbr title=\"x\">",
    );
    const form = fc.constantFrom(
      `${D8}-${P.n}`,
      `${D6}-${P.n}`,
      `${D8}${P.n}`,
      `${D6} ${P.n}`,
      `${P.y}-${P.m}-${P.d}-${P.n}`,
      `${P.y}.${P.m}.${P.d}-${P.n}`,
      `${P.y.slice(2)}-${P.m}-${P.d} ${P.n}`,
      `${C.y}${C.m}${C.d}+${C.n}`,
    );
    fc.assert(
      fc.property(form, fc.array(fc.tuple(fc.nat(), piece), { minLength: 1, maxLength: 4 }), fc.constantFrom("index.html", "figures/a.svg"), (written, inserts, file) => {
        // Each piece between two characters of the number (never before the first or after the last).
        const at = inserts.map(([k, p]) => [1 + (k % (written.length - 1)), p] as const).sort((a, b) => b[0] - a[0]);
        let s = written;
        for (const [k, p] of at) s = s.slice(0, k) + p + s.slice(k);
        const body = file.endsWith(".svg") ? `<text>Kontakt ${s} tack</text>` : `<p>Kontakt ${s} tack</p>`;
        expect(found(file, body), body).toHaveLength(1);
      }),
      { numRuns: 2000, seed: 20240803 },
    );
  });

  it("property: two cells or blocks are never joined, whatever inline markup surrounds their text", () => {
    const inline = fc.constantFrom("", "<span>", "<b>", "<!-- x -->", "<em>", "<a href=\"#\">", "&shy;", "<wbr>");
    const close = fc.constantFrom("", "</span>", "</b>", "<!-- y -->", "</em>", "</a>");
    const boundary = fc.constantFrom("</td><td>", "</td>\n  <td>", "</th><td>", "</p><p>", "</li><li>", "</div><div>", "</dd><dd>", "</tr><tr><td>", "</text><text>");
    const pair = fc.constantFrom<[string, string]>([D6, `-${P.n}`], [D8, P.n], [`${P.y}-${P.m}-${P.d}`, P.n], ["2024-04-30", AMOUNT], [`${P.y}.${P.m}.${P.d}`, `-${P.n}`]);
    fc.assert(
      fc.property(pair, inline, close, boundary, inline, close, ([a, b], i1, c1, bd, i2, c2) => {
        const body = `<table><tr><td>${i1}${a}${c1}${bd}${i2}${b}${c2}</td></tr></table>`;
        expect(found("index.html", body), body).toEqual([]);
      }),
      { numRuns: 1500, seed: 7 },
    );
  });
});
