// AssemblyScript (compiled by `npm run build:wasm` into src/read/hmac-wasm.ts; not TypeScript for
// tsc). HMAC-SHA256 of many 12-digit identity numbers at once, four in the lanes of 128-bit
// vectors (issue 11): `keyed()` makes the keyed inner and outer SHA-256 states from the key's
// two 64-byte pads (written at `pads()` as big-endian words), then `run(n)` hashes the n
// messages at `messages()` (three big-endian words of ASCII digits each) and writes the first
// 64 bits of each HMAC to `digests()` (two words each).
// Each message fits one padded block after the key pad, so an HMAC is two compressions
// (FIPS 180-4, RFC 2104); src/read/pseudonym.ts checks the result against node:crypto.

const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const IV: StaticArray<u32> = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// Memory after the heap base: the two states (16 words), the schedule (64 vectors), the digest
// of the inner hash (8 vectors), the initial value (8 words) and the key pads (32 words), then
// messages and digests for `capacity` numbers (rounded up to 4).
let statePtr: usize = 0;
let ivPtr: usize = 0;
let padsPtr: usize = 0;
let wPtr: usize = 0;
let innerPtr: usize = 0;
let msgPtr: usize = 0;
let outPtr: usize = 0;

/** Make room for `capacity` numbers a run. */
export function setup(capacity: i32): void {
  const cap = <usize>((capacity + 3) & ~3);
  statePtr = (__heap_base + 15) & ~(<usize>15);
  wPtr = statePtr + 64;
  innerPtr = wPtr + 64 * 16;
  ivPtr = innerPtr + 8 * 16;
  padsPtr = ivPtr + 32;
  msgPtr = padsPtr + 128;
  outPtr = msgPtr + cap * 12;
  const end = outPtr + cap * 8;
  const need = <i32>((end + 65535) >>> 16) - memory.size();
  if (need > 0 && memory.grow(need) < 0) unreachable();
}

export function pads(): usize {
  return padsPtr;
}

/** The inner and outer states from the pads at `pads()` (inner first): one compression each, in two lanes. */
export function keyed(): void {
  for (let i = 0; i < 8; i++) store<u32>(ivPtr + (<usize>i << 2), unchecked(IV[i]));
  for (let k = 0; k < 16; k++) {
    let v = i32x4.splat(load<i32>(padsPtr + (<usize>k << 2)));
    v = i32x4.replace_lane(v, 1, load<i32>(padsPtr + 64 + (<usize>k << 2)));
    setW(k, v);
  }
  compress(ivPtr, innerPtr);
  for (let i = 0; i < 8; i++) {
    const h = v128.load(innerPtr + (<usize>i << 4));
    store<i32>(statePtr + (<usize>i << 2), i32x4.extract_lane(h, 0));
    store<i32>(statePtr + 32 + (<usize>i << 2), i32x4.extract_lane(h, 1));
  }
}

export function messages(): usize {
  return msgPtr;
}

export function digests(): usize {
  return outPtr;
}

@inline function rotr(x: v128, n: i32): v128 {
  return v128.or(i32x4.shr_u(x, n), i32x4.shl(x, 32 - n));
}

@inline function w(t: i32): v128 {
  return v128.load(wPtr + (<usize>t << 4));
}

@inline function setW(t: i32, v: v128): void {
  v128.store(wPtr + (<usize>t << 4), v);
}

