/**
 * The per-user cache folders (src/render/user-cache.ts): entries written whole, a folder others
 * can write to is no cache, and entries neither read nor written for 30 days are removed once per
 * process and folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { privateDir, writeCacheFile } from "../../src/render/user-cache.ts";

const DAY = 24 * 60 * 60 * 1000;
let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "utfall-user-cache-"));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

/** An entry last read and written `days` days ago. */
function entry(dir: string, name: string, days: number): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, name);
  const t = new Date(Date.now() - days * DAY);
  fs.utimesSync(p, t, t);
  return p;
}

describe("the per-user cache folders", () => {
  it("writes an entry whole (0600) and leaves no temporary file", () => {
    const dir = privateDir(path.join(root, "vega"))!;
    expect(dir).not.toBeNull();
    expect(writeCacheFile(dir, "a.json", '{"a":1}')).toBe(true);
    expect(fs.readFileSync(path.join(dir, "a.json"), "utf8")).toBe('{"a":1}');
    expect(fs.statSync(path.join(dir, "a.json")).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["a.json"]);
  });

  it.skipIf(process.platform === "win32")("is no cache when group or others can write to the folder", () => {
    const dir = path.join(root, "shared");
    fs.mkdirSync(dir, { mode: 0o700 });
    fs.chmodSync(dir, 0o777);
    expect(privateDir(dir)).toBeNull();
  });

  it("removes entries neither read nor written for 30 days, on the process's first write to the folder only", () => {
    const dir = privateDir(path.join(root, "fonts"))!;
    const old = entry(dir, "old.json", 31);
    const recent = entry(dir, "recent.json", 29);
    expect(writeCacheFile(dir, "new.json", "{}")).toBe(true);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(recent)).toBe(true);
    expect(fs.existsSync(path.join(dir, "new.json"))).toBe(true);

    // A later write in the same process does not look at every entry again.
    const aged = entry(dir, "aged.json", 40);
    expect(writeCacheFile(dir, "newer.json", "{}")).toBe(true);
    expect(fs.existsSync(aged)).toBe(true);

    // Another folder is expired on its own first write.
    const other = privateDir(path.join(root, "ts"))!;
    const stale = entry(other, "stale.mjs", 45);
    expect(writeCacheFile(other, "fresh.mjs", "")).toBe(true);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it("keeps an entry that was read within 30 days though written long ago", () => {
    const dir = privateDir(path.join(root, "read"))!;
    const p = path.join(dir, "used.json");
    fs.writeFileSync(p, "{}");
    fs.utimesSync(p, new Date(Date.now() - 2 * DAY), new Date(Date.now() - 90 * DAY));
    expect(writeCacheFile(dir, "new.json", "{}")).toBe(true);
    expect(fs.existsSync(p)).toBe(true);
  });
});
