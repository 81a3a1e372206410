// The benchmark job in nodejs-polars 0.25.2, as an analyst would write it.
//   node bench/peers/polars_job.mjs <file>
// Polars reads UTF-8 only, so the export is first converted with iconv into a temporary file;
// that time counts. Every column is read as text (inferSchemaLength 0), the dates used are parsed.
// Prints the canonical 36-row result (bench/peers/README.md).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pl from "nodejs-polars";

const file = process.argv[2];
if (!file) throw new Error("usage: node bench/peers/polars_job.mjs <file>");
const FROM = Date.UTC(2023, 0, 1) / 86_400_000;
const TO = Date.UTC(2023, 11, 31) / 86_400_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-peer-polars-"));
const utf8 = path.join(dir, "deltagare.csv");
try {
  execFileSync("sh", ["-c", 'iconv -f WINDOWS-1252 -t UTF-8 "$1" > "$2"', "sh", file, utf8]);
  const raw = pl.readCSV(utf8, { sep: ";", skipRows: 1, hasHeader: true, inferSchemaLength: 0, truncateRaggedLines: true });
  const { col, lit, when } = pl;
  const d = col("Personnummer").str.replace("-", "", true);
  const reason = col("Avslutsorsak").str.toLowerCase();
  const form = col("Anställningsform").str.toLowerCase();
  const p = raw
    .lazy()
    .filter(col("Insats").isNotNull()) // drops the footer "Antal rader: N"
    .select(
      when(d.str.lengths().eq(10))
        .then(pl.concatString([when(d.str.slice(0, 2).cast(pl.Int32).add(2000).lessThanEquals(2024)).then(lit("20")).otherwise(lit("19")), d], ""))
        .otherwise(d)
        .alias("pid"),
      col("Kön").alias("sex"),
      col("Insats").alias("programme"),
      col("Startdatum").str.strptime(pl.Date, "%Y-%m-%d").cast(pl.Int32).alias("s"),
      col("Slutdatum").str.strptime(pl.Date, "%Y-%m-%d").cast(pl.Int32).alias("e"),
      when(reason.isIn(["a", "arbete"])).then(lit("A"))
        .when(reason.isIn(["b", "studier"])).then(lit("B"))
        .when(reason.isIn(["c", "annan myndighet"])).then(lit("C"))
        .when(reason.isIn(["d", "fullföljt uppdrag"])).then(lit("D"))
        .otherwise(lit("E")).alias("r"),
      form.isIn(["resursjobb", "valfardsjobb", "resurs jobb", "välfärdsjobb"]).fillNull(false).alias("municipal"),
    )
    .collectSync();
  // A person's gender: K or M when the rows agree, else X (unknown or conflicting).
  const pg = p
    .lazy()
    .groupBy("pid")
    .agg(col("sex").eq(lit("K")).any().alias("k"), col("sex").eq(lit("M")).any().alias("m"))
    .select(col("pid"), when(col("k").and(col("m").not())).then(lit("K")).when(col("m").and(col("k").not())).then(lit("M")).otherwise(lit("X")).alias("gender"));
  const ended = col("e").gtEq(FROM).and(col("e").ltEq(TO)).fillNull(false);
  const overlap = col("s").ltEq(TO).and(col("e").isNull().or(col("e").gtEq(FROM)));
  const j = p.lazy().join(pg, { on: "pid" }).withColumns(ended.alias("ended"), overlap.alias("overlap"));
  const measures = [
    col("pid").filter(col("overlap")).nUnique().cast(pl.Int64).alias("participants"),
    col("ended").cast(pl.Int64).sum().alias("ended"),
    ...["A", "B", "C", "D", "E"].map((r) => col("ended").and(col("r").eq(lit(r))).cast(pl.Int64).sum().alias(`ended${r}`)),
    col("ended").and(col("r").eq(lit("B")).or(col("r").eq(lit("A")).and(col("municipal").not()))).cast(pl.Int64).sum().alias("workOrStudies"),
  ];
  const byGender = j.groupBy(["programme", "gender"]).agg(...measures).collectSync();
  const total = j.groupBy("programme").agg(...measures).collectSync();
  const GENDERS = ["K", "M", "X", "T"];
  const at = new Map();
  for (const r of byGender.toRecords()) at.set(`${r.programme};${r.gender}`, r);
  for (const r of total.toRecords()) at.set(`${r.programme};T`, r);
  const programmes = [...new Set(total.getColumn("programme").toArray())].sort();
  const lines = ["programme;gender;participants;ended;endedA;endedB;endedC;endedD;endedE;workOrStudies;share"];
  for (const prog of programmes) {
    for (const g of GENDERS) {
      const r = at.get(`${prog};${g}`) ?? {};
      const v = ["participants", "ended", "endedA", "endedB", "endedC", "endedD", "endedE", "workOrStudies"].map((k) => Number(r[k] ?? 0));
      lines.push([prog, g, ...v, v[1] > 0 ? (v[7] / v[1]).toFixed(6) : ""].join(";"));
    }
  }
  process.stdout.write(lines.join("\n") + "\n");
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