/** Compress the schedule's block from the state at `st` (the same for every lane); the result to `to` (8 vectors). */
function compress(st: usize, to: usize): void {
  for (let t = 16; t < 64; t++) {
    const x = w(t - 15);
    const y = w(t - 2);
    const s0 = v128.xor(v128.xor(rotr(x, 7), rotr(x, 18)), i32x4.shr_u(x, 3));
    const s1 = v128.xor(v128.xor(rotr(y, 17), rotr(y, 19)), i32x4.shr_u(y, 10));
    setW(t, i32x4.add(i32x4.add(w(t - 16), s0), i32x4.add(w(t - 7), s1)));
  }
  const i0 = i32x4.splat(load<i32>(st)), i1 = i32x4.splat(load<i32>(st, 4));
  const i2 = i32x4.splat(load<i32>(st, 8)), i3 = i32x4.splat(load<i32>(st, 12));
  const i4 = i32x4.splat(load<i32>(st, 16)), i5 = i32x4.splat(load<i32>(st, 20));
  const i6 = i32x4.splat(load<i32>(st, 24)), i7 = i32x4.splat(load<i32>(st, 28));
  let a = i0, b = i1, c = i2, d = i3, e = i4, f = i5, g = i6, h = i7;
  for (let t = 0; t < 64; t++) {
    const S1 = v128.xor(v128.xor(rotr(e, 6), rotr(e, 11)), rotr(e, 25));
    const ch = v128.xor(v128.and(e, f), v128.andnot(g, e));
    const t1 = i32x4.add(i32x4.add(i32x4.add(h, S1), i32x4.add(ch, i32x4.splat(<i32>unchecked(K[t])))), w(t));
    const S0 = v128.xor(v128.xor(rotr(a, 2), rotr(a, 13)), rotr(a, 22));
    const maj = v128.xor(v128.xor(v128.and(a, b), v128.and(a, c)), v128.and(b, c));
    const t2 = i32x4.add(S0, maj);
    h = g;
    g = f;
    f = e;
    e = i32x4.add(d, t1);
    d = c;
    c = b;
    b = a;
    a = i32x4.add(t1, t2);
  }
  v128.store(to, i32x4.add(i0, a));
  v128.store(to, i32x4.add(i1, b), 16);
  v128.store(to, i32x4.add(i2, c), 32);
  v128.store(to, i32x4.add(i3, d), 48);
  v128.store(to, i32x4.add(i4, e), 64);
  v128.store(to, i32x4.add(i5, f), 80);
  v128.store(to, i32x4.add(i6, g), 96);
  v128.store(to, i32x4.add(i7, h), 112);
}

/** HMAC the first n messages (four at a time; the last group's spare lanes hash whatever is there). */
export function run(n: i32): void {
  const zero = i32x4.splat(0);
  for (let at = 0; at < n; at += 4) {
    const m = msgPtr + <usize>at * 12;
    // Inner block: the 12 digits, the 0x80 pad, zeros, the length in bits after the 64-byte key pad.
    for (let k = 0; k < 3; k++) {
      const p = m + (<usize>k << 2);
      let v = i32x4.splat(load<i32>(p));
      v = i32x4.replace_lane(v, 1, load<i32>(p, 12));
      v = i32x4.replace_lane(v, 2, load<i32>(p, 24));
      v = i32x4.replace_lane(v, 3, load<i32>(p, 36));
      setW(k, v);
    }
    setW(3, i32x4.splat(0x80000000));
    for (let k = 4; k < 15; k++) setW(k, zero);
    setW(15, i32x4.splat((64 + 12) * 8));
    compress(statePtr, innerPtr);
    // Outer block: the inner digest, the pad, the length.
    for (let k = 0; k < 8; k++) setW(k, v128.load(innerPtr + (<usize>k << 4)));
    setW(8, i32x4.splat(0x80000000));
    for (let k = 9; k < 15; k++) setW(k, zero);
    setW(15, i32x4.splat((64 + 32) * 8));
    compress(statePtr + 32, innerPtr);
    // The first two words of each lane's digest.
    const o = outPtr + <usize>at * 8;
    const h0 = v128.load(innerPtr);
    const h1 = v128.load(innerPtr, 16);
    store<i32>(o, i32x4.extract_lane(h0, 0));
    store<i32>(o, i32x4.extract_lane(h1, 0), 4);
    store<i32>(o, i32x4.extract_lane(h0, 1), 8);
    store<i32>(o, i32x4.extract_lane(h1, 1), 12);
    store<i32>(o, i32x4.extract_lane(h0, 2), 16);
    store<i32>(o, i32x4.extract_lane(h1, 2), 20);
    store<i32>(o, i32x4.extract_lane(h0, 3), 24);
    store<i32>(o, i32x4.extract_lane(h1, 3), 28);
  }
}
