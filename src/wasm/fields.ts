// AssemblyScript (compiled by `npm run build:wasm` into src/read/fields-wasm.ts; not TypeScript
// for tsc). The byte kernel of the loader's fast path (issue 11, src/schema/range-fast.ts): split
// a window of records into fields and give every field a raw code, per column, by its bytes.
//
// A raw code numbers the distinct byte strings of one column in order of first appearance, so
// the loader reads each distinct cell once and every repeated cell is a lookup. The kernel knows
// nothing of types, missing markers or quotes: a record with a quote, or with another number of
// fields than the header, stops the window there (the caller reads the range on from that
// record the ordinary way).
//
// Memory (one linear memory, grown as needed): the input window, the output codes, then a bump
// region for the per-column hash tables, the entry list and the byte arena (tables and arena are
// reallocated at twice the size when full; the old ones are abandoned until the next `reset`).

const QUOTE: u8 = 34;
const LF: u8 = 10;
const CR: u8 = 13;

// Column state, 16 bytes a column at colPtr: table pointer, mask, count (distinct values), unused.
let nf: i32 = 0;
let delim: u8 = 59;
let inPtr: usize = 0;
let inCap: usize = 0;
let outPtr: usize = 0;
let outCap: usize = 0;
let colPtr: usize = 0;
let bump: usize = 0;
// Entries, 12 bytes each: column, arena offset, length; one per distinct value, in creation order.
let entPtr: usize = 0;
let entCap: i32 = 0;
let entCount: i32 = 0;
let arenaPtr: usize = 0;
let arenaCap: usize = 0;
let arenaUsed: usize = 0;

function alloc(bytes: usize): usize {
  const at = (bump + 15) & ~(<usize>15);
  bump = at + bytes;
  const need = <i32>((bump + 65535) >>> 16);
  const have = memory.size();
  if (need > have) {
    // Grow by at least a half, so that growing many times costs little.
    const more = max(need - have, have >>> 1);
    if (memory.grow(more) < 0 && memory.grow(need - have) < 0) unreachable();
  }
  return at;
}

/** Start reading a range: `columns` fields per record, split at the byte `delimiter`; windows of at most `windowBytes`. */
export function reset(columns: i32, delimiter: i32, windowBytes: i32): void {
  nf = columns;
  delim = <u8>delimiter;
  bump = (__heap_base + 15) & ~(<usize>15);
  inCap = <usize>windowBytes;
  inPtr = alloc(inCap + 32);
  // A record has at least `columns` bytes (its delimiters and line break).
  outCap = (<usize>windowBytes / <usize>max(columns, 1) + 2) * <usize>columns;
  outPtr = alloc(outCap << 2);
  colPtr = alloc(<usize>columns << 4);
  memory.fill(colPtr, 0, <usize>columns << 4);
  for (let c = 0; c < columns; c++) newTable(c, 256);
  entCap = 4096;
  entPtr = alloc(<usize>entCap * 12);
  entCount = 0;
  arenaCap = 1 << 16;
  arenaPtr = alloc(arenaCap);
  arenaUsed = 0;
}

// A table slot, 32 bytes: the value's hash, its entry + 1 (0 = empty), its length, its column-local
// code, and its first 16 bytes (zero-padded), so that a value of up to 16 bytes is found without
// touching the arena.
const SLOT: usize = 32;

function newTable(c: i32, slots: i32): void {
  const t = alloc(<usize>slots * SLOT);
  memory.fill(t, 0, <usize>slots * SLOT);
  const info = colPtr + (<usize>c << 4);
  store<u32>(info, <u32>t);
  store<i32>(info, slots - 1, 4);
}

/** Where the caller writes a window. */
export function input(): usize {
  return inPtr;
}

/** The codes of the last run: `columns` per record, record after record. */
export function output(): usize {
  return outPtr;
}

export function entries(): usize {
  return entPtr;
}

export function entryCount(): i32 {
  return entCount;
}

export function arena(): usize {
  return arenaPtr;
}

// Where the last run stopped: the offset in the window of the record it did not read, or -1.
let stopAt: i32 = -1;

export function stopped(): i32 {
  return stopAt;
}

@inline function mix(h: u32): u32 {
  h ^= h >>> 16;
  h *= 0x85ebca6b;
  h ^= h >>> 13;
  h *= 0xc2b2ae35;
  return h ^ (h >>> 16);
}

function grow(c: i32): void {
  const info = colPtr + (<usize>c << 4);
  const old = <usize>load<u32>(info);
  const oldSlots = load<i32>(info, 4) + 1;
  newTable(c, oldSlots << 1);
  const t = <usize>load<u32>(info);
  const mask = <u32>load<i32>(info, 4);
  for (let i = 0; i < oldSlots; i++) {
    const from = old + <usize>i * SLOT;
    if (load<i32>(from, 4) === 0) continue;
    let slot = load<u32>(from) & mask;
    while (load<i32>(t + <usize>slot * SLOT, 4) !== 0) slot = (slot + 1) & mask;
    memory.copy(t + <usize>slot * SLOT, from, SLOT);
  }
}

