// An attacker on a series of public builds, from their publication records: for every two months
// of one year, every cell both published and their relations, with each count gathered from
// January linked across the two months (src/disclosure/two-months.ts, the attacker a public build
// is audited with). Reports whether any increase of 1 … threshold − 1 is narrowed, and whether
// any small count of either month is.
//
//   npx tsx bench/series-attack.ts <out>/publiceringar [--consecutive] [--all] [--joint]
//
// With --joint, all the months of each year are attacked together instead (each count linked to
// the nearest earlier month that published it, so the months bound each other through the chain):
// edition i of every month together (each month's last where it has fewer).
//
// Counts taken at one date are left out (their difference is a net change): the metrics' AT_DATE
// and the measures the sample reports declare in `atDate` (records do not carry them).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseRecord, type PublicationRecord } from "../src/disclosure/history.ts";
import { AT_DATE } from "../src/disclosure/register.ts";
import { attackMonths, attackTwoMonths, monthEditions } from "../src/disclosure/two-months.ts";

const SAMPLE_AT_DATE = ["tid-i-insats|persons", ...["covered", "employed", "fixedTerm", "internship", "other"].map((m) => `mal-status|${m}`)];

async function records(dir: string): Promise<PublicationRecord[]> {
  const out: PublicationRecord[] = [];
  for (const report of (await readdir(dir)).filter((d) => !d.startsWith(".")).sort()) {
    for (const period of (await readdir(path.join(dir, report))).sort()) {
      for (const file of (await readdir(path.join(dir, report, period))).sort()) {
        out.push(parseRecord(await readFile(path.join(dir, report, period, file), "utf8"), file));
      }
    }
  }
  return out;
}

function gathered(id: string): boolean {
  const [table, measure] = id.split("|");
  return !AT_DATE.includes(measure) && !SAMPLE_AT_DATE.includes(`${table}|${measure}`);
}

async function main() {
  const [dir, ...flags] = process.argv.slice(2);
  if (!dir) throw new Error("usage: series-attack.ts <out>/publiceringar [--consecutive] [--all]");
  const editions = monthEditions(await records(dir));
  const months = [...editions.keys()];
  if (flags.includes("--joint")) {
    for (const year of new Set(months.map((m) => m.slice(0, 4)))) {
      const of = months.filter((m) => m.startsWith(year)).map((m) => editions.get(m)!);
      for (let e = 0; e < Math.max(...of.map((x) => x.length)); e++) {
        const started = Date.now();
        const r = await attackMonths(of.map((x) => x[Math.min(e, x.length - 1)]), gathered);
        console.log(`${r.months.join(", ")} (utgåva ${e + 1}): ${r.cells} celler, ${r.relations} samband, ${r.checked} små antal och ökningar (${r.increases} ökningar), ${r.failing.length} avgränsade (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        for (const f of r.failing.slice(0, flags.includes("--all") ? r.failing.length : 10)) console.log(`  ${f.label}: ${f.min}–${f.max}`);
      }
    }
    return;
  }
  let pairs = 0;
  let increases = 0;
  let narrowed = 0;
  for (let i = 0; i < months.length; i++) {
    for (let j = i + 1; j < months.length; j++) {
      if (months[i].slice(0, 4) !== months[j].slice(0, 4) || (flags.includes("--consecutive") && j !== i + 1)) continue;
      for (const earlier of editions.get(months[i])!) {
        for (const later of editions.get(months[j])!) {
          const started = Date.now();
          const r = await attackTwoMonths(earlier, later, gathered);
          pairs++;
          increases += r.increases;
          narrowed += r.failing.length;
          console.log(`${r.earlier} → ${r.later}: ${r.cells} celler, ${r.relations} samband, ${r.checked} små antal och ökningar, ${r.failing.length} avgränsade (${((Date.now() - started) / 1000).toFixed(1)} s)`);
          for (const f of r.failing.slice(0, flags.includes("--all") ? r.failing.length : 10)) console.log(`  ${f.label}: ${f.min}–${f.max}`);
        }
      }
    }
  }
  console.log(`${pairs} par av månader, ${increases} små ökningar, ${narrowed} avgränsade`);
}

await main();
