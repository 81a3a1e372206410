// Shared by the swap tests and the child process they kill: a report folder whose every file
// says which version it belongs to, and a reader that tells a complete version from anything else.
import { lstat, readdir, readFile } from "node:fs/promises";
import path from "node:path";

const FILES = 24;

/** The files of report version `v`: index.html, figures.json and 24 tables of ~8 KB. */
export function versionFiles(v: string): Map<string, Uint8Array> {
  const enc = new TextEncoder();
  const files = new Map<string, Uint8Array>();
  files.set("index.html", enc.encode(`<!DOCTYPE html><title>${v}</title>`));
  files.set("figures.json", enc.encode(JSON.stringify({ version: v })));
  for (let i = 0; i < FILES; i++) files.set(`tables/t${String(i).padStart(2, "0")}.csv`, enc.encode(`${v};${i}\r\n`.repeat(800)));
  return files;
}

async function walk(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * What a reader finds at the report path: `null` when nothing is there, the version whose files
 * are all present and exactly right, or `"incomplete"` for anything else.
 */
export async function readVersion(reportPath: string): Promise<string | null> {
  try {
    await lstat(reportPath);
  } catch {
    return null;
  }
  let html: string;
  try {
    html = await readFile(path.join(reportPath, "index.html"), "utf8");
  } catch {
    return "incomplete";
  }
  const v = /<title>(.*)<\/title>/.exec(html)?.[1];
  if (v === undefined) return "incomplete";
  const expected = versionFiles(v);
  const found = await walk(reportPath);
  if (JSON.stringify(found) !== JSON.stringify([...expected.keys()].sort())) return "incomplete";
  for (const [rel, bytes] of expected) {
    if (!(await readFile(path.join(reportPath, rel))).equals(Buffer.from(bytes))) return "incomplete";
  }
  return v;
}
