/**
 * Raw codes of fields (issue 11): the loader's byte kernel (src/wasm/fields.ts, WebAssembly,
 * compiled into fields-wasm.ts) splits a window of records into fields and numbers each
 * column's distinct byte strings in order of first appearance. Here each new distinct value is
 * decoded once, to the same string the tokenizer would make of the field (Windows-1252 or
 * UTF-8; a field holds no quote, so it is its bytes), so that the row reader reads a repeated
 * cell by its code instead of its text.
 *
 * One coder per thread, reused range after range (`reset`); a window is read straight into the
 * kernel's memory (`window`).
 */
import { FIELDS_WASM } from "./fields-wasm.ts";
import { fixC1 } from "./encoding.ts";

interface Kernel {
  memory: WebAssembly.Memory;
  reset(columns: number, delimiter: number, windowBytes: number): void;
  input(): number;
  output(): number;
  entries(): number;
  entryCount(): number;
  arena(): number;
  run(len: number): number;
  stopped(): number;
}

/** How a field's bytes are read as text. */
export type FieldDecoding = "windows-1252" | "utf-8";

const C1 = /[\x80-\x9f]/;

let compiled: WebAssembly.Module | null = null;

export class FieldCoder {
  private readonly kernel: Kernel;
  private columns = 0;
  private windowBytes = 0;
  private decoding: FieldDecoding = "utf-8";
  /** Entries (distinct values) decoded so far. */
  private decoded = 0;
  /** By column, the string of each raw code. */
  strings: string[][] = [];

  constructor() {
    compiled ??= new WebAssembly.Module(Buffer.from(FIELDS_WASM, "base64"));
    this.kernel = new WebAssembly.Instance(compiled, {}).exports as unknown as Kernel;
  }

  /** Start a range: `columns` fields a record, split at the ASCII byte `delimiter`, windows of at most `windowBytes`. */
  reset(columns: number, delimiter: number, windowBytes: number, decoding: FieldDecoding): void {
    this.kernel.reset(columns, delimiter, windowBytes);
    this.columns = columns;
    this.windowBytes = windowBytes;
    this.decoding = decoding;
    this.decoded = 0;
    this.strings = Array.from({ length: columns }, () => []);
  }

  /** Where to put the next window (valid until the next `run`). */
  window(): Uint8Array {
    return new Uint8Array(this.kernel.memory.buffer, this.kernel.input(), this.windowBytes);
  }

  /**
   * Where the last `run` stopped: the offset in the window of the first record it did not read (one
   * with a quote or another number of fields than `columns`), or −1 when it read them all.
   */
  stoppedAt = -1;

  /**
   * Read the window's first `len` bytes: whole records, the last one without its line break only
   * at the end of the data. Their codes, `columns` a record, up to the first record that holds a
   * quote or another number of fields than `columns` (see `stoppedAt`).
   */
  run(len: number): Int32Array {
    const k = this.kernel;
    let rows: number;
    try {
      rows = k.run(len);
      this.stoppedAt = k.stopped();
    } catch {
      // Out of memory in the kernel (a trap): nothing of the window is read, the caller reads its text.
      this.stoppedAt = 0;
      return new Int32Array(0);
    }
    const count = k.entryCount();
    if (count > this.decoded) {
      const mem = Buffer.from(k.memory.buffer);
      const entries = new Int32Array(k.memory.buffer, k.entries(), count * 3);
      decode(mem, entries, k.arena(), this.decoded, count, this.decoding === "windows-1252", this.strings);
      this.decoded = count;
    }
    return new Int32Array(k.memory.buffer, k.output(), rows * this.columns);
  }
}

/**
 * The strings of entries `from` … `to` − 1 (column, arena offset, length) pushed onto their
 * columns' lists. A function of its own, small and of one shape, so that it stays compiled.
 */
function decode(mem: Buffer, entries: Int32Array, arena: number, from: number, to: number, latin1: boolean, strings: string[][]): void {
  for (let e = from; e < to; e++) {
    const start = arena + entries[3 * e + 1];
    const end = start + entries[3 * e + 2];
    const s = mem.toString(latin1 ? "latin1" : "utf8", start, end);
    strings[entries[3 * e]].push(latin1 && C1.test(s) ? fixC1(s) : s);
  }
}

let ofThread: FieldCoder | null = null;

/** This thread's coder. */
export function fieldCoder(): FieldCoder {
  return (ofThread ??= new FieldCoder());
}

/** Let this thread's coder go (its memory, tens of MiB after a large export, is freed with it). */
export function releaseFieldCoder(): void {
  ofThread = null;
}
