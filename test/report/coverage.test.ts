// Inputs know the time they cover: r.load records each input's first and last month or date,
// fails a report period entirely outside it or running past its last month, an export with no data rows and a missing file with
// a Swedish message naming the file (and its kind), and reads each file once per build.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/report/input-errors.ts";
import { makeLoader, type LoadCache } from "../../src/report/load.ts";
import type { InputRecord } from "../../src/report/types.ts";
import { loadBytes } from "../../src/schema/load.ts";
import { coverageRange, rowsWithin, yearToDateInterval } from "../../src/sources/coverage.ts";
import { participantsCoverage, participantsSchema } from "../../src/sources/participants.ts";

const KEY = { UTFALL_PSEUDONYM_KEY: "utfall-test-key-not-secret" };
const bytes = (s: string) => new TextEncoder().encode(s);

const LEDGER = [
  "Period;Ansvar;Verksamhet;Konto;Budget;Utfall",
  "2023-03;4500;adm;5011;800 000,00;769 943,35",
  "2023-01;4500;adm;5411;258 333,33;257 760,49",
  "2023-12;4510;eb;4711;1 000,00;900,00",
  "",
].join("\r\n");

// Three persons: one enrolment ended 2022-06-30, one running since 2022-11-01, one 2023-02-01 – 2023-03-15.
const PARTICIPANTS = [
  "Personnummer;Kön;Insats;Startdatum;Slutdatum;Avslutsorsak",
  "19850412-1230;K;JOBBSP;2022-01-10;2022-06-30;A",
  "19921224-9875;M;IPS;2022-11-01;;",
  "19900101-2385;K;IPS;2023-02-01;2023-03-15;B",
  "",
].join("\n");

describe("coverage of an export", () => {
  it("is the first and last date of the rows; a running enrolment counts in every later period", () => {
    const loaded = loadBytes(participantsSchema, bytes(PARTICIPANTS), { pseudonymKey: new Uint8Array(16) });
    const columns = loaded.columns as unknown as Record<string, ArrayLike<unknown>>;
    expect(coverageRange(participantsCoverage, columns, 3)).toEqual({ columns: ["start", "end"], first: "2022-01-10", last: "2023-03-15" });
    expect(rowsWithin(participantsCoverage, columns, 3, yearToDateInterval("2022-04"))).toBe(1);
    expect(rowsWithin(participantsCoverage, columns, 3, yearToDateInterval("2022-12"))).toBe(2);
    expect(rowsWithin(participantsCoverage, columns, 3, yearToDateInterval("2023-01"))).toBe(1); // the running one
    expect(rowsWithin(participantsCoverage, columns, 3, yearToDateInterval("2023-02"))).toBe(2);
    expect(rowsWithin(participantsCoverage, columns, 3, yearToDateInterval("2025-06"))).toBe(1);
  });
});

