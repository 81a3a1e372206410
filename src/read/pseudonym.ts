/**
 * Stable pseudonyms for personal identity numbers: `p` + the first 16 hex digits of
 * HMAC-SHA256(key, normalised 12-digit number). The same number and key always give the same
 * pseudonym; without the key the number cannot be recovered or confirmed.
 *
 * Key resolution (first that applies): an explicit key > env `UTFALL_PSEUDONYM_KEY` > the key
 * file at env `UTFALL_KEY_FILE` or `~/.config/utfall/pseudonym.key`, created with 32 random
 * bytes (hex, mode 0600) when absent. A key given as 64 hex digits is read as those 32 bytes,
 * any other text as its UTF-8 bytes, so the key file's content may be copied into the env var.
 * Everything the resolution touches (env, home directory, file system, randomness) is
 * injectable, so tests are deterministic and never touch the real home directory.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { HmacBatch } from "./hmac-batch.ts";

export interface KeySource {
  /** An explicit key (wins over everything). */
  key?: Uint8Array;
  /** Environment to read `UTFALL_PSEUDONYM_KEY` / `UTFALL_KEY_FILE` from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Home directory for the default key file; default `os.homedir()`. */
  homeDir?: string;
  /** File-system functions; default `node:fs`. */
  fs?: Pick<typeof fs, "readFileSync" | "writeFileSync" | "mkdirSync">;
  /** Source of new key bytes; default `crypto.randomBytes`. */
  random?: (n: number) => Uint8Array;
}

export interface ResolvedKey {
  key: Uint8Array;
  /** Where the key came from (never the key itself). */
  source: "option" | "env" | "file" | "created";
  file?: string;
}

/** Turn key text into bytes: 64 hex digits → 32 bytes, else UTF-8. */
export function keyFromText(text: string): Uint8Array {
  const t = text.trim();
  if (t.length === 0) throw new Error("pseudonym key is empty");
  if (/^[0-9a-fA-F]{64}$/.test(t)) return new Uint8Array(Buffer.from(t, "hex"));
  return new Uint8Array(Buffer.from(t, "utf8"));
}

