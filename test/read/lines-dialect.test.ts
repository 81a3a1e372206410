import { describe, expect, it } from "vitest";
import { detectDialect } from "../../src/read/dialect.ts";
import { countPhysicalLines, detectLineBreak } from "../../src/read/lines.ts";

describe("countPhysicalLines", () => {
  it("counts LF and CRLF lines, with and without a final line break", () => {
    expect(countPhysicalLines("")).toBe(0);
    expect(countPhysicalLines("a")).toBe(1);
    expect(countPhysicalLines("a\n")).toBe(1);
    expect(countPhysicalLines("a\r\nb")).toBe(2);
    expect(countPhysicalLines("a\r\nb\r\n")).toBe(2);
    expect(countPhysicalLines("a\n\n")).toBe(2);
    expect(countPhysicalLines("\n")).toBe(1);
    expect(countPhysicalLines("a\rb")).toBe(1);
  });
  it("detects the line break", () => {
    expect(detectLineBreak("a;b\r\nc;d\r\n")).toBe("\r\n");
    expect(detectLineBreak("a;b\nc;d\n")).toBe("\n");
    expect(detectLineBreak("a;b")).toBe("\n");
  });
});

describe("detectDialect", () => {
  it("finds ; with decimal commas in the data, a title line, a footer line and blank lines", () => {
    const text = [
      "Ekonomiskt bistånd, antal biståndsmottagare efter kön, 2023",
      "",
      "Månad;Kön;Antal;Belopp",
      "2023-01;K;12;1 234,50",
      "2023-01;M;10;2 000,25",
      "2023-02;K;11;3,5",
      "",
      "Källa: Socialstyrelsen",
      "",
    ].join("\r\n");
    const d = detectDialect(text);
    expect(d).toEqual({
      delimiter: ";",
      lineBreak: "\r\n",
      headerLine: 3,
      titleLines: [1],
      footerLines: [8],
      blankLines: [2, 7],
    });
  });

  it("finds , in a Kolada download with quoted decimal commas", () => {
    const text = 'Kolada\nkpi,municipality_id,period,gender,value\nU40455,0180,2023,T,"38,2"\nU40455,0180,2023,K,..\n';
    const d = detectDialect(text);
    expect(d.delimiter).toBe(",");
    expect(d.headerLine).toBe(2);
    expect(d.titleLines).toEqual([1]);
    expect(d.lineBreak).toBe("\n");
  });

  it("finds tab, and is not fooled by ; inside quoted fields", () => {
    expect(detectDialect("a\tb\tc\n1\t\"x;y;z\"\t3\n4\t5\t6\n").delimiter).toBe("\t");
    const d = detectDialect('Namn;Beskrivning\nA;"text, med, komman"\nB;"mer, text"\nC;"x, y, z, w"\n');
    expect(d.delimiter).toBe(";");
  });

  it("treats a padded title (Titel;;;) as a title, a padded Summa line as a footer, and a complete Summa row as data", () => {
    const text = "Deltagare 2023;;;\nInsats;Antal;Kvinnor;Män\nJOBBSP;10;6;4\nIPS;5;2;3\nSumma;15;8;7\n";
    const d = detectDialect(text);
    expect(d.headerLine).toBe(2);
    expect(d.titleLines).toEqual([1]);
    // A row with all its fields is data whatever its first word (the loader reports it as a subtotal).
    expect(d.footerLines).toEqual([]);
    expect(detectDialect(text.replace("Summa;15;8;7", "Summa;;;")).footerLines).toEqual([5]);
  });

  it("does not call a short row in the middle of the data a footer", () => {
    const d = detectDialect("a;b;c\n1;2;3\nKälla\n4;5;6\n");
    expect(d.footerLines).toEqual([]);
  });
});
