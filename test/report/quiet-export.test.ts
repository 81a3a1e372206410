// A "quiet" participants export: taken on 2024-01-05 (its title line says so), its last start or
// end 2023-11-28 because nothing started or ended in December. It covers December all the same:
// the period check counts it as covering through the month of its extraction date, and a later
// period fails naming that date. Without the title line (or with one that states no single real
// date) it fails for December as before; monthly kinds and targets are not extended.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import type { Io } from "../../src/cli/io.ts";
import { encode } from "../../src/read/encoding.ts";
import { InputError } from "../../src/report/input-errors.ts";
import { makeLoader } from "../../src/report/load.ts";
import type { InputRecord } from "../../src/report/types.ts";
import { ROOT, TEST_ENV } from "./helpers.ts";

const TITLE = "Deltagare i arbetsmarknadsinsatser – Exempelby kommun, uttag 2024-01-05";
// The golden fixture's pattern (test/golden/basic/input/deltagare.csv), moved to a year whose
// last start or end is 2023-11-28; five enrolments still run.
const ROWS = [
  "Personnummer;Kön;Insats;Startdatum;Slutdatum;Avslutsorsak",
  "19850412-1230;K;JOBBSP;2023-01-16;2023-03-31;A",
  "19900101-2385;K;JOBBSP;2023-01-16;;",
  "19921224-9875;M;JOBBSP;2023-02-01;2023-06-15;B",
  "19780605-4412;M;JOBBSP;2023-05-02;;",
  "20010315-5560;K;JOBBSP;2023-06-13;2023-09-28;A",
  "19991130-7784;M;JOBBSP;2023-08-01;;",
  "19870722-3346;K;JOBBSP;2023-09-06;;",
  "19950809-1122;M;JOBBSP;2023-10-20;2023-11-28;E",
  "19680417-6656;K;IPS;2023-01-09;;",
  "19730228-9900;K;IPS;2023-01-23;2023-04-03;A",
];
const quiet = (titles: string[] = [TITLE]) => encode([...titles, ...ROWS, ""].join("\r\n"), "windows-1252");

const PAST_THE_END =
  "deltagare.csv täcker 2023-01-09 – 2023-11-28; perioden 2023-12 (2023-01 – 2023-12) går längre än exporten, som saknar uppgifter efter 2023-11-28 " +
  "(period runs past the end of the input's range). Ange en period som exporten täcker med --period, senast 2023-11, eller en datamapp med nyare exporter med --data.";

