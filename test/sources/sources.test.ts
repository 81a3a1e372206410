import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadBytes } from "../../src/schema/load.ts";
import type { Schema } from "../../src/schema/types.ts";
import {
  kinds, koladaSchema, ledgerSchema, loadKolada, loadLedger, programmesSchema, assistanceSchema, attendanceSchema,
  forecastsSchema, targetsSchema, staffingSchema, participantsSchema,
} from "../../src/sources/index.ts";
import { bytes, KEY, makePnr } from "../read/helpers.ts";
import { tempDir } from "../temp-dirs.ts";

describe("the registry of kinds", () => {
  it("has one schema per export kind of the data dictionary, keyed by its kind", () => {
    expect(Object.keys(kinds)).toEqual(["participants", "programmes", "ledger", "forecasts", "targets", "staffing", "attendance", "assistance", "kolada", "requestedPlaces"]);
    for (const [k, s] of Object.entries(kinds)) expect((s as Schema).kind).toBe(k);
    expect(kinds.participants.fileName).toBe("deltagare.csv");
    expect(kinds.kolada.fileName).toBe("kolada.csv");
  });

  it("marks every identity-number column personal and required", () => {
    for (const s of Object.values(kinds) as Schema[]) {
      for (const spec of Object.values(s.columns)) if (spec.type === "pnr") expect(spec).toMatchObject({ personal: true, required: true });
    }
  });
});

describe("kolada", () => {
  const text = [
    "Kolada – nyckeltal för Exempelby",
    "kpi,municipality_id,municipality,period,gender,value",
    'U40455,0180,Stockholm,2023,T,"38,2"',
    "U40455,0180,Stockholm,2023,K,..",
    "U40455,0180,Stockholm,2023,M,-",
    "U40800,9999,Exempelby,2022,T,",
    "N40008,9999,Exempelby,2022,T,0",
    "",
  ].join("\n");

  it("keeps municipality ids as text and tells suppressed from missing in status", () => {
    const { columns, report } = loadBytes(koladaSchema, bytes(text), { name: "kolada.csv" });
    expect(report.delimiter).toBe(",");
    expect(report.skippedLines).toEqual([{ line: 1, kind: "title" }]);
    expect(columns.municipalityId).toEqual(["0180", "0180", "0180", "9999", "9999"]);
    expect(Array.from(columns.period)).toEqual([2023, 2023, 2023, 2022, 2022]);
    expect(columns.gender).toEqual(["T", "K", "M", "T", "T"]);
    expect(Array.from(columns.value)).toEqual([38.2, NaN, NaN, NaN, 0]);
    expect(columns.status).toEqual(["ok", "suppressed", "missing", "missing", "ok"]);
    expect(report.derivedColumns).toEqual(["status"]);
  });

  it("loadKolada reads a file", async () => {
    const file = path.join(tempDir("utfall-kolada-"), "kolada.csv");
    fs.writeFileSync(file, text);
    const { table } = await loadKolada(file);
    expect(table.numRows()).toBe(5);
  });

  it("rejects a gender code that is not T, K or M", () => {
    expect(() => loadBytes(koladaSchema, bytes("kpi,municipality_id,period,gender,value\nU1,0180,2023,X,1\n"))).toThrow(/expected one of T, K, M, got "X"/);
  });
});

describe("ledger", () => {
  it("reads months and exact öre amounts from a BOM file with U+00A0 thousands", async () => {
    const text = "\ufeffPeriod;Ansvar;Verksamhet;Konto;Budget;Utfall\r\n2023-04;4510;ekbist;4610;1\u00a0250\u00a0000,00;1\u00a0198\u00a0512,40\r\n2023M05;4510;ekbist;3010;−10\u00a0000;-9\u00a0999,99\r\n";
    const file = path.join(tempDir("utfall-ledger-"), "huvudbok.csv");
    fs.writeFileSync(file, text);
    const { columns, report } = await loadLedger(file);
    expect(report.encoding).toBe("utf-8-bom");
    expect(columns.period).toEqual(["2023-04", "2023-05"]);
    expect(columns.unit).toEqual(["4510", "4510"]);
    expect(columns.account).toEqual(["4610", "3010"]);
    expect(Array.from(columns.budget)).toEqual([125_000_000, -1_000_000]);
    expect(Array.from(columns.outcome)).toEqual([119_851_240, -999_999]);
  });
});

