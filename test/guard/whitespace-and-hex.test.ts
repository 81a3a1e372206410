/**
 * Identity numbers written across a run of white space (`900803⏎0489`, `1990-08-03  0489`,
 * `19900803 \t0489`, `19900803  -  0489`, `<br>` or `&#10;` in HTML) are read as a reader of the
 * rendered output reads them (a browser collapses white space; a line break in a CSV or xlsx cell is
 * read across) by all three guards: the load check, the output scan and the message mask. Table
 * cells, CSV records and JSON strings are never joined. And only real pseudonyms and hex digests
 * hide the digits in them: `Ebba199008030489` is found.
 */
import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellHoldsIdentityNumber } from "../../src/guard/cell-check.ts";
import { containsIdentityNumber, containsIdentityNumberShape, findIdentityNumbers } from "../../src/guard/identity-numbers.ts";
import { assertNoIdentityNumbers, IdentityNumberInOutputError, scanOutputs } from "../../src/guard/scan-outputs.ts";
import { collapsedText, collapsedView, isWhitespace, jsonStringsView, markupView, plainView, renderedMarkupView } from "../../src/guard/text-views.ts";
import { REDACTED, redact } from "../../src/read/redact.ts";
import { LoadError, loadBytes } from "../../src/schema/load.ts";
import { participantsSchema } from "../../src/sources/participants.ts";
import { checkDigit, KEY } from "../read/helpers.ts";

const enc = new TextEncoder();
const p2 = (n: number) => String(n).padStart(2, "0");

/** 19900803-0489 (the review's example; valid) and a coordination number born 1990-01-11. */
const P = { y: "1990", m: "08", d: "03", n: "0489" };
const C = { y: "1990", m: "01", d: "71", n: `236${checkDigit("900171236")}` };
expect(checkDigit("900803048")).toBe(9);

/** The review's forms, and their kin: [label, text]. */
function whitespaceForms(p: typeof P): [string, string][] {
  const { y, m, d, n } = p;
  const s = y.slice(2);
  return [
    ["YYMMDD LF NNNN", `${s}${m}${d}\n${n}`],
    ["YYMMDD CR LF NNNN", `${s}${m}${d}\r\n${n}`],
    ["YYYY-MM-DD, two spaces, NNNN", `${y}-${m}-${d}  ${n}`],
    ["YYYYMMDD space tab NNNN", `${y}${m}${d} \t${n}`],
    ["YYYYMMDD, two spaces, dash, two spaces, NNNN", `${y}${m}${d}  -  ${n}`],
    ["YYYY-MM-DD tab NNNN", `${y}-${m}-${d}\t${n}`],
    ["YY-MM-DD LF NNNN", `${s}-${m}-${d}\n${n}`],
    ["YYYY-MM-DD, three spaces, NNNN", `${y}-${m}-${d}   ${n}`],
    ["YYYY-MM-DD, no-break space and space, NNNN", `${y}-${m}-${d}\u00a0 ${n}`],
    ["YYYY-MM-DD, line separator U+2028, NNNN", `${y}-${m}-${d}\u2028${n}`],
    ["YYYYMMDD, four spaces, NNNN", `${y}${m}${d}    ${n}`],
    ["YYMMDD LF LF NNNN", `${s}${m}${d}\n\n${n}`],
    ["YYYY MM DD divided by runs, then LF - NNNN", `${y}  ${m}\t${d}\n- ${n}`],
    ["YYYY MM DD divided by no-break space and space, then -NNNN", `${y}\u00a0${m} ${d}-${n}`],
    ["YYYY-MM-DD, spaces and a zero-width space, NNNN", `${y}-${m}-${d} \u200b ${n}`],
  ];
}