describe("a quiet export and its extraction date", () => {
  let dir: string;
  let inputs: InputRecord[];
  const loader = (period: string | null) =>
    makeLoader({ dataDir: dir, inputs, log: () => undefined, env: TEST_ENV, referenceYear: 2024, period });
  const failure = async (period: string) => {
    const err = await loader(period).participants().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).problem).toBe("out-of-range");
    return (err as Error).message;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "utfall-quiet-"));
    inputs = [];
    await writeFile(path.join(dir, "deltagare.csv"), quiet());
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("builds for the months up to its extraction date: December, and January of the extraction", async () => {
    for (const period of ["2023-11", "2023-12", "2024-01"]) {
      const p = await loader(period).participants();
      expect(p.report.extractedOn).toBe("2024-01-05");
      expect(p.coverage).toMatchObject({ first: "2023-01-09", last: "2023-11-28", extractedOn: "2024-01-05" });
    }
    // figures.json records it with the range.
    expect(inputs[0].coverage).toEqual({ columns: ["start", "end"], first: "2023-01-09", last: "2023-11-28", extractedOn: "2024-01-05" });
    // The rows of the period are the rows' own business: the five running enrolments count in 2024.
    expect((await loader("2024-01").participants()).coverage).toMatchObject({ rowsInPeriod: 5, rowsInYear: 5 });
  });

  it("fails for a period after the month of its extraction date, naming the date", async () => {
    expect(await failure("2024-02")).toBe(
      "deltagare.csv täcker 2023-01-09 – 2024-01-05 (uttag 2024-01-05, senaste datum i raderna 2023-11-28; extraction date, last date in the rows); " +
        "perioden 2024-02 (2024-01 – 2024-02) går längre än exporten, som saknar uppgifter efter uttaget 2024-01-05 (period runs past the input's extraction date). " +
        "Ange en period som exporten täcker med --period, senast 2024-01, eller en datamapp med nyare exporter med --data.",
    );
    expect(await failure("2025-03")).toBe(
      "deltagare.csv täcker 2023-01-09 – 2024-01-05 (uttag 2024-01-05, senaste datum i raderna 2023-11-28; extraction date, last date in the rows); " +
        "perioden 2025-03 (2025-01 – 2025-03) ligger utanför (period outside the input's range). " +
        "Ange en period som exporten täcker med --period, eller en datamapp med nyare exporter med --data.",
    );
    expect(inputs).toEqual([]);
  });

  it("without the title line it fails for December as before", async () => {
    await writeFile(path.join(dir, "deltagare.csv"), quiet([]));
    expect(await failure("2023-12")).toBe(PAST_THE_END);
    const p = await loader("2023-11").participants();
    expect(p.report.extractedOn).toBeNull();
    expect(p.coverage).not.toHaveProperty("extractedOn");
    expect(inputs[0].coverage).toEqual({ columns: ["start", "end"], first: "2023-01-09", last: "2023-11-28" });
  });

  it("title lines with two different dates, or a date that does not exist, give no extraction date", async () => {
    for (const titles of [[TITLE, "Hämtad 2024-01-08"], ["Deltagare i arbetsmarknadsinsatser – Exempelby kommun, uttag 2023-12-32"], ["Deltagare, uttag 2023-02-30"]]) {
      await writeFile(path.join(dir, "deltagare.csv"), quiet(titles));
      expect(await failure("2023-12")).toBe(PAST_THE_END);
      expect((await loader("2023-11").participants()).report.extractedOn).toBeNull();
    }
  });

  it("an extraction date before the last date of the rows (ends planned ahead) neither widens nor narrows the range", async () => {
    // Taken on 2023-10-31, with an end planned for 2023-11-28: covered through November as before.
    await writeFile(path.join(dir, "deltagare.csv"), quiet(["Deltagare, uttag 2023-10-31"]));
    const p = await loader("2023-11").participants();
    expect(p.report.extractedOn).toBe("2023-10-31");
    expect(p.coverage).toMatchObject({ first: "2023-01-09", last: "2023-11-28" });
    expect(p.coverage).not.toHaveProperty("extractedOn");
    expect(await failure("2023-12")).toBe(PAST_THE_END);
    // Taken on the day of the last date: the same.
    await writeFile(path.join(dir, "deltagare.csv"), quiet(["Deltagare, uttag 2023-11-28"]));
    expect(await failure("2023-12")).toBe(PAST_THE_END);
  });

  it("a monthly export and targets are not extended by their extraction date", async () => {
    await writeFile(path.join(dir, "huvudbok.csv"), encode("Huvudbok 2023, uttag 2024-01-05\r\nPeriod;Ansvar;Verksamhet;Konto;Budget;Utfall\r\n2023-11;4500;adm;5011;800 000,00;769 943,35\r\n", "windows-1252"));
    const ledger = await loader("2023-11").ledger();
    expect(ledger.report.extractedOn).toBe("2024-01-05");
    expect(ledger.coverage).not.toHaveProperty("extractedOn");
    await expect(loader("2023-12").ledger()).rejects.toThrow(/^huvudbok\.csv täcker 2023-11 – 2023-11; perioden 2023-12 .*saknar uppgifter efter 2023-11 /);
    await writeFile(path.join(dir, "mal.csv"), "Mål, uttag 2024-01-05\r\nMål;Mått;Målvärde;Från;Till\r\n150 jobb;anställda;150;2023-01-01;2023-11-30\r\n");
    expect((await loader("2023-11").targets()).report.extractedOn).toBe("2024-01-05");
    await expect(loader("2023-12").targets()).rejects.toThrow(/^mal\.csv täcker 2023-01-01 – 2023-11-30; perioden 2023-12 .*saknar uppgifter efter 2023-11-30 /);
  });
});