function addEntry(c: i32, s: usize, len: usize): i32 {
  if (entCount === entCap) {
    const e = alloc(<usize>entCap * 24);
    memory.copy(e, entPtr, <usize>entCap * 12);
    entPtr = e;
    entCap <<= 1;
  }
  if (arenaUsed + len > arenaCap) {
    let cap = arenaCap << 1;
    while (arenaUsed + len > cap) cap <<= 1;
    const a = alloc(cap);
    memory.copy(a, arenaPtr, arenaUsed);
    arenaPtr = a;
    arenaCap = cap;
  }
  memory.copy(arenaPtr + arenaUsed, s, len);
  const e = entPtr + <usize>entCount * 12;
  store<i32>(e, c);
  store<i32>(e, <i32>arenaUsed, 4);
  store<i32>(e, <i32>len, 8);
  arenaUsed += len;
  return entCount++;
}

@inline function sameBytes(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(a + i) !== load<u64>(b + i)) return false;
  for (; i < len; i++) if (load<u8>(a + i) !== load<u8>(b + i)) return false;
  return true;
}

/** The first `len` (at most 8) bytes at p, zero-padded. */
@inline function head8(p: usize, len: usize): u64 {
  if (len >= 8) return load<u64>(p);
  if (len === 0) return 0;
  return load<u64>(p) & ((<u64>1 << (<u64>len << 3)) - 1);
}

/** The raw code of bytes s … s + len in column c (a new code on first sight). */
function codeOf(c: i32, s: usize, len: usize): i32 {
  // (Reading up to 16 bytes past a field stays inside memory: see `reset` and `run`.)
  const a = head8(s, len);
  const b = len > 8 ? head8(s + 8, len - 8) : 0;
  let x: u64 = (a * 0x9e3779b97f4a7c15) ^ ((b + <u64>len) * 0xc2b2ae3d27d4eb4f);
  for (let i: usize = 16; i < len; i += 8) x = (x ^ head8(s + i, min(len - i, 8))) * 0x9e3779b97f4a7c15;
  const h = mix(<u32>(x >>> 32) ^ <u32>x);
  let info = colPtr + (<usize>c << 4);
  const count = load<i32>(info, 8);
  if ((count + 1) << 2 > (load<i32>(info, 4) + 1) * 3) {
    grow(c);
    info = colPtr + (<usize>c << 4);
  }
  const t = <usize>load<u32>(info);
  const mask = <u32>load<i32>(info, 4);
  let slot = h & mask;
  for (;;) {
    const at = t + <usize>slot * SLOT;
    const v = load<i32>(at, 4);
    if (v === 0) break;
    if (load<u32>(at) === h && <usize>load<i32>(at, 8) === len && load<u64>(at, 16) === a && load<u64>(at, 24) === b) {
      if (len <= 16) return load<i32>(at, 12);
      const e = entPtr + <usize>(v - 1) * 12;
      if (sameBytes(arenaPtr + <usize>load<i32>(e, 4) + 16, s + 16, len - 16)) return load<i32>(at, 12);
    }
    slot = (slot + 1) & mask;
  }
  const id = addEntry(c, s, len);
  const at = t + <usize>slot * SLOT;
  store<u32>(at, h);
  store<i32>(at, id + 1, 4);
  store<i32>(at, <i32>len, 8);
  store<i32>(at, count, 12);
  store<u64>(at, a, 16);
  store<u64>(at, b, 24);
  store<i32>(info, count + 1, 8);
  return count;
}

/**
 * Read the records of the window's first `len` bytes (whole records; the last one may lack its
 * line break only at the end of the data). Returns the records read, each as `columns` codes at
 * `output()`. A record with a quote or with another number of fields stops the run: the records
 * before it are read, and `stopped()` tells where it starts (else it is -1).
 *
 * The bytes are looked at 16 at a time: a delimiter, LF or quote ends the scan of a block.
 */
export function run(len: i32): i32 {
  const end = inPtr + <usize>len;
  // Zeros after the data: nothing there ends a field (the window has 16 bytes to spare).
  v128.store(end, i64x2.splat(0));
  const columns = nf;
  const vd = i8x16.splat(<i8>delim);
  const vl = i8x16.splat(<i8>LF);
  const vq = i8x16.splat(<i8>QUOTE);
  let out = outPtr;
  let rows = 0;
  let f = 0;
  let s = inPtr;
  let rec = inPtr;
  stopAt = -1;
  for (let blk = inPtr; blk < end; blk += 16) {
    const v = v128.load(blk);
    let m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, vd), i8x16.eq(v, vl)), i8x16.eq(v, vq)));
    while (m !== 0) {
      const at = blk + <usize>ctz(m);
      m &= m - 1;
      const b = load<u8>(at);
      if (b === QUOTE || f >= columns) return stop(rec, rows);
      let e = at;
      if (b === LF && e > s && load<u8>(e - 1) === CR) e--;
      store<i32>(out + (<usize>f << 2), codeOf(f, s, e - s));
      f++;
      s = at + 1;
      if (b === LF) {
        if (f !== columns) return stop(rec, rows);
        out += <usize>columns << 2;
        rows++;
        f = 0;
        rec = s;
      }
    }
  }
  if (s < end || f > 0) {
    // The last record of the data, without a line break ("a;" at the very end has one more,
    // empty field).
    if (f >= columns) return stop(rec, rows);
    store<i32>(out + (<usize>f << 2), codeOf(f, s, end - s));
    f++;
    if (f !== columns) return stop(rec, rows);
    rows++;
  }
  return rows;
}

function stop(rec: usize, rows: i32): i32 {
  stopAt = <i32>(rec - inPtr);
  return rows;
}
