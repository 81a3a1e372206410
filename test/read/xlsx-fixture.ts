/** A participants export with a title row, real Excel dates and a bad cell, as .xlsx and as its CSV twin. */
import * as XLSX from "@e965/xlsx";
import { makePnr } from "./helpers.ts";

export const P1 = makePnr("19850412", "123");
export const P2 = makePnr("19920704", "246");
export const P3 = makePnr("20010101", "117");

/** Excel's serial for a UTC calendar day (1900 date system), plus an optional time of day. */
export const serial = (y: number, m: number, d: number, dayFraction = 0) => Date.UTC(y, m - 1, d) / 86_400_000 + 25_569 + dayFraction;
const date = (y: number, m: number, d: number): XLSX.CellObject => ({ t: "n", v: serial(y, m, d), z: "yyyy-mm-dd" });
const num = (v: number): XLSX.CellObject => ({ t: "n", v });

const TITLE = "Deltagare i arbetsmarknadsinsatser, Exempelby kommun";
const HEADER = ["Personnummer", "Insats", "Utförare", "Startdatum", "Slutdatum", "Avslutsorsak", "Funktionsnedsättning", "Antal timmar"];

export type Cell = string | XLSX.CellObject | null;

/** The same export as sheet rows (typed cells) and as the CSV a Swedish Excel saves from it. */
export const ROWS: [Cell[], string][] = [
  [[TITLE], `${TITLE};;;;;;;`],
  [HEADER, HEADER.join(";")],
  [[P1, "JOBBSP", "AME Egen regi", date(2023, 1, 16), date(2023, 6, 30), "A", { t: "b", v: true }, num(12.5)], `${P1};JOBBSP;AME Egen regi;2023-01-16;2023-06-30;A;SANT;12,5`],
  // 18:00 on the start day: still that day, whatever the time zone.
  [[P2, "IPS", "Lärande; AB", { t: "n", v: serial(2023, 2, 1, 0.75), z: "yyyy-mm-dd hh:mm" }, null, null, "nej", num(3)], `${P2};IPS;"Lärande; AB";2023-02-01;;;nej;3`],
  // The bad cell: a text date that does not exist, typed into the sheet as text.
  [[P3, "JOBBSP", "AME", "2023-02-30", null, "övrigt", null, null], `${P3};JOBBSP;AME;2023-02-30;;övrigt;;`],
  [[P1, "IPS", "AME", date(2023, 3, 1), null, "Q", "ja", num(1234.25)], `${P1};IPS;AME;2023-03-01;;Q;ja;1234,25`],
  [["Källa: Procapita, uttag 2023-05-02"], "Källa: Procapita, uttag 2023-05-02;;;;;;;"],
];

export function workbook(sheets: Record<string, Cell[][]>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws: XLSX.WorkSheet = {};
    let width = 0;
    rows.forEach((row, r) => {
      width = Math.max(width, row.length);
      row.forEach((c, col) => {
        if (c === null) return;
        ws[XLSX.utils.encode_cell({ r, c: col })] = typeof c === "string" ? { t: "s", v: c } : c;
      });
    });
    ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: rows.length - 1, c: width - 1 } });
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer);
}

