/** The report scripts of a project: `reports/*.ts` except declarations, tests and files starting with "_". */
import { readdir } from "node:fs/promises";
import path from "node:path";

/** Report name → absolute script path, sorted by name; empty when the folder does not exist. */
export async function findReports(reportsDir: string): Promise<Map<string, string>> {
  let files: string[];
  try {
    files = await readdir(reportsDir);
  } catch {
    return new Map();
  }
  const scripts = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts") && !f.startsWith("_")).sort();
  return new Map(scripts.map((f) => [f.slice(0, -3), path.join(reportsDir, f)]));
}