describe("identity numbers across a run of white space: the load check", () => {
  it("rejects a cell with each of the review's forms (and their kin), personnummer and samordningsnummer", () => {
    for (const p of [P, C]) {
      for (const [label, written] of whitespaceForms(p)) {
        expect(cellHoldsIdentityNumber(written), label).toBe(true);
        expect(cellHoldsIdentityNumber(`Kontakt ${written} ang. Jobbspåret`), label).toBe(true);
      }
    }
  });

  it("the scanner itself keeps its rules against table columns: the text as written is not a number", () => {
    for (const [label, written] of whitespaceForms(P)) {
      if (/^YYYY-MM-DD, (two|three) spaces|tab|LF/.test(label)) expect(containsIdentityNumber(written), label).toBe(false);
    }
    expect(containsIdentityNumber("2023-01-01  1200")).toBe(false);
    expect(containsIdentityNumberShape("2023-01-01\t1200")).toBe(false);
  });

  it("keeps cells without one, also with white space runs, dates and amounts", () => {
    for (const cell of [
      "Insats 2023-01-01  –  2023-12-31,\nuppföljning 2024-04-30 12:00",
      "Period:\t2023-01-01\t–\t2023-12-31",
      "2024-04-30\n1 200 kr",
      "Summa   1 694 000 kr",
      "Tel 08-123 456 78\nFax 08-123 456 79",
      "Jobbspåret\r\nIPS\r\n",
      "2023-01-01\n\n2023-12-31",
      "rad 1\n\n\nrad 2",
      `${P.y}${P.m}${P.d}\n${P.n.slice(0, 3)}${(Number(P.n[3]) + 1) % 10}`, // wrong check digit
    ]) {
      expect(cellHoldsIdentityNumber(cell), JSON.stringify(cell)).toBe(false);
    }
  });

  it("a date, a run of white space and four digits is rejected only when the date exists and the check digit holds", () => {
    // 2024-04-30 followed by 1200: the Luhn digit of 240430120 is not 0.
    expect(cellHoldsIdentityNumber("2024-04-30  1200 kr")).toBe(false);
    const amount = `120${checkDigit("240430120")}`;
    expect(cellHoldsIdentityNumber(`2024-04-30  ${amount} kr`)).toBe(true);
    expect(cellHoldsIdentityNumber(`2024-04-30  ${amount[0]} ${amount.slice(1)} kr`)).toBe(false); // grouped
  });

  it("a strict load of an export with a quoted multi-line free-text cell fails and names the cell, never the value", () => {
    const csv = `Personnummer;Insats;Startdatum;Avslutsorsak detalj\n19811218-9876;IPS;2023-01-16;"flytt, ring\n900803\n0489"\n19811218-9876;IPS;2023-01-16;"ring 1990-08-03  0489"\n19811218-9876;IPS;2023-01-16;flytt\n`;
    let err: unknown;
    try {
      loadBytes(participantsSchema, enc.encode(csv), { name: "deltagare.csv", pseudonymKey: KEY, referenceYear: 2024 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoadError);
    const report = (err as LoadError).report;
    expect(report.errors.map((e) => [e.column, e.kind])).toEqual([
      ["Avslutsorsak detalj", "identity-number"],
      ["Avslutsorsak detalj", "identity-number"],
    ]);
    const text = (err as Error).message + JSON.stringify(report);
    expect(text).not.toContain("0489");
    expect(text).not.toContain("900803");
  });

  it("property: any run of 1–4 spaces, tabs, line breaks or no-break spaces between date and serial, and between the parts of a date divided by spaces, is read across", () => {
    const ws = fc.array(fc.constantFrom(" ", "\t", "\n", "\r\n", "\u00a0"), { minLength: 1, maxLength: 4 }).map((a) => a.join(""));
    const wsOrNone = fc.oneof(fc.constant(""), ws);
    const date = fc
      .record({ y: fc.integer({ min: 1800, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), coord: fc.boolean(), serial: fc.integer({ min: 0, max: 999 }) })
      .map(({ y, m, d, coord, serial }) => {
        const dd = p2(d + (coord ? 60 : 0));
        const s3 = String(serial).padStart(3, "0");
        return { y: String(y), m: p2(m), d: dd, n: `${s3}${checkDigit(String(y).slice(2) + p2(m) + dd + s3)}` };
      });
    const form = fc.oneof(
      // An undivided date (8 or 6 digits), a run, the serial; or a dash with runs (or nothing) around it.
      fc.tuple(date, fc.boolean(), ws).map(([p, century, w]) => `${century ? p.y : p.y.slice(2)}${p.m}${p.d}${w}${p.n}`),
      fc.tuple(date, fc.boolean(), wsOrNone, wsOrNone).map(([p, century, a, b]) => `${century ? p.y : p.y.slice(2)}${p.m}${p.d}${a}-${b}${p.n}`),
      // A date divided by dashes, a run, the serial.
      fc.tuple(date, fc.boolean(), ws).map(([p, century, w]) => `${century ? p.y : p.y.slice(2)}-${p.m}-${p.d}${w}${p.n}`),
      fc.tuple(date, fc.boolean(), wsOrNone, wsOrNone).map(([p, century, a, b]) => `${century ? p.y : p.y.slice(2)}-${p.m}-${p.d}${a}-${b}${p.n}`),
      // A date divided by runs of white space, then a dash (with runs or nothing around it): `1990 ⏎08\t03 - 0489`.
      fc.tuple(date, fc.boolean(), ws, ws, wsOrNone, wsOrNone).map(([p, century, w1, w2, a, b]) => `${century ? p.y : p.y.slice(2)}${w1}${p.m}${w2}${p.d}${a}-${b}${p.n}`),
    );
    fc.assert(
      fc.property(form, fc.constantFrom("", "Kontakt ", "ring: ", "(", "tel\n"), fc.constantFrom("", " tack", ".", ")", "\n"), (written, before, after) => {
        expect(cellHoldsIdentityNumber(`${before}${written}${after}`)).toBe(true);
        // And masked in a message, all of it and only it.
        expect(redact(`före ${written} efter`)).toBe(`före ${REDACTED} efter`);
      }),
      { numRuns: 3000, seed: 20240803 },
    );
  });
});

describe("identity numbers across a run of white space: the output scan", () => {
  const date = `${P.y}${P.m}${P.d}`;
  const short = date.slice(2);

  it("finds them in HTML split by <br> (any case, with or without /), &#10;, line breaks and double spaces, and names line and column", () => {
    const cases: [string, string][] = [
      ["<br>", `<p>Kontakt ${short}<br>${P.n}</p>`],
      ["<br/>", `<p>Kontakt ${short}<br/>${P.n}</p>`],
      ["<BR />", `<p>Kontakt ${short}<BR />${P.n}</p>`],
      ['<br class="x">', `<p>Kontakt ${short}<br class="x">${P.n}</p>`],
      ["</br>", `<p>Kontakt ${short}</br>${P.n}</p>`],
      ["space <br> line break", `<p>Kontakt ${short} <br>\n  ${P.n}</p>`],
      ["&#10;", `<p>Kontakt ${short}&#10;${P.n}</p>`],
      ["&#x0A;&#x09;", `<p>Kontakt ${short}&#x0A;&#x09;${P.n}</p>`],
      ["&NewLine;", `<p>Kontakt ${short}&NewLine;${P.n}</p>`],
      ["&nbsp;&nbsp;", `<p>Kontakt ${P.y}-${P.m}-${P.d}&nbsp;&nbsp;${P.n}</p>`],
      ["line break", `<p>Kontakt ${short}\n${P.n}</p>`],
      ["two spaces after a divided date", `<p>Kontakt ${P.y}-${P.m}-${P.d}  ${P.n}</p>`],
      ["space tab", `<p>Kontakt ${date} \t${P.n}</p>`],
      ["spaced dash", `<p>Kontakt ${date}  -  ${P.n}</p>`],
      ["<wbr> after a slash", `<th>Kontakt ${date}/<wbr>${P.n}</th>`],
      ["&numsp;", `<p>Kontakt ${date}&numsp;${P.n}</p>`],
      ["in an SVG text", `<svg><text>Kontakt ${P.y}-${P.m}-${P.d}\n   ${P.n}</text></svg>`],
    ];
    for (const [label, html] of cases) {
      const file = label === "in an SVG text" ? "figures/a.svg" : "index.html";
      const doc = `<!doctype html>\n<main>\n${html}\n</main>\n`;
      const column = html.indexOf("Kontakt ") + "Kontakt ".length + 1;
      expect(scanOutputs(new Map([[file, enc.encode(doc)]])).findings, label).toEqual([{ file, location: { kind: "text", line: 3, column }, coordination: false }]);
      expect(() => assertNoIdentityNumbers(new Map([[file, enc.encode(doc)]])), label).toThrow(IdentityNumberInOutputError);
    }
  });

  it("never joins two table cells or two blocks, whatever white space or <br> stands between them", () => {
    const amount = `120${checkDigit("240430120")}`; // 2024-04-30 and this would be a valid number
    for (const html of [
      `<table><tr><td>${short}</td>\n    <td>${P.n}</td></tr></table>`,
      `<table><tr><td>${short}<br></td><td>${P.n}</td></tr></table>`,
      `<tr><th scope="row">2024-04-30</th>  <td class="num">${amount}</td></tr>`,
      `<p>${short}</p>\n<p>${P.n}</p>`,
      `<li>2024-04-30</li>\n<li>${amount}</li>`,
      `<dt>${date}</dt>  <dd>${P.n}</dd>`,
      `<svg><text x="1">${short}</text>\n<text x="9">${P.n}</text></svg>`,
    ]) {
      expect(scanOutputs(new Map([["index.html", enc.encode(html)]])).findings, html).toEqual([]);
    }
  });

  it("finds one in a quoted multi-line CSV cell, but never joins two records or two TSV fields", () => {
    const amount = `120${checkDigit("240430120")}`;
    const files = new Map([
      // Line 2, column 16: inside the quoted cell "Kontakt …".
      ["tables/a.csv", enc.encode(`\ufeffInsats;Beskrivning\r\nIPS;"Kontakt ${short}\r\n${P.n}";5\r\n`)],
      ["tables/b.csv", enc.encode(`Insats;"Beskrivning ""x""";Antal\nIPS;"ring ${P.y}-${P.m}-${P.d}  ${P.n}";5\n`)],
      // A record ending in a date and the next beginning with four digits: two rows, not one number.
      ["tables/c.csv", enc.encode(`Datum;År\nx;2024-04-30\n${amount};y\n${short}\n${P.n};z\n`)],
      ["tables/d.tsv", enc.encode(`Datum\tAntal\n2024-04-30\t${amount}\n`)],
      ["tables/e.csv", enc.encode(`"a";"2024-04-30"\n"${amount}";"b"\n`)],
    ]);
    expect(scanOutputs(files).findings).toEqual([
      { file: "tables/a.csv", location: { kind: "text", line: 2, column: 14 }, coordination: false },
      { file: "tables/b.csv", location: { kind: "text", line: 2, column: 11 }, coordination: false },
    ]);
  });

  it("reads a text file across its line breaks, and JSON strings each on its own", () => {
    const amount = `120${checkDigit("240430120")}`;
    const files = new Map([
      ["figures/a.txt", enc.encode(`Diagram 1.\n\nKontakt ${short}\n${P.n}.\n`)],
      ["figures.json", enc.encode(JSON.stringify({ note: `Kontakt ${short}\n${P.n}`, other: `x ${P.y}-${P.m}-${P.d}  ${P.n}` }, null, 2))],
      // Two strings are never joined: a date and a four-digit code that would make a valid number.
      ["b.json", enc.encode(JSON.stringify({ rows: [["2024-04-30", amount], [short, P.n]] }, null, 2))],
    ]);
    expect(scanOutputs(files).findings).toEqual([
      { file: "figures/a.txt", location: { kind: "text", line: 3, column: 9 }, coordination: false },
      { file: "figures.json", location: { kind: "text", line: 2, column: 20 }, coordination: false },
      { file: "figures.json", location: { kind: "text", line: 3, column: 15 }, coordination: false },
    ]);
  });

  it("reports a number found in both readings once", () => {
    const scan = scanOutputs(new Map([["a.txt", enc.encode(`rad  ett\n\nring ${date}-${P.n}  och ${short} ${P.n}\n`)]]));
    expect(scan.findings).toEqual([
      { file: "a.txt", location: { kind: "text", line: 3, column: 6 }, coordination: false },
      { file: "a.txt", location: { kind: "text", line: 3, column: 25 }, coordination: false },
    ]);
  });

  it("finds one in an xlsx text cell with a line break, in a PNG-less path, and names them", () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["Insats", "Detalj"],
      ["IPS", `ring ${short}\n${P.n}`],
      ["IPS", "2024-04-30"],
      [`120${checkDigit("240430120")}`, "ok"],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, "Tabell 1");
    const bytes = new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
    const scan = scanOutputs(new Map([["tabeller.xlsx", bytes], [`tables/${P.y}-${P.m}-${P.d}  ${P.n}.csv`, enc.encode("x\n")]]));
    expect(scan.findings).toEqual([
      { file: "tabeller.xlsx", location: { kind: "cell", sheet: 1, cell: "B2" }, coordination: false },
      { file: `tables/${P.y}-${P.m}-${P.d}  ${P.n}.csv`, location: { kind: "path" }, coordination: false },
    ]);
  });
});

describe("identity numbers across a run of white space: messages", () => {
  it("masks each of the review's forms, all of it and only it", () => {
    for (const p of [P, C]) {
      for (const [label, written] of whitespaceForms(p)) {
        expect(redact(`före ${written} efter`), label).toBe(`före ${REDACTED} efter`);
        expect(redact(written), label).toBe(REDACTED);
      }
    }
    // Two on two lines, with text between.
    const text = `rad 1: ${P.y}${P.m}${P.d}\n${P.n}\nrad 2: ${P.y}-${P.m}-${P.d}  ${P.n} slut`;
    expect(redact(text)).toBe(`rad 1: ${REDACTED}\nrad 2: ${REDACTED} slut`);
  });

  it("masks an undivided date and four digits across white space as a shape (as with one space), a divided date only when it is a valid number", () => {
    const wrong = `${P.n.slice(0, 3)}${(Number(P.n[3]) + 1) % 10}`;
    expect(redact(`x ${P.y}${P.m}${P.d}\n${wrong} y`)).toBe(`x ${REDACTED} y`);
    expect(redact(`x ${P.y}${P.m}${P.d} ${wrong} y`)).toBe(`x ${REDACTED} y`);
    // A table of dates and four-digit numbers, two lines of a log: left as they are.
    for (const s of ["2024-04-30  1200 kr", "Datum       Antal\n2023-01-01  1200\n2023-02-01  1300", `x ${P.y}-${P.m}-${P.d}\n${wrong} y`, "2023-01-01\n2023-12-31"]) {
      expect(redact(s), JSON.stringify(s)).toBe(s);
    }
  });

  it("keeps the text as it was when there is nothing to mask", () => {
    for (const s of ["rad 1\r\n\r\nrad 2\t\tslut  ", "Jobb\u00adspår\n  2023-04-30", "a\u2028b\u00a0\u00a0c"]) expect(redact(s)).toBe(s);
  });
});

describe("the collapsed view", () => {
  it("reads every space of Unicode's Zs, tab, line breaks and the line and paragraph separators as white space", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (/^\p{Zs}$/u.test(ch)) expect(isWhitespace(c), c.toString(16)).toBe(true);
    }
    for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029, 0x2800]) expect(isWhitespace(c)).toBe(true);
    for (const c of [0x30, 0x2d, 0x2013, 0x200b, 0x2060, 0xfeff, 0x41]) expect(isWhitespace(c)).toBe(false);
  });

  it("property: collapsedView has the text of collapsedText and maps each character back to itself (a space to the first of its run)", () => {
    const piece = fc.constantFrom("1", "9", "-", "a", "å", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u2028", "\u{1d7cf}");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join("")), (s) => {
        const v = collapsedView(plainView(s));
        expect(v.text).toBe(collapsedText(s));
        expect(v.map.length).toBe(v.text.length + 1);
        expect(v.map[v.text.length]).toBe(s.length);
        expect(/[\s\u2028]{2}|[\t\n\r\u00a0\u2003\u2028]/u.test(v.text)).toBe(false);
        for (let i = 0; i < v.text.length; i++) {
          if (v.text[i] === " ") expect(isWhitespace(s.charCodeAt(v.map[i]))).toBe(true);
          else expect(s[v.map[i]]).toBe(v.text[i]);
          if (i > 0) expect(v.map[i]).toBeGreaterThan(v.map[i - 1]);
        }
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  it("markupView is as it was; renderedMarkupView reads <br> as a space and drops <wbr>, keeping every other tag", () => {
    const html = `<p>a<br>b<BR/>c</br>d<wbr>e<WBR/>f<brx>g<td>h&amp;i</p>`;
    expect(markupView(html).text).toBe(`<p>a<br>b<BR/>c</br>d<wbr>e<WBR/>f<brx>g<td>h&i</p>`);
    const r = renderedMarkupView(html);
    expect(r.text).toBe(`<p>a b c def<brx>g<td>h&i</p>`);
    // Each character maps back to where it is in the file; a <br> to its "<".
    for (let i = 0; i < r.text.length; i++) {
      if (r.text[i] === " ") expect(html[r.map[i]]).toBe("<");
      else if (r.text[i] !== "&") expect(html[r.map[i]]).toBe(r.text[i]);
    }
  });

  it("jsonStringsView collapses within a string when asked, never across two", () => {
    const raw = JSON.stringify({ a: "x  \n y", b: ["2024-04-30 ", " 1234"] });
    expect(jsonStringsView(raw).text).toBe("a\nx  \n y\nb\n2024-04-30 \n 1234\n");
    const v = jsonStringsView(raw, (t) => collapsedView(t));
    expect(v.text).toBe("a\nx y\nb\n2024-04-30 \n 1234\n");
    for (let i = 0; i < v.text.length; i++) if (/[a-z0-9]/.test(v.text[i])) expect(raw[v.map[i]]).toBe(v.text[i]);
  });
});

describe("hex tokens: only real pseudonyms and digests hide digits", () => {
  const d12 = `${P.y}${P.m}${P.d}${P.n}`;
  const d10 = d12.slice(2);

  it("finds a number glued to a name or word made of the letters a–f (the review's Ebba199008030489), in every guard", () => {
    for (const s of [
      `Ebba${d12}`,
      `cafe${d12}`,
      `deadbeef${d12}`,
      `${d12}beef`,
      `ABBA${d10}`,
      `Ebba${P.y}${P.m}${P.d}-${P.n}`,
      `${P.y}-${P.m}-${P.d}-${P.n}Ebba`,
      `p${d12}abcd1`, // p + 17: no pseudonym
      `p${d12}ABCD`, // a pseudonym is lower-case
      `P${d12}abcd`,
      `${"ab".repeat(5)}${d12}`, // 22 hex digits: no digest
    ]) {
      expect(containsIdentityNumber(s), s).toBe(true);
      expect(cellHoldsIdentityNumber(`Deltagare ${s}`), s).toBe(true);
      expect(redact(`x ${s} y`), s).not.toContain(P.n);
      expect(scanOutputs(new Map([["index.html", enc.encode(`<p>${s}</p>`)]])).findings, s).toHaveLength(1);
    }
  });

  it("does not find the digits inside a pseudonym (p + 16 lower-case hex digits) or an MD5, SHA-1, SHA-256 or SHA-512 digest", () => {
    /** `len` hex digits with the 12 digits inside, letters on either side of them. */
    const hexOf = (len: number, upper = false) => {
      const h = "abcdef0123456789".repeat(8).slice(0, len - 12);
      const t = `${h.slice(0, 2)}${d12}${h.slice(2)}`;
      expect(t).toHaveLength(len);
      expect(findIdentityNumbers(t.replace(/[a-f]/g, " "))).toHaveLength(1); // without the letters, found
      return upper ? t.toUpperCase() : t;
    };
    const exempt = [`p${d10}abcdef`, `p${d12}beef`, hexOf(32), hexOf(40), hexOf(64), hexOf(64, true), hexOf(128)];
    for (const s of exempt) {
      expect(containsIdentityNumber(s), s).toBe(false);
      expect(containsIdentityNumberShape(`sha256 ${s}.`), s).toBe(false);
      expect(cellHoldsIdentityNumber(s), s).toBe(false);
      expect(redact(`sha256 ${s}`), s).toBe(`sha256 ${s}`);
    }
    // One character more or less, or letters of both cases: no digest.
    for (const s of [hexOf(64) + "a", hexOf(64).slice(0, 63), hexOf(63), hexOf(65), hexOf(48), `${hexOf(64).slice(0, 14)}C${hexOf(64).slice(15)}`, hexOf(16), hexOf(33)]) {
      expect(containsIdentityNumber(s), s).toBe(true);
    }
  });

  it("the outputs' own hex tokens still pass: figures.json's SHA-256 of the inputs, version folder names, pseudonyms", () => {
    const sha = `3f3f3f${d12}${"ab09".repeat(11)}c2`;
    expect(sha).toHaveLength(64);
    const files = new Map([
      ["figures.json", enc.encode(JSON.stringify({ inputs: [{ file: "deltagare.csv", sha256: sha }] }))],
      [".insatser@4900-956e0a3e83a6/index.html", enc.encode(`<p>Deltagare p${d10}abcdef</p>`)],
    ]);
    expect(scanOutputs(files).findings).toEqual([]);
    expect(findIdentityNumbers(`"sha256": "${sha}"`)).toEqual([]);
  });
});

describe("the output scan reads white space collapsed wherever it can join a number", () => {
  // The scan reads a file a second time collapsed only where collapsing can join something (a run
  // of white space, or a line break, tab or break tag, between digits): that shortcut must never
  // skip a number.
  const run = fc.array(fc.constantFrom(" ", "\t", "\n", "\r\n", "\u00a0", "\u2003"), { minLength: 1, maxLength: 4 }).map((a) => a.join(""));
  const html = (s: string) => `<!DOCTYPE html><html><body><main><p>Kontakt ${s} tack</p><table><tr><td>12</td><td>2023</td></tr></table></main></body></html>\n`;
  const files: [string, (s: string) => string][] = [
    ["a.html", html],
    ["a.svg", (s) => `<svg xmlns="http://www.w3.org/2000/svg"><text x="12" y="34">${s}</text></svg>`],
    ["figures.json", (s) => `${JSON.stringify({ values: [2023, "12"], text: `Kontakt ${s}`, more: ["2024", "5"] }, null, 2)}\n`],
    ["a.txt", (s) => `Rad 1: 2023\n${s}\nRad 3: 12\n`],
    ["a.csv", (s) => `\ufeffA;B\n2023;"${s}"\n12;3\n`],
  ];

  it("property: a number split by a run of white space is found in every kind of text output", () => {
    fc.assert(
      fc.property(run, fc.boolean(), fc.constantFrom(...files), fc.boolean(), (ws, century, [name, make], br) => {
        const date = `${century ? P.y : P.y.slice(2)}${P.m}${P.d}`;
        const between = br && /\.(html|svg)$/.test(name) ? `${ws}<br>` : ws;
        const text = make(`${date}${between}${P.n}`);
        const scan = scanOutputs(new Map([[name, enc.encode(text)]]));
        expect(scan.findings.length, JSON.stringify(text)).toBeGreaterThan(0);
      }),
      { numRuns: 1500, seed: 11 },
    );
  });

  it("and reads nothing twice where white space touches no number", () => {
    for (const [name, make] of files) expect(scanOutputs(new Map([[name, enc.encode(make("ingen"))]])).findings, name).toEqual([]);
  });
});