describe("each kind loads a minimal export with its reference headers", () => {
  const P = makePnr("19850412", "123");
  const cases: [Schema, string][] = [
    [participantsSchema, `Personnummer;Kön;Födelseår;Insats;Utförare;Enhet;Beslutsdatum;Startdatum;Slutdatum;Avslutsorsak;Avslutsorsak detalj;Anställningsform;Remitterande myndighet;Funktionsnedsättning;Ekonomiskt bistånd;Utrikesfödd;Akademisk examen;Barn under 18\n${P};K;1985;JOBBSP;AME Egen regi;Arbetsmarknadsenheten;2023-01-09;2023-01-16;2023-06-30;A;flytt;visstid;Arbetsförmedlingen;ja;nej;ja;nej;ja\n`],
    [programmesSchema, "Kod;Namn;Beskrivning;Syfte;Målgrupp;Platser;Utförare;Årskostnad;Giltig från;Giltig till\nJOBBSP;Jobbspåret;;;Unga 18–29 år;60;AME Egen regi;1 694 000;2020-01-01;\n"],
    [ledgerSchema, "Period;Ansvar;Verksamhet;Konto;Budget;Utfall\n2023-04;4510;ekbist;4610;1 250 000,00;1 198 512,40\n"],
    [forecastsSchema, "Prognosmånad;Ansvar;Verksamhet;Konto;Helårsprognos\n2023-04;4510;ekbist;4610;14 100 000\n"],
    [targetsSchema, "Mål;Mått;Målvärde;Från;Till;Insats\n150 jobb;anstallda;150;2023-01-01;2023-12-31;IPS\n"],
    [staffingSchema, "Månad;Enhet;Arbetsspecialister;Aktiva brukare\n2023-04;IPS;23;380\n"],
    [attendanceSchema, `Personnummer;Månad;Insats;Utförare;Schemalagda timmar;Närvarotimmar\n${P};2023-03;JOBBSP;Lärande AB;64;58,5\n`],
    [assistanceSchema, `Personnummer;Kön;Månad;Hushållstyp;Utbetalt belopp\n${P};M;2023-02;Ensamstående med barn;9 870,00\n`],
    [koladaSchema, "kpi,municipality_id,municipality,period,gender,value,count,unweighted_average,kolada_status\nU40455,0180,Stockholm,2023,T,\"38,2\",1,nej,\n"],
  ];
  for (const [schema, text] of cases) {
    it(`${schema.kind}`, () => {
      const { report, table } = loadBytes(schema, bytes(text), { pseudonymKey: KEY, referenceYear: 2024 });
      expect(report.unknownColumns).toEqual([]);
      expect(report.absentColumns).toEqual([]);
      expect(report.rowsAccepted).toBe(1);
      expect(table.columnNames()).toEqual(Object.keys(schema.columns));
      expect(JSON.stringify(table.objects())).not.toContain(P.replace("-", "").slice(2));
    });
  }

  it("spot-checks values of the dictionary examples", () => {
    const t = loadBytes(targetsSchema, bytes(cases[4][1])).columns;
    expect(t.measure).toEqual(["anstallda"]);
    expect(Array.from(t.value)).toEqual([150]);
    const s = loadBytes(staffingSchema, bytes(cases[5][1])).columns;
    expect(Array.from(s.specialists)).toEqual([23]);
    const a = loadBytes(attendanceSchema, bytes(cases[6][1]), { pseudonymKey: KEY }).columns;
    expect(Array.from(a.attendedHours)).toEqual([58.5]);
    const p = loadBytes(programmesSchema, bytes(cases[1][1])).columns;
    expect(Array.from(p.annualCost)).toEqual([169_400_000]);
    expect(p.targetGroup).toEqual(["Unga 18–29 år"]);
    const e = loadBytes(participantsSchema, bytes(cases[0][1]), { pseudonymKey: KEY }).columns;
    expect(e.employmentForm).toEqual(["visstid"]);
    expect(e.gender).toEqual(["K"]); // read from the file (it says K although the number is a man's)
  });

  it("accepts the Swedish names of codes (Avslutsorsak 'arbete', Anställningsform 'lönebidrag')", () => {
    const text = `Personnummer;Insats;Startdatum;Avslutsorsak;Anställningsform\n${P};X;2023-01-01;Arbete;Lönebidrag\n${P};X;2023-01-01;annan myndighet;Välfärdsjobb\n`;
    const c = loadBytes(participantsSchema, bytes(text), { pseudonymKey: KEY }).columns;
    expect(c.endReason).toEqual(["A", "C"]);
    expect(c.employmentForm).toEqual(["lonebidrag", "valfardsjobb"]);
  });
});
