import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { keyFromText, PersonIds, pseudonym, Pseudonymizer, resolvePseudonymKey } from "../../src/read/pseudonym.ts";
import { tempDir } from "../temp-dirs.ts";

describe("Pseudonymizer", () => {
  const key = new Uint8Array(Buffer.from("k1", "utf8"));
  it("is HMAC-SHA256 (p + 16 hex), stable, and key-dependent", () => {
    const p = new Pseudonymizer(key);
    const a = p.of("198112189876");
    expect(a).toMatch(/^p[0-9a-f]{16}$/);
    expect(a).toBe(pseudonym(key, "198112189876"));
    expect(new Pseudonymizer(key).of("198112189876")).toBe(a);
    expect(p.ofKey(198112189876)).toBe(a);
    expect(new Pseudonymizer(new Uint8Array(Buffer.from("k2"))).of("198112189876")).not.toBe(a);
    expect(p.of("198112189875")).not.toBe(a);
    // Long keys are hashed first, as HMAC requires.
    const long = new Uint8Array(100).fill(9);
    expect(new Pseudonymizer(long).of("000000000000")).toBe(pseudonym(long, "000000000000"));
  });
});

describe("resolvePseudonymKey", () => {
  const tmp = () => tempDir("utfall-key-");

  it("prefers an explicit key, then the env var, then the key file", () => {
    const home = tmp();
    const explicit = new Uint8Array([1, 2, 3]);
    expect(resolvePseudonymKey({ key: explicit, env: { UTFALL_PSEUDONYM_KEY: "abc" }, homeDir: home })).toEqual({ key: explicit, source: "option" });
    expect(resolvePseudonymKey({ env: { UTFALL_PSEUDONYM_KEY: "abc" }, homeDir: home })).toEqual({ key: new Uint8Array(Buffer.from("abc")), source: "env" });
    const file = path.join(home, "my.key");
    fs.writeFileSync(file, "ff".repeat(32) + "\n");
    const r = resolvePseudonymKey({ env: { UTFALL_KEY_FILE: file }, homeDir: home });
    expect(r.source).toBe("file");
    expect(Buffer.from(r.key).toString("hex")).toBe("ff".repeat(32));
  });

  it("creates ~/.config/utfall/pseudonym.key with mode 0600 once, and then reuses it", () => {
    const home = tmp();
    const created = resolvePseudonymKey({ env: {}, homeDir: home, random: (n) => new Uint8Array(n).fill(0xab) });
    const file = path.join(home, ".config", "utfall", "pseudonym.key");
    expect(created).toEqual({ key: new Uint8Array(32).fill(0xab), source: "created", file });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8").trim()).toBe("ab".repeat(32));
    const again = resolvePseudonymKey({ env: {}, homeDir: home, random: () => { throw new Error("must not create a second key"); } });
    expect(again.source).toBe("file");
    expect(again.key).toEqual(created.key);
  });

  it("reads 64 hex digits as bytes, anything else as UTF-8, and refuses an empty key", () => {
    expect(keyFromText("00".repeat(32))).toEqual(new Uint8Array(32));
    expect(keyFromText(" hemligt ")).toEqual(new Uint8Array(Buffer.from("hemligt")));
    expect(() => keyFromText("  ")).toThrow(/empty/);
  });
});

describe("Pseudonymizer (HMAC-SHA256 four at a time in WebAssembly)", () => {
  it("equals crypto.createHmac for many numbers and keys of every length class", () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const keys: Uint8Array[] = [new Uint8Array(1), new Uint8Array(32).fill(7), new Uint8Array(64).fill(0xff), new Uint8Array(65).fill(3), new Uint8Array(Buffer.from("hemligt"))];
    for (let k = 0; k < 5; k++) keys.push(new Uint8Array(Array.from({ length: 1 + Math.floor(rnd() * 150) }, () => Math.floor(rnd() * 256))));
    const numbers = ["000000000000", "999999999999", "198112189876", "190001010000", "000099990001"];
    for (let i = 0; i < 400; i++) numbers.push(Array.from({ length: 12 }, () => String(Math.floor(rnd() * 10))).join(""));
    for (const key of keys) {
      const p = new Pseudonymizer(key);
      for (const d of numbers) {
        expect(p.of(d)).toBe(pseudonym(key, d));
        expect(p.ofKey(Number(d))).toBe(pseudonym(key, d));
      }
    }
  });

  it("an eager pseudonymiser's batches (every lane of the vectors, across the module's batches of 1 024) equal crypto.createHmac", () => {
    const key = new Uint8Array(Buffer.from("hemligt"));
    const p = new Pseudonymizer(key, true);
    const digits: string[] = [];
    for (let i = 0; i < 2_603; i++) {
      const d = String(190001010000 + i * 7_919_191).padStart(12, "0");
      digits.push(d);
      expect(p.idOf(Number(d))).toBe(i);
      p.idOf(Number(digits[i >> 1])); // a person seen before gets no new id
    }
    const all = p.all();
    expect(all.length).toBe(2_603);
    for (let i = 0; i < digits.length; i++) expect(all[i]).toBe(pseudonym(key, digits[i]));
  });
});

describe("PersonIds", () => {
  it("numbers persons in the order first seen, whatever room it was made with", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 3000 }), fc.constantFrom(0, 1, 100, 5000, 70_000), (people, expected) => {
        const ids = new PersonIds(expected);
        const firstSeen = new Map<number, number>();
        for (const p of people) {
          const key = 190001010000 + p * 7919; // 12-digit keys
          if (!firstSeen.has(key)) firstSeen.set(key, firstSeen.size);
          expect(ids.idOf(key)).toBe(firstSeen.get(key));
        }
        expect(ids.size).toBe(firstSeen.size);
        expect(Array.from(ids.keys())).toEqual([...firstSeen.keys()]);
      }),
      { numRuns: 100 },
    );
  });

  it("append gives new ids without a lookup; idOf then finds each key at the first id it got", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })), { maxLength: 5000 }), fc.constantFrom(0, 100, 70_000), (steps, expected) => {
        const ids = new PersonIds(expected);
        const keys: number[] = [];
        const first = new Map<number, number>();
        for (const [append, p] of steps) {
          const key = 190001010000 + p * 7919;
          const id = append ? ids.append(key) : ids.idOf(key);
          if (append || !first.has(key)) {
            expect(id).toBe(keys.length); // a new id
            keys.push(key);
          } else expect(id).toBe(first.get(key));
          if (!first.has(key)) first.set(key, id);
        }
        expect(ids.size).toBe(keys.length);
        expect(Array.from(ids.keys())).toEqual(keys);
        for (const [key, id] of first) expect(ids.idOf(key)).toBe(id);
      }),
      { numRuns: 100 },
    );
  });
});
