// The benchmark job in DuckDB (@duckdb/node-api), as an analyst would write it.
//   node bench/peers/duckdb_job.mjs <file>
// DuckDB reads UTF-8 only (its latin-1 rejects 0x80–0x9F, the encodings extension needs a
// download), so the export is first converted with iconv into a temporary file; that time counts.
// Prints the canonical 36-row result (bench/peers/README.md).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const file = process.argv[2];
if (!file) throw new Error("usage: node bench/peers/duckdb_job.mjs <file>");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-peer-duckdb-"));
const utf8 = path.join(dir, "deltagare.csv");
try {
  execFileSync("sh", ["-c", 'iconv -f WINDOWS-1252 -t UTF-8 "$1" > "$2"', "sh", file, utf8]);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  const sql = `
    WITH raw AS (
      SELECT * FROM read_csv('${utf8.replace(/'/g, "''")}', delim = ';', skip = 1, header = true, all_varchar = true, null_padding = true)
      WHERE Insats IS NOT NULL                                       -- drops the footer "Antal rader: N"
    ), p AS (
      SELECT CASE WHEN length(d) = 10 THEN (CASE WHEN 2000 + CAST(substr(d, 1, 2) AS INTEGER) <= 2024 THEN '20' ELSE '19' END) || d ELSE d END AS pid,
             "Kön" AS sex, Insats AS programme, CAST(Startdatum AS DATE) AS s, CAST(Slutdatum AS DATE) AS e,
             CASE lower(trim(Avslutsorsak)) WHEN 'a' THEN 'A' WHEN 'arbete' THEN 'A' WHEN 'b' THEN 'B' WHEN 'studier' THEN 'B'
               WHEN 'c' THEN 'C' WHEN 'annan myndighet' THEN 'C' WHEN 'd' THEN 'D' WHEN 'fullföljt uppdrag' THEN 'D' ELSE 'E' END AS r,
             lower(trim("Anställningsform")) IN ('resursjobb', 'valfardsjobb', 'resurs jobb', 'välfärdsjobb') AS municipal
      FROM (SELECT *, replace(Personnummer, '-', '') AS d FROM raw)
    ), pg AS (
      SELECT pid, CASE WHEN coalesce(bool_or(sex = 'K'), false) AND NOT coalesce(bool_or(sex = 'M'), false) THEN 'K'
                       WHEN coalesce(bool_or(sex = 'M'), false) AND NOT coalesce(bool_or(sex = 'K'), false) THEN 'M' ELSE 'X' END AS gender
      FROM p GROUP BY pid
    ), j AS (
      SELECT p.*, pg.gender, (e BETWEEN DATE '2023-01-01' AND DATE '2023-12-31') AS ended FROM p JOIN pg USING (pid)
    )
    SELECT programme, coalesce(gender, 'T') AS gender,
           count(DISTINCT pid) FILTER (WHERE s <= DATE '2023-12-31' AND (e IS NULL OR e >= DATE '2023-01-01')) AS participants,
           count(*) FILTER (WHERE ended) AS ended,
           count(*) FILTER (WHERE ended AND r = 'A') AS endedA, count(*) FILTER (WHERE ended AND r = 'B') AS endedB,
           count(*) FILTER (WHERE ended AND r = 'C') AS endedC, count(*) FILTER (WHERE ended AND r = 'D') AS endedD,
           count(*) FILTER (WHERE ended AND r = 'E') AS endedE,
           count(*) FILTER (WHERE ended AND (r = 'B' OR (r = 'A' AND NOT coalesce(municipal, false)))) AS workOrStudies
    FROM j GROUP BY GROUPING SETS ((programme, gender), (programme))`;
  const rows = (await con.runAndReadAll(sql)).getRowObjectsJS();
  const GENDERS = ["K", "M", "X", "T"];
  const programmes = [...new Set(rows.map((r) => r.programme))].sort();
  const at = new Map(rows.map((r) => [`${r.programme};${r.gender}`, r]));
  const lines = ["programme;gender;participants;ended;endedA;endedB;endedC;endedD;endedE;workOrStudies;share"];
  for (const prog of programmes) {
    for (const g of GENDERS) {
      const r = at.get(`${prog};${g}`) ?? {};
      const v = ["participants", "ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies"].map((k) => Number(r[k] ?? 0));
      lines.push([prog, g, ...v, v[1] > 0 ? (v[7] / v[1]).toFixed(6) : ""].join(";"));
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
  con.closeSync?.();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
