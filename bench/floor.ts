/**
 * `npx tsx bench/floor.ts`: what the first steps of any CSV loader written in JavaScript cost on
 * these machines, on the 1 000 000-row export of bench:peers (134 MiB, Windows-1252), so the
 * loader's CPU (BENCHMARKS.md) can be read against a floor. One thread, the text decoded once
 * as Latin-1 (the cheapest decoding there is), each step the median of five runs after a warm-up:
 *
 * 1. the bounds of every field (18 million) found with `indexOf`, nothing made of them;
 * 2. utfall's tokenizer (src/read/tokenizer.ts): one string per field, handed to a callback that
 *    does nothing;
 * 3. as 2, and the eight text columns interned in a `Map` each (value → code), as the builders do;
 * 4. as 1, and the same eight columns interned on the text positions, without a string per field:
 *    an open-addressing table hashed and compared character by character (what "parsing on
 *    positions" would do instead of 3).
 *
 * Steps 3 and 4 tell whether parsing on text positions instead of field strings would pay.
 */
import fs from "node:fs";
import { tokenize } from "../src/read/tokenizer.ts";
import { ensureParticipantsFile } from "./gen-participants.ts";

const { path: file } = ensureParticipantsFile({ rows: 1_000_000, persons: 300_000 });
const bytes = fs.readFileSync(file);
const text = bytes.toString("latin1");
/** The text columns of the export (Kön, Insats, Utförare, Enhet, Avslutsorsak, its detail, Anställningsform, Remitterande myndighet). */
const TEXT_COLUMNS = [1, 3, 4, 5, 9, 10, 11, 12];
const FIELDS = 18;

function median(run: () => number): { ms: number; check: number } {
  run();
  const times: number[] = [];
  let check = 0;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    check = run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2], check };
}

/** Calls `row(starts, ends, count)` with each line's field bounds. */
function eachLine(row: (starts: Int32Array, ends: Int32Array, count: number) => void): void {
  const starts = new Int32Array(64);
  const ends = new Int32Array(64);
  const n = text.length;
  for (let pos = 0; pos < n; ) {
    let lf = text.indexOf("\n", pos);
    if (lf === -1) lf = n;
    const end = lf > pos && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    let f = 0;
    for (let s = pos; ; ) {
      let d = text.indexOf(";", s);
      if (d === -1 || d > end) d = end;
      if (f < 64) {
        starts[f] = s;
        ends[f] = d;
      }
      f++;
      if (d === end) break;
      s = d + 1;
    }
    row(starts, ends, f);
    pos = lf + 1;
  }
}

/** Value → code over text positions: FNV-1a over the characters, compared character by character. */
class PositionInterner {
  private readonly values: string[] = [];
  private slots = new Int32Array(1 << 10).fill(-1);
  private hashes = new Int32Array(1 << 10);

  code(s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    const mask = this.slots.length - 1;
    let j = h & mask;
    for (;;) {
      const k = this.slots[j];
      if (k === -1) break;
      if (this.hashes[j] === h && this.equal(this.values[k], s, e)) return k;
      j = (j + 1) & mask;
    }
    const k = this.values.push(text.slice(s, e)) - 1;
    this.slots[j] = k;
    this.hashes[j] = h;
    if (this.values.length * 2 > this.slots.length) this.grow();
    return k;
  }

  private equal(v: string, s: number, e: number): boolean {
    if (v.length !== e - s) return false;
    for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) !== text.charCodeAt(s + i)) return false;
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const hashes = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let j = 0; j < this.slots.length; j++) {
      const k = this.slots[j];
      if (k === -1) continue;
      let i = this.hashes[j] & mask;
      while (slots[i] !== -1) i = (i + 1) & mask;
      slots[i] = k;
      hashes[i] = this.hashes[j];
    }
    this.slots = slots;
    this.hashes = hashes;
  }
}

const steps: [string, () => number][] = [
  ["1. field bounds (indexOf), nothing made", () => {
    let fields = 0;
    eachLine((_s, _e, count) => void (fields += count));
    return fields;
  }],
  ["2. utfall's tokenizer, a string per field", () => {
    let fields = 0;
    tokenize(text, { delimiter: ";" }, (rec) => void (fields += rec.count));
    return fields;
  }],
  ["3. as 2, 8 text columns interned (Map)", () => {
    const maps = TEXT_COLUMNS.map(() => new Map<string, number>());
    let sum = 0;
    tokenize(text, { delimiter: ";" }, (rec) => {
      if (rec.count !== FIELDS) return;
      for (let c = 0; c < TEXT_COLUMNS.length; c++) {
        const m = maps[c];
        const v = rec.fields[TEXT_COLUMNS[c]];
        let k = m.get(v);
        if (k === undefined) m.set(v, (k = m.size));
        sum += k;
      }
    });
    return sum;
  }],
  ["4. as 1, 8 text columns interned on positions", () => {
    const interners = TEXT_COLUMNS.map(() => new PositionInterner());
    let sum = 0;
    eachLine((starts, ends, count) => {
      if (count !== FIELDS) return;
      for (let c = 0; c < TEXT_COLUMNS.length; c++) sum += interners[c].code(starts[TEXT_COLUMNS[c]], ends[TEXT_COLUMNS[c]]);
    });
    return sum;
  }],
];

console.log(`bench/floor.ts: ${file} (${(bytes.length / 2 ** 20).toFixed(0)} MiB), one thread, median of 5\n`);
console.log("| step | ms | check |\n| --- | --- | --- |");
for (const [name, run] of steps) {
  const { ms, check } = median(run);
  console.log(`| ${name} | ${ms.toFixed(0)} | ${check} |`);
}
