// The extraction date an export's title lines state (`…, uttag 2024-04-30`): which words and date
// forms are read, and what is never guessed (a date that does not exist, two different dates, a
// period, an identity number).
import { describe, expect, it } from "vitest";
import { datesInTitle, ExtractionDateReader } from "../../src/read/extraction-date.ts";

function dateOf(...titles: string[][]): string | null {
  const r = new ExtractionDateReader();
  for (const t of titles) r.title(t, t.length);
  return r.date;
}

describe("datesInTitle", () => {
  it("reads a date right after one of the words, in any case, with `:` or `den` between", () => {
    const cases: [string, string][] = [
      ["Deltagare i arbetsmarknadsinsatser – Exempelby kommun, uttag 2024-04-30", "2024-04-30"],
      ["Kolada – nyckeltal för Exempelby kommun och jämförelsekommuner, hämtad 2024-03-15", "2024-03-15"],
      ["Deltagare per 2024-04-30", "2024-04-30"],
      ["Uttagsdatum: 2024-01-05", "2024-01-05"],
      ["Data uttagen den 2024-01-05", "2024-01-05"],
      ["UTTAGET 2024-01-05", "2024-01-05"],
      ["Datauttag 2024-01-05 08:13", "2024-01-05"],
      ["Export: 2024-01-05T08:13:00", "2024-01-05"],
      ["Rapport skapad 20240105", "2024-01-05"],
      ["Hämtat den 2024-01-05.", "2024-01-05"],
      ["HÄMTADE 2024-01-05", "2024-01-05"],
      ["Extraherad 2024-01-05", "2024-01-05"],
      ["Utdrag ur Procapita, utdraget 2024-01-05", "2024-01-05"],
      ["Exporterat 2024-01-05", "2024-01-05"],
      // Decomposed ä (a + combining diaeresis), as some Mac tools write it.
      ["ha\u0308mtad 2024-01-05", "2024-01-05"],
    ];
    for (const [title, date] of cases) expect(datesInTitle(title), title).toEqual([date]);
  });

  it("finds nothing without one of the words, a date right after it, or a whole word", () => {
    for (const title of [
      "Deltagare i arbetsmarknadsinsatser – Exempelby kommun",
      "Deltagare 2024-01-05",
      "Deltagare per insats, 2024-01-05",
      "Uttag ur verksamhetssystemet 2024-01-05",
      "Månadsuttag 2024-01-05", // not the word uttag
      "Exporten 2024-01-05",
      "Period: 2023-01 – 2023-04",
      "uttag 2024-01", // a month is no date
      "uttag2024-01-05",
      "uttag 2024-0105", // one dash only
    ]) {
      expect(datesInTitle(title), title).toEqual([]);
    }
  });

  it("passes over a period and an identity number after the word", () => {
    expect(datesInTitle("Deltagare, uttag 2023-01-01 – 2023-12-31")).toEqual([]);
    expect(datesInTitle("Deltagare per 2023-01-01 - 2023-12-31")).toEqual([]);
    expect(datesInTitle("Deltagare per 2023-01-01 t.o.m. 2023-12-31")).toEqual([]);
    expect(datesInTitle("Deltagare per 20230101 till 20231231")).toEqual([]);
    expect(datesInTitle("skapad 19900803-0489")).toEqual([]);
    expect(datesInTitle("skapad 19900803+0489")).toEqual([]);
    expect(datesInTitle("uttag 202401051")).toEqual([]);
  });

  it("gives null for a date that does not exist", () => {
    expect(datesInTitle("uttag 2023-02-30")).toEqual([null]);
    expect(datesInTitle("uttag 2023-13-01")).toEqual([null]);
    expect(datesInTitle("uttag 0000-00-00")).toEqual([null]);
    expect(datesInTitle("uttag 2024-02-29")).toEqual(["2024-02-29"]);
    expect(datesInTitle("uttag 2023-02-29")).toEqual([null]);
  });
});

describe("ExtractionDateReader", () => {
  it("one date stated, also twice or in a workbook row's cells of their own", () => {
    expect(dateOf(["Deltagare – Exempelby kommun, uttag 2024-01-05", "", ""])).toBe("2024-01-05");
    expect(dateOf(["Deltagare, uttag 2024-01-05"], ["Hämtad 2024-01-05"])).toBe("2024-01-05");
    expect(dateOf(["Uttag", "2024-01-05", "", ""])).toBe("2024-01-05");
    expect(dateOf(["Uttag:", " 2024-01-05 "])).toBe("2024-01-05");
  });

  it("none for no title, no date, two different dates or a date that does not exist", () => {
    expect(dateOf()).toBeNull();
    expect(dateOf(["Deltagare – Exempelby kommun"])).toBeNull();
    expect(dateOf(["Deltagare, uttag 2024-01-05"], ["Hämtad 2024-01-06"])).toBeNull();
    expect(dateOf(["Deltagare per 2023-12-31, uttag 2024-01-05"])).toBeNull();
    expect(dateOf(["Deltagare, uttag 2023-02-30"])).toBeNull();
    // An impossible date makes the titles unreadable, also next to a good one.
    expect(dateOf(["Deltagare, uttag 2024-01-05"], ["hämtad 2023-02-30"])).toBeNull();
  });
});
