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
import { createHash, createHmac, randomBytes, type Hash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pnrDigits } from "./pnr.ts";

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

/** A pseudonymiser bound to a key, caching the pseudonym of each number it has seen. */
export class Pseudonymizer {
  private readonly inner: Hash;
  private readonly outer: Hash;
  private readonly cache = new Map<number, string>();

  constructor(key: Uint8Array) {
    if (key.length === 0) throw new Error("pseudonym key is empty");
    // HMAC-SHA256 with the keyed inner and outer states prepared once (RFC 2104).
    let k = Buffer.from(key);
    if (k.length > 64) k = createHash("sha256").update(k).digest();
    const ipad = Buffer.alloc(64, 0x36);
    const opad = Buffer.alloc(64, 0x5c);
    for (let i = 0; i < k.length; i++) {
      ipad[i] ^= k[i];
      opad[i] ^= k[i];
    }
    this.inner = createHash("sha256").update(ipad);
    this.outer = createHash("sha256").update(opad);
  }

  /** `p` + 16 hex digits for a normalised 12-digit number. */
  of(digits12: string): string {
    if (digits12.length !== 12 || !/^[0-9]{12}$/.test(digits12)) throw new Error("pseudonym: expected a normalised 12-digit number");
    return this.ofKey(Number(digits12));
  }

  /** The same, for the 12 digits as a number (`PnrResult.key`); cached per number. */
  ofKey(key: number): string {
    let p = this.cache.get(key);
    if (p === undefined) {
      const innerDigest = this.inner.copy().update(pnrDigits(key), "latin1").digest();
      p = "p" + this.outer.copy().update(innerDigest).digest("hex").slice(0, 16);
      this.cache.set(key, p);
    }
    return p;
  }
}

/** One-off pseudonym (reference implementation with `crypto.createHmac`). */
export function pseudonym(key: Uint8Array, digits12: string): string {
  return "p" + createHmac("sha256", key).update(digits12, "latin1").digest("hex").slice(0, 16);
}