describe("utfall build with a quiet export", () => {
  const api = JSON.stringify(path.join(ROOT, "src/report/index.ts"));
  const REPORT = `import { report } from ${api};
export default report({ title: "Tyst export", period: "2023-12" }, async (r) => {
  const p = await r.load.participants();
  r.heading("Deltagare");
  r.text\`Inläst: \${p.report.file}.\`;
});
`;
  let cwd: string;
  let stderr: string[];
  let io: Io;

  beforeEach(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "utfall-quiet-cli-"));
    await mkdir(path.join(cwd, "reports"));
    await mkdir(path.join(cwd, "data/sample"), { recursive: true });
    await writeFile(path.join(cwd, "data/sample/deltagare.csv"), quiet());
    await writeFile(path.join(cwd, "reports/tyst.ts"), REPORT);
    stderr = [];
    io = { stdout: () => undefined, stderr: (s: string) => void stderr.push(s), env: { ...TEST_ENV, SOURCE_DATE_EPOCH: "1704412800" }, cwd };
  });
  afterEach(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("builds December and records the extraction date; February fails naming it; without the title December fails", async () => {
    const code = await runBuild(["tyst"], io);
    expect(stderr.join("")).toBe("");
    expect(code).toBe(0);
    const doc = JSON.parse(await readFile(path.join(cwd, "out/tyst/figures.json"), "utf8"));
    expect(doc.parameters.period).toBe("2023-12");
    expect(doc.inputs[0].coverage).toEqual({ columns: ["start", "end"], first: "2023-01-09", last: "2023-11-28", extractedOn: "2024-01-05" });
    expect(stderr).toEqual([]);
    // The page says so, in its provenance footer: the reader sees what the months rest on.
    expect(await readFile(path.join(cwd, "out/tyst/index.html"), "utf8")).toContain(
      "<dt>Uttag</dt><dd>deltagare.csv: täcker tiden till uttaget 5 januari 2024 enligt titelraden; senaste datum i raderna 28 november 2023</dd>",
    );

    expect(await runBuild(["tyst", "--period", "2024-02", "--out", "ut"], io)).toBe(1);
    expect(stderr.join("")).toContain("Fel: tyst byggdes inte: deltagare.csv täcker 2023-01-09 – 2024-01-05 (uttag 2024-01-05,");
    expect(stderr.join("")).toContain("som saknar uppgifter efter uttaget 2024-01-05 (period runs past the input's extraction date)");
    expect(existsSync(path.join(cwd, "ut/tyst"))).toBe(false);

    stderr = [];
    await writeFile(path.join(cwd, "data/sample/deltagare.csv"), quiet([]));
    expect(await runBuild(["tyst", "--out", "ut"], io)).toBe(1);
    expect(stderr.join("")).toContain(`Fel: tyst byggdes inte: ${PAST_THE_END}`);
  });

  it("refuses an extraction date after the build date, which would let the report show months the export cannot know", async () => {
    // Built on 2024-01-01: an export taken on 2024-01-05 is a title line typed or generated wrong.
    const early = { ...io, env: { ...io.env, SOURCE_DATE_EPOCH: "1704067200" } };
    expect(await runBuild(["tyst"], early)).toBe(1);
    expect(stderr.join("")).toContain(
      "Fel: tyst byggdes inte: deltagare.csv: titelraden anger uttag 2024-01-05, efter byggdatumet 2024-01-01 (the title line's extraction date is after the build date): " +
        "rätta titelraden, eller ta bort den så räknas perioden från datumen i raderna (senast 2023-11-28).",
    );
    expect(existsSync(path.join(cwd, "out/tyst"))).toBe(false);
  });
});
