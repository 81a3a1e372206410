/**
 * JSON with a stable key order (object keys sorted by code point at every depth), two-space
 * indent and a final newline, so the same data always gives the same bytes. Non-finite numbers
 * become null; undefined members are dropped.
 */
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalize(v)));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => normalize(v));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v);
    }
    return out;
  }
  throw new TypeError(`stableStringify: cannot serialise a ${typeof value}`);
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v !== "object";
}

function write(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    // Rows of a table (arrays of plain values) stay on one line: one row, one line.
    if (value.every(isPrimitive)) return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
    const inner = indent + "  ";
    return `[\n${value.map((v) => inner + write(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const inner = indent + "  ";
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Two-space indented JSON with sorted keys; arrays of plain values on one line. */
export function stableStringify(value: unknown): string {
  return write(normalize(value), "") + "\n";
}