/** Resolve the pseudonym key; see the module comment for the order. */
export function resolvePseudonymKey(src: KeySource = {}): ResolvedKey {
  if (src.key) {
    if (src.key.length === 0) throw new Error("pseudonym key is empty");
    return { key: src.key, source: "option" };
  }
  const env = src.env ?? process.env;
  const fromEnv = env.UTFALL_PSEUDONYM_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { key: keyFromText(fromEnv), source: "env" };
  const fsys = src.fs ?? fs;
  const file = env.UTFALL_KEY_FILE && env.UTFALL_KEY_FILE.trim() !== "" ? env.UTFALL_KEY_FILE : path.join(src.homeDir ?? os.homedir(), ".config", "utfall", "pseudonym.key");
  try {
    return { key: keyFromText(String(fsys.readFileSync(file, "utf8"))), source: "file", file };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const bytes = (src.random ?? randomBytes)(32);
  fsys.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fsys.writeFileSync(file, Buffer.from(bytes).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  } catch (e) {
    // Someone else created it between our read and write: use theirs.
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return { key: keyFromText(String(fsys.readFileSync(file, "utf8"))), source: "file", file };
    throw e;
  }
  return { key: new Uint8Array(bytes), source: "created", file };
}

/**
 * Dense ids for persons: the 12 digits of an identity number as a number (`PnrResult.key`) → 0, 1,
 * 2, … in the order first seen (an open-addressing hash table; faster than a Map with non-Smi
 * keys). A loader's identity-number column is held as these ids (issue 11 §1: persons as dense
 * integer ids), so a worker thread hands over ids and keys, never pseudonyms.
 *
 * A slot holds its key and its id side by side (one cache line per probe: the table of a large
 * export is larger than the core's cache, and a lookup is mostly a miss). The table is made on the
 * first lookup and catches up with keys added by `append` before it answers.
 */
export class PersonIds {
  /** Per slot the key (−1: empty) and the id. */
  private slots: Float64Array | null = null;
  private byId: Float64Array;
  /** Keys (by id) entered in `slots`: those from `indexed` on came by `append`. */
  private indexed = 0;
  /** Persons seen. */
  size = 0;

  /**
   * `expected`: at most how many persons will be seen (a range's rows). Room is made at once for
   * up to 256 Ki of them; a larger table grows as it fills, since rows overstate persons (at 10 M
   * rows, a room made for every row would fill 96 MiB for 0,75 M persons).
   */
  constructor(expected = 0) {
    this.room = Math.min(Math.max(expected, 1 << 10), 1 << 18);
    this.byId = new Float64Array(this.room);
  }

  /** Persons made room for at once (see the constructor). */
  private readonly room: number;

  /** The person's id (a new one for a key not seen before). */
  idOf(key: number): number {
    if (this.indexed < this.size || this.slots === null) this.catchUp();
    const slots = this.slots!;
    const mask = (slots.length >> 1) - 1;
    let i = slot(key) & mask;
    for (;;) {
      const k = slots[2 * i];
      if (k === key) return slots[2 * i + 1];
      if (k === -1) break;
      i = (i + 1) & mask;
    }
    const id = this.append(key);
    slots[2 * i] = key;
    slots[2 * i + 1] = id;
    this.indexed = this.size;
    if (this.size * 4 > slots.length) this.grow();
    return id;
  }

  /**
   * A new id for `key` without looking it up: for a range's own table, whose ids are renumbered by
   * key when the range is merged (`adoptPersons`), so that a person written two ways in one range
   * may have two ids there. `idOf` still finds the key (the first id it got).
   */
  append(key: number): number {
    const id = this.size++;
    if (id >= this.byId.length) {
      const next = new Float64Array(this.byId.length * 2);
      next.set(this.byId);
      this.byId = next;
    }
    this.byId[id] = key;
    return id;
  }

  /** The key of an id. */
  keyOf(id: number): number {
    return this.byId[id];
  }

  /** The keys of all ids, in id order. */
  keys(): Float64Array {
    return this.byId.slice(0, this.size);
  }

  /** The keys by id, without a copy (valid up to `size`, until the next new person). */
  ids(): Float64Array {
    return this.byId;
  }

  /** Makes the table (room for twice the expected persons) and enters the keys `append` added. */
  private catchUp(): void {
    if (this.slots === null) {
      let slots = 1 << 12;
      while (slots < this.room * 2) slots *= 2;
      this.slots = new Float64Array(2 * slots).fill(-1);
    }
    while (this.size * 4 > this.slots.length) this.grow();
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let id = this.indexed; id < this.size; id++) {
      const key = this.byId[id];
      let i = slot(key) & mask;
      while (slots[2 * i] !== -1 && slots[2 * i] !== key) i = (i + 1) & mask;
      if (slots[2 * i] === -1) {
        slots[2 * i] = key;
        slots[2 * i + 1] = id;
      }
    }
    this.indexed = this.size;
  }

  private grow(): void {
    const old = this.slots!;
    const slots = new Float64Array(old.length * 2).fill(-1);
    const mask = (slots.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      const key = old[j];
      if (key === -1) continue;
      let i = slot(key) & mask;
      while (slots[2 * i] !== -1) i = (i + 1) & mask;
      slots[2 * i] = key;
      slots[2 * i + 1] = old[j + 1];
    }
    this.slots = slots;
  }
}

/** A pseudonymiser bound to a key, caching the pseudonym of each person it has seen. */
export class Pseudonymizer {
  /** The key's inner (ipad) and outer (opad) blocks (RFC 2104). */
  private readonly ipad: Uint8Array;
  private readonly opad: Uint8Array;
  /** The persons seen, and the pseudonyms of the first `byId.length` of them. */
  readonly persons: PersonIds;
  private readonly byId: string[] = [];