describe("r.load and the time an input covers", () => {
  let dir: string;
  let log: string[];
  let inputs: InputRecord[];
  const loader = (period: string | null, cache?: LoadCache) =>
    makeLoader({ dataDir: dir, inputs, log: (l) => void log.push(l), env: KEY, referenceYear: 2023, period, cache });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "utfall-coverage-"));
    log = [];
    inputs = [];
    await writeFile(path.join(dir, "huvudbok.csv"), LEDGER);
    await writeFile(path.join(dir, "deltagare.csv"), PARTICIPANTS);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("records the range in the provenance and counts the rows of the period and of its year", async () => {
    const ledger = await loader("2023-02").ledger();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ name: "huvudbok.csv", kind: "ledger", rowsRead: 3, coverage: { columns: ["period"], first: "2023-01", last: "2023-12" } });
    expect(ledger.coverage).toEqual({ columns: ["period"], first: "2023-01", last: "2023-12", rowsInPeriod: 1, rowsInYear: 3 });
    const p = await loader("2023-02").participants();
    expect(p.coverage).toMatchObject({ first: "2022-01-10", last: "2023-03-15", rowsInPeriod: 2, rowsInYear: 2 });
    expect(inputs[1].coverage).toEqual({ columns: ["start", "end"], first: "2022-01-10", last: "2023-03-15" });
  });

  it("counts no rows for a period inside the range that the file has no rows for", async () => {
    await writeFile(path.join(dir, "huvudbok.csv"), LEDGER.replace("2023-03;", "2022-03;").replace("2023-01;", "2022-01;").replace("2023-12;", "2024-12;"));
    const ledger = await loader("2023-04").ledger();
    expect(ledger.coverage).toMatchObject({ first: "2022-01", last: "2024-12", rowsInPeriod: 0, rowsInYear: 0 });
  });

  it("fails a period entirely outside an input's range, naming the input and its range", async () => {
    const err = await loader("2025-06").ledger().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problem).toBe("out-of-range");
    expect((err as Error).message).toBe(
      "huvudbok.csv täcker 2023-01 – 2023-12; perioden 2025-06 (2025-01 – 2025-06) ligger utanför (period outside the input's range). " +
        "Ange en period som exporten täcker med --period, eller en datamapp med nyare exporter med --data.",
    );
    const early = await loader("2022-01").ledger().catch((e: unknown) => e);
    expect((early as Error).message).toMatch(/^huvudbok\.csv täcker 2023-01 – 2023-12; perioden 2022-01 ligger utanför/);
    // A period that overlaps the range by one month is inside it.
    await expect(loader("2024-01").ledger()).rejects.toThrow(/perioden 2024-01 ligger utanför/);
    expect((await loader("2023-01").ledger()).coverage?.rowsInPeriod).toBe(1);
  });

  it("fails a period that runs past the end of an input's range; its last month, even in part, still builds", async () => {
    // Enrolment data through 2023-04-28 (an export taken before the end of April).
    await writeFile(path.join(dir, "deltagare.csv"), PARTICIPANTS.replace("2023-03-15", "2023-04-28"));
    for (const period of ["2023-03", "2023-04"]) {
      expect((await loader(period).participants()).coverage).toMatchObject({ first: "2022-01-10", last: "2023-04-28" });
    }
    const err = await loader("2023-05").participants().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problem).toBe("out-of-range");
    expect((err as InputError).input).toBe("deltagare.csv");
    expect((err as Error).message).toBe(
      "deltagare.csv täcker 2022-01-10 – 2023-04-28; perioden 2023-05 (2023-01 – 2023-05) går längre än exporten, som saknar uppgifter efter 2023-04-28 " +
        "(period runs past the end of the input's range). Ange en period som exporten täcker med --period, senast 2023-04, eller en datamapp med nyare exporter med --data.",
    );
    expect((err as Error).message).not.toContain(dir);
    await expect(loader("2023-12").participants()).rejects.toThrow(/^deltagare\.csv täcker 2022-01-10 – 2023-04-28; perioden 2023-12 \(2023-01 – 2023-12\) går längre än exporten/);
    // Through the last day of a month: that month builds, the next one fails.
    await writeFile(path.join(dir, "deltagare.csv"), PARTICIPANTS.replace("2023-03-15", "2023-04-30"));
    expect((await loader("2023-04").participants()).coverage?.last).toBe("2023-04-30");
    await expect(loader("2023-05").participants()).rejects.toThrow(/saknar uppgifter efter 2023-04-30 .*senast 2023-04,/);
    // Only the loads that passed are recorded (once per file read).
    expect(inputs).toMatchObject([{ name: "deltagare.csv", coverage: { last: "2023-04-28" } }, { name: "deltagare.csv", coverage: { last: "2023-04-30" } }]);
  });

  it("a monthly input: the period may end in its last month, not after it", async () => {
    // A ledger with rows for January – March 2023 (budget and outcome posted so far).
    await writeFile(path.join(dir, "huvudbok.csv"), LEDGER.replace("2023-12;", "2023-02;"));
    expect((await loader("2023-03").ledger()).coverage).toMatchObject({ first: "2023-01", last: "2023-03", rowsInPeriod: 3 });
    const err = await loader("2023-04").ledger().catch((e: unknown) => e);
    expect((err as InputError).problem).toBe("out-of-range");
    expect((err as Error).message).toBe(
      "huvudbok.csv täcker 2023-01 – 2023-03; perioden 2023-04 (2023-01 – 2023-04) går längre än exporten, som saknar uppgifter efter 2023-03 " +
        "(period runs past the end of the input's range). Ange en period som exporten täcker med --period, senast 2023-03, eller en datamapp med nyare exporter med --data.",
    );
  });

  it("a yearly input covers every month of its last year", async () => {
    await writeFile(path.join(dir, "efterfragade-platser.csv"), "Förvaltning;Typ av plats;År;Efterfrågade platser;Kommentar\r\nStadsledningskontoret;Praktik;2022;20;\r\nStadsledningskontoret;Praktik;2023;4;\r\n");
    for (const period of ["2023-01", "2023-06", "2023-12"]) {
      expect((await loader(period).requestedPlaces()).coverage).toMatchObject({ first: "2022", last: "2023", rowsInPeriod: 1 });
    }
    await expect(loader("2024-01").requestedPlaces()).rejects.toThrow(/^efterfragade-platser\.csv täcker 2022 – 2023; perioden 2024-01 ligger utanför/);
  });

  it("does not check inputs whose kind asks for no period check (forecasts are made during the year)", async () => {
    await writeFile(path.join(dir, "prognos.csv"), "Prognosmånad;Ansvar;Verksamhet;Konto;Helårsprognos\r\n2023-02;4500;adm;5011;9 600 000\r\n");
    expect((await loader("2023-12").forecasts()).coverage).toMatchObject({ first: "2023-02", last: "2023-02", rowsInPeriod: 1 });
  });

  it("does not check Kolada's yearly figures against the period (reports compare an earlier year)", async () => {
    await writeFile(path.join(dir, "kolada.csv"), "kpi;municipality_id;municipality;period;gender;value\r\nU40455;9999;Exempelby;2020;T;41,5\r\n");
    const k = await loader("2025-06").kolada();
    expect(k.coverage).toMatchObject({ columns: ["period"], first: "2020", last: "2020", rowsInPeriod: 0 });
  });

  it("a header-only participants export fails with a Swedish message, not a JavaScript error", async () => {
    await writeFile(path.join(dir, "deltagare.csv"), "Personnummer;Kön;Insats;Startdatum;Slutdatum;Avslutsorsak\r\n");
    const err = await loader("2023-04").participants().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problem).toBe("empty");
    expect((err as Error).message).toBe(
      "deltagare.csv innehåller inga datarader, bara rubrikraden (the export has no data rows): exporten Deltagare (insatser per person) (participants) behövs för rapporten. Kontrollera uttaget.",
    );
  });

  it("an export whose every row is quarantined fails as empty too", async () => {
    await writeFile(path.join(dir, "deltagare.csv"), PARTICIPANTS.replace(/;2022-01-10;|;2022-11-01;|;2023-02-01;/g, ";inget datum;"));
    const err = await loader("2023-04").participants(undefined, { mode: "lenient" }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^deltagare\.csv: alla 3 rader lades i karantän, inga rader återstår \(all rows quarantined\)/);
  });

  it("a missing export fails naming the expected file name and kind, never with ENOENT or a path", async () => {
    await rm(path.join(dir, "huvudbok.csv"));
    const err = await loader("2023-04").ledger().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(
      "huvudbok.csv saknas i datamappen (file not found): rapporten läser exporten Huvudbok (budget och utfall per månad) (ledger) från en fil med det namnet. Lägg exporten där, eller ange rätt mapp med --data.",
    );
    expect((err as Error).message).not.toContain(dir);
    const named = await loader("2023-04").participants("deltagare-2023.csv").catch((e: unknown) => e);
    expect((named as Error).message).toMatch(/^deltagare-2023\.csv saknas i datamappen \(file not found\): rapporten läser exporten Deltagare/);
  });

  it("a folder in the export's place cannot be read, and says so", async () => {
    await rm(path.join(dir, "huvudbok.csv"));
    await mkdir(path.join(dir, "huvudbok.csv"));
    const err = await loader("2023-04").ledger().catch((e: unknown) => e);
    expect((err as InputError).problem).toBe("unreadable");
    expect((err as Error).message).toBe("huvudbok.csv i datamappen kan inte läsas (cannot be read: EISDIR). Kontrollera att det är en fil och att den får läsas.");
  });

  it("reads a file once per build: a second run of the body with the same cache neither re-reads nor records it twice", async () => {
    const cache: LoadCache = new Map();
    const first = await loader("2023-04", cache).ledger();
    // The file changes on disk between the passes; the build keeps what it read.
    await writeFile(path.join(dir, "huvudbok.csv"), LEDGER.replace("800 000,00", "1,00"));
    const again = await loader("2023-04", cache).ledger();
    expect(again).toBe(first);
    expect(inputs).toHaveLength(1);
    expect(log.filter((l) => l.includes("huvudbok.csv"))).toHaveLength(1);
    // A second pass with its own inputs list gets its own record of the same file.
    const second: InputRecord[] = [];
    await makeLoader({ dataDir: dir, inputs: second, log: () => undefined, env: KEY, referenceYear: 2023, period: "2023-04", cache }).ledger();
    expect(second).toEqual(inputs);
    // Without a shared cache the changed file is read again.
    const fresh = await loader("2023-04").ledger();
    expect(fresh.report.sha256).not.toBe(first.report.sha256);
  });

  it("refuses a file outside the data folder in words", async () => {
    for (const name of ["../huvudbok.csv", path.join(dir, "huvudbok.csv"), ""]) {
      await expect(loader("2023-04").ledger(name)).rejects.toThrow(`r.load: ${JSON.stringify(name)} ska vara ett filnamn i datamappen (must be a file name inside the data folder)`);
    }
    expect(inputs).toEqual([]);
  });

  it("without a period records the range and checks nothing", async () => {
    const ledger = await loader(null).ledger();
    expect(ledger.coverage).toEqual({ columns: ["period"], first: "2023-01", last: "2023-12", rowsInPeriod: null, rowsInYear: null });
  });
});
