/**
 * Scaling check of the metrics (issue 11 §3): time per million rows at 100 000, 1 000 000 and
 * 3 000 000 rows should be flat (linear time).
 *
 *   node --expose-gc --import tsx bench/tasks/metrics-scaling.ts [rows,rows,…] [--repeat N]
 *
 * For each size, the participants export from `bench/gen-participants.ts` (30 % as many persons
 * as rows, cached in $TMPDIR/utfall-bench) is loaded once, untimed. Then the participant metrics
 * run on a fresh table object over the same columns (so nothing read by an earlier run is
 * reused and the column reading is timed too), after four untimed warm-up runs (so V8 has optimised the loops): `programmeOutcomes` by programme and by
 * programme × provider × unit, `participantsByAgeBand`, `participantsByTargetGroup`,
 * `durationSummary`, `goalProgress` and `continuedEmployment`. Prints the median of `--repeat`
 * runs (default 3) per size, ms per million rows, and the ratio of the largest to the smallest
 * per-million time; ends with one `BENCH_RESULT {json}` line. `flat` is true when that ratio is
 * at most 1.5. Never part of the unit tests: timings depend on the machine's load.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { ensureParticipantsFile } from "../gen-participants.ts";
import { BENCH_KEY, emit, gc, MB, peakRssBytes } from "../lib.ts";

const args = process.argv.slice(2);
const repeatAt = args.indexOf("--repeat");
const REPEAT = repeatAt >= 0 ? Number(args.splice(repeatAt, 2)[1]) : 3;
const WARMUP = 4;
const SIZES = (args[0] ?? "100000,1000000,3000000").split(",").map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(REPEAT) || REPEAT < 1) {
  throw new RangeError("usage: metrics-scaling.ts [rows,rows,…] [--repeat N]");
}

const { loadFile } = await import("../../src/schema/load.ts");
const { participantsSchema } = await import("../../src/sources/participants.ts");
const m = await import("../../src/metrics/index.ts");

const PERIOD = { from: "2023-01-01", to: "2023-12-31" };
const REF = "2023-12-31";

/** A new table object over the same stored columns: the metrics' per-table caches start empty. */
function fresh(t: ColumnTable): ColumnTable {
  return aq.table(Object.fromEntries(t.columnNames().map((c) => [c, t.column(c) as unknown as unknown[]])));
}

/** Every participant metric once; returns a checksum so the work cannot be skipped. */
function allMetrics(t: ColumnTable): number {
  let sum = 0;
  const add = (x: ColumnTable) => (sum += x.numRows());
  add(m.programmeOutcomes(t, { ...PERIOD, refDate: REF, by: ["programme"] }));
  add(m.programmeOutcomes(t, { ...PERIOD, refDate: REF, by: ["programme", "provider", "unit"] }));
  add(m.participantsByAgeBand(t, { ...PERIOD, refDate: REF }));
  add(m.participantsByTargetGroup(t, { ...PERIOD, by: ["programme"] }));
  add(m.durationSummary(t, { refDate: REF }));
  add(m.continuedEmployment(t, { ...PERIOD, subsidised: ["resursjobb"] }));
  sum += m.goalProgress(t, { value: 150, ...PERIOD }, { refDate: "2023-09-30" }).covered;
  return sum;
}

interface SizeResult {
  rows: number;
  persons: number;
  msMedian: number;
  msRuns: number[];
  msPerMillion: number;
  checksum: number;
}

const results: SizeResult[] = [];
for (const rows of SIZES) {
  const gen = ensureParticipantsFile({ rows, persons: Math.round(rows * 0.3) });
  const loaded = await loadFile(participantsSchema, gen.path, { pseudonymKey: BENCH_KEY, referenceYear: 2024 });
  const table = loaded.table;
  const runs: number[] = [];
  // untimed runs first: V8 optimises a metric's loops only after a few calls, and a 100 000-row
  // table is too short for that to happen inside the first call (it takes ~4 calls of ~30 ms
  // before programmeOutcomes runs in 5 ms); timed runs then measure the per-row cost
  let checksum = 0;
  for (let w = 0; w < WARMUP; w++) checksum = allMetrics(fresh(table));
  for (let r = 0; r < REPEAT; r++) {
    const t = fresh(table);
    gc();
    const t0 = performance.now();
    checksum = allMetrics(t);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const median = runs[(runs.length - 1) >> 1];
  const res = { rows, persons: gen.persons, msMedian: median, msRuns: runs, msPerMillion: (median / rows) * 1e6, checksum };
  results.push(res);
  process.stderr.write(
    `${String(rows).padStart(9)} rows: ${median.toFixed(0).padStart(6)} ms (runs ${runs.map((x) => x.toFixed(0)).join(", ")}), ` +
      `${res.msPerMillion.toFixed(0)} ms per million rows, peak RSS ${Math.round(peakRssBytes() / MB)} MiB\n`,
  );
  gc();
}

const perMillion = results.map((r) => r.msPerMillion);
const ratio = Math.max(...perMillion) / Math.min(...perMillion);
// growth: per-million time at the largest size over that at the smallest size of at least 1 M rows
// (below that, fixed costs per call of ~5–30 ms weigh on the per-row figure)
const big = results.filter((r) => r.rows >= 1_000_000);
const growth = big.length > 1 ? big[big.length - 1].msPerMillion / big[0].msPerMillion : null;
process.stderr.write(`largest / smallest per-million time: ${ratio.toFixed(2)} (flat when ≤ 1.5)` +
  (growth === null ? "\n" : `; from ${big[0].rows} to ${big[big.length - 1].rows} rows: ${growth.toFixed(2)}\n`));
emit({ sizes: results, ratio, flat: ratio <= 1.5, growth, repeat: REPEAT, warmup: WARMUP });
