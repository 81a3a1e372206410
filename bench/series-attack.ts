// An attacker on a series of public builds, from their publication records: for every two months
// of one year, every cell both published (as published: values, marks, hidden and withheld cells)
// and their relations, with each count gathered from January linked across the two months as
// later = earlier + the persons in between (unknown, at least 0). Reports whether any increase of
// 1 … threshold − 1 is narrowed, and whether any small count of either month is.
//
//   npx tsx bench/series-attack.ts <out>/publiceringar [--consecutive] [--all]
//
// Counts taken at one date are left out (their difference is a net change): the metrics' AT_DATE
// and the measures the sample reports declare in `atDate`.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { checkIntervals, type PublishedCell } from "../src/disclosure/attacker.ts";
import { parseRecord, publishedView, unknownCells, type PublicationRecord } from "../src/disclosure/history.ts";
import type { Relation } from "../src/disclosure/model.ts";
import { AT_DATE } from "../src/disclosure/register.ts";

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
  if (!dir) throw new Error("usage: series-attack.ts <out>/publiceringar [--consecutive]");
  const all = await records(dir);
  const threshold = Math.max(...all.map((r) => r.threshold));
  const months = [...new Set(all.map((r) => r.period).filter((p): p is string => p !== null))].sort();
  const small = (v: number) => v > 0 && v < threshold;
  let pairs = 0;
  let increases = 0;
  let narrowed = 0;
  for (let i = 0; i < months.length; i++) {
    for (let j = i + 1; j < months.length; j++) {
      if (months[i].slice(0, 4) !== months[j].slice(0, 4) || (flags.includes("--consecutive") && j !== i + 1)) continue;
      const started = Date.now();
      const cells: PublishedCell[] = [];
      const free = new Set<string>();
      const relations: Relation[] = [];
      const truth = new Map<string, number>();
      for (const month of [months[i], months[j]]) {
        for (const rec of all.filter((r) => r.period === month)) {
          const view = publishedView(rec);
          const unknown = unknownCells(rec);
          view.cells.forEach((c, k) => {
            const id = `${month}#${c.id}`;
            // One count published by two reports of a month is one cell.
            if (truth.has(id)) return;
            truth.set(id, rec.cells[k].value);
            cells.push({ ...c, id, label: `${month} ${rec.report}: ${c.label}` });
            if (unknown.has(c.id)) free.add(id);
          });
          for (const r of view.relations) relations.push({ ...r, total: `${month}#${r.total}`, parts: r.parts.map((p) => `${month}#${p}`) });
        }
      }
      const checked = new Set<string>();
      for (const [id, later] of truth) {
        if (!id.startsWith(`${months[j]}#`)) continue;
        const name = id.slice(id.indexOf("#") + 1);
        const earlier = truth.get(`${months[i]}#${name}`);
        if (earlier === undefined || !gathered(name) || later < earlier) continue;
        const between = `Δ${months[i]}→${id}`;
        cells.push({ id: between, label: `${months[i]}→${months[j]}: ökningen ${name}`, value: null, primary: small(later - earlier) });
        free.add(between);
        relations.push({ total: id, parts: [`${months[i]}#${name}`, between], kind: "eq", why: "ökning" });
        if (small(later - earlier)) checked.add(between);
      }
      // Every small count of both months too, as published.
      for (const c of cells) if (c.primary) checked.add(c.id);
      const { failing } = await checkIntervals({ threshold, cells, relations }, { free, cells: checked });
      pairs++;
      increases += [...checked].filter((id) => id.startsWith("Δ")).length;
      narrowed += failing.length;
      console.log(`${months[i]} → ${months[j]}: ${cells.length} celler, ${relations.length} samband, ${checked.size} små antal och ökningar, ${failing.length} avgränsade (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      for (const f of failing.slice(0, flags.includes("--all") ? failing.length : 10)) console.log(`  ${f.label}: ${f.min}–${f.max}`);
    }
  }
  console.log(`${pairs} par av månader, ${increases} små ökningar, ${narrowed} avgränsade`);
}

await main();
