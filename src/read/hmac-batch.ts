/**
 * Pseudonyms by the batch (issue 11): HMAC-SHA256 of 12-digit identity numbers in the lanes of
 * WebAssembly vectors, four at a time (src/wasm/hmac.ts, compiled into hmac-wasm.ts), from the
 * key's inner and outer SHA-256 states. Checked against node:crypto in test/read/pseudonym.test.ts.
 */
import { HMAC_WASM } from "./hmac-wasm.ts";

interface Kernel {
  memory: WebAssembly.Memory;
  setup(capacity: number): void;
  pads(): number;
  keyed(): void;
  messages(): number;
  digests(): number;
  run(n: number): void;
}

/** Numbers hashed per call into the module. */
const BATCH = 1024;
const HEX = Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

let compiled: WebAssembly.Module | null = null;

export class HmacBatch {
  private readonly kernel: Kernel;

  /** For the key's inner (ipad) and outer (opad) blocks, 64 bytes each (RFC 2104). */
  constructor(ipad: Uint8Array, opad: Uint8Array) {
    compiled ??= new WebAssembly.Module(Buffer.from(HMAC_WASM, "base64"));
    const k = (this.kernel = new WebAssembly.Instance(compiled, {}).exports as unknown as Kernel);
    k.setup(BATCH);
    const pads = new DataView(k.memory.buffer, k.pads(), 128);
    for (let i = 0; i < 16; i++) {
      // The module reads the pads as big-endian words, in its (little-endian) memory.
      pads.setInt32(4 * i, (ipad[4 * i] << 24) | (ipad[4 * i + 1] << 16) | (ipad[4 * i + 2] << 8) | ipad[4 * i + 3], true);
      pads.setInt32(64 + 4 * i, (opad[4 * i] << 24) | (opad[4 * i + 1] << 16) | (opad[4 * i + 2] << 8) | opad[4 * i + 3], true);
    }
    k.keyed();
  }

  /** Push `p` + the first 16 hex digits of the HMAC of each key's 12 ASCII digits, keys[from…to), onto `out`. */
  pseudonyms(keys: ArrayLike<number>, from: number, to: number, out: string[]): void {
    const k = this.kernel;
    for (let start = from; start < to; start += BATCH) {
      const n = Math.min(BATCH, to - start);
      const msg = new Int32Array(k.memory.buffer, k.messages(), 3 * n);
      for (let i = 0; i < n; i++) {
        // The 12 digits as ASCII, big-endian words: digits 0–3, 4–7, 8–11.
        const key = keys[start + i];
        const hi = Math.floor(key / 100_000_000);
        const rest = key - hi * 100_000_000;
        const mid = Math.floor(rest / 10_000);
        msg[3 * i] = asciiWord(hi);
        msg[3 * i + 1] = asciiWord(mid);
        msg[3 * i + 2] = asciiWord(rest - mid * 10_000);
      }
      k.run(n);
      const dig = new Int32Array(k.memory.buffer, k.digests(), 2 * n);
      for (let i = 0; i < n; i++) {
        const a = dig[2 * i];
        const b = dig[2 * i + 1];
        out.push(String.fromCharCode(
          112,
          HEX[(a >>> 28) & 15], HEX[(a >>> 24) & 15], HEX[(a >>> 20) & 15], HEX[(a >>> 16) & 15],
          HEX[(a >>> 12) & 15], HEX[(a >>> 8) & 15], HEX[(a >>> 4) & 15], HEX[a & 15],
          HEX[(b >>> 28) & 15], HEX[(b >>> 24) & 15], HEX[(b >>> 20) & 15], HEX[(b >>> 16) & 15],
          HEX[(b >>> 12) & 15], HEX[(b >>> 8) & 15], HEX[(b >>> 4) & 15], HEX[b & 15],
        ));
      }
    }
  }
}

/** Four decimal digits (0–9999, zero-padded) as one big-endian word of ASCII bytes. */
function asciiWord(v: number): number {
  const d0 = Math.floor(v / 1000);
  const d1 = Math.floor(v / 100) % 10;
  const d2 = Math.floor(v / 10) % 10;
  const d3 = v % 10;
  return ((48 + d0) << 24) | ((48 + d1) << 16) | ((48 + d2) << 8) | (48 + d3);
}