  /**
   * `eager`: `idOf` makes new persons' pseudonyms as they come (EAGER_BATCH at a time); else
   * they are made when asked for.
   * The parallel load's main thread has the one eager pseudonymiser of a load: it makes the
   * pseudonyms of what it reads while the workers parse, and the merge uses it for all persons.
   * `expectedPersons`: room made at once (a range's rows, see PersonIds), so that the table of persons
   * grows in fewer steps.
   */
  constructor(
    key: Uint8Array,
    readonly eager = false,
    expectedPersons = 0,
    /**
     * The pseudonymiser of one byte range of a parallel load, whose ids are renumbered by key when
     * the range is merged (`adoptPersons`): `idOfNew` gives a new id without a lookup.
     */
    readonly rangeOwn = false,
  ) {
    this.persons = new PersonIds(expectedPersons);
    if (key.length === 0) throw new Error("pseudonym key is empty");
    // HMAC-SHA256 with the keyed inner and outer states prepared once. The messages (12 digits,
    // then a 32-byte inner digest) each fit in one padded block after the key pad, so a
    // pseudonym costs two SHA-256 compressions (HmacBatch: four at a time in WebAssembly, no
    // crypto objects per number).
    // Tested against crypto.createHmac.
    let k = Buffer.from(key);
    if (k.length > 64) k = createHash("sha256").update(k).digest();
    const ipad = Buffer.alloc(64, 0x36);
    const opad = Buffer.alloc(64, 0x5c);
    for (let i = 0; i < k.length; i++) {
      ipad[i] ^= k[i];
      opad[i] ^= k[i];
    }
    this.ipad = ipad;
    this.opad = opad;
  }

  private hmac: HmacBatch | null = null;

  /** `p` + 16 hex digits for a normalised 12-digit number. */
  of(digits12: string): string {
    if (digits12.length !== 12 || !/^[0-9]{12}$/.test(digits12)) throw new Error("pseudonym: expected a normalised 12-digit number");
    return this.ofKey(Number(digits12));
  }

  /** The same, for the 12 digits as a number (`PnrResult.key`); computed once per person. */
  ofKey(key: number): string {
    const id = this.persons.idOf(key);
    return id < this.byId.length ? this.byId[id] : this.all()[id];
  }

  /** The person's id in `persons` (see `eager`). */
  idOf(key: number): number {
    const id = this.persons.idOf(key);
    if (this.eager && id - this.byId.length >= EAGER_BATCH) this.all();
    return id;
  }

  /**
   * The id of a key read from a value the caller has not met before (a new raw value of a range):
   * a range's own pseudonymiser (`rangeOwn`) gives it a new id without looking the key up, so a
   * person written two ways in one range has two ids there until the merge; any other gives `idOf`.
   */
  idOfNew(key: number): number {
    return this.rangeOwn ? this.persons.append(key) : this.idOf(key);
  }

  /** The pseudonyms of every person in `persons`, by id (computed for those new since the last call). */
  all(): readonly string[] {
    const byId = this.byId;
    const size = this.persons.size;
    if (byId.length < size) (this.hmac ??= new HmacBatch(this.ipad, this.opad)).pseudonyms(this.persons.ids(), byId.length, size, byId);
    return byId;
  }
}

/** An eager pseudonymiser hashes its new persons when this many are waiting (four at a time, see HmacBatch). */
const EAGER_BATCH = 256;

/** Hash of a non-negative integer key below 2^53 (mixes its low and high 32 bits). */
function slot(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** One-off pseudonym (reference implementation with `crypto.createHmac`). */
export function pseudonym(key: Uint8Array, digits12: string): string {
  return "p" + createHmac("sha256", key).update(digits12, "latin1").digest("hex").slice(0, 16);
}
