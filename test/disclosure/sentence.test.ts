// A small count quoted in running text is suppressed in the public build exactly like the same
// count in the table, and printed in the internal build (golden case "basic": Praktik has 2
// participants).
import { describe, expect, it } from "vitest";
import { buildCase, text } from "../report/helpers.ts";

const sentence = (html: string) => /I praktiken i kommunen deltog <span class="figure-value" data-figure="deltagare-praktik">(.*?)<\/span> personer\./.exec(html)?.[1];

describe("a small count in a sentence", () => {
  it("is suppressed in the public build, as in the table beside it", async () => {
    const built = await buildCase("basic");
    expect(sentence(text(built.files.get("index.html")))).toBe('<abbr title="dolt för att skydda enskilda personer">..</abbr>');
    const figure = built.figures.figures.find((f) => f.id === "deltagare-praktik")!;
    expect(figure).toMatchObject({ value: null, suppressed: true, shown: ".." });
    // The table shows the same cell, suppressed too.
    const table = built.figures.tables.find((t) => t.name === "deltagare-per-insats")!;
    const row = table.rows.findIndex((r) => r[0] === "Praktik");
    const col = table.columns.findIndex((c) => c.key === "T");
    expect(table.cells![row][col]).toBe(figure.cell);
    expect(table.rows[row][col]).toBeNull();
    expect(text(built.files.get("tables/deltagare-per-insats.csv")).split("\r\n")[row + 1].split(";")[col]).toBe("..");
  });

  it("is printed in the internal build", async () => {
    const built = await buildCase("basic", { public: false });
    expect(sentence(text(built.files.get("index.html")))).toBe("2");
    expect(built.figures.figures.find((f) => f.id === "deltagare-praktik")!.value).toBe(2);
  });
});
