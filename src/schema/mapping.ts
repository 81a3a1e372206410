/** Reading a mapping file: `{ "<field>": "<header in your export>" }`. */
import fs from "node:fs";

export function readMappingFile(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`mapping file ${file}: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`mapping file ${file}: expected a JSON object { "<field>": "<header in your export>" }`);
  }
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof header !== "string") throw new Error(`mapping file ${file}: the header for field "${field}" must be a string`);
    out[field] = header;
  }
  return out;
}
