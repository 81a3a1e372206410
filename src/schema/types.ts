import type { DecimalSeparator } from "../read/numbers.ts";

/**
 * Declarative schemas for export kinds. A schema lists the columns of one export kind; the
 * TypeScript types of the loaded columns are inferred from it (see `ColumnsOf`).
 */

/** The value types a column can be declared with (see data/README.md, "Column types"). */
export type ValueType =
  | "string"
  | "integer"
  | "decimal"
  | "money"
  | "date"
  | "month"
  | "boolean"
  | "gender"
  | "pnr"
  | "code";

export interface ColumnSpec<T extends ValueType = ValueType> {
  type: T;
  /** The header as the reference export writes it. */
  header: string;
  /** Other headers that mean the same column (matched ignoring case, accents, spaces, - and _). */
  aliases?: readonly string[];
  /** A value is required in every row (missing = error). A required column must be present. */
  required?: boolean;
  /** Values are personal data: they never appear in a message, a log or an output. */
  personal?: boolean;
  /** For `code`: the allowed codes and the other spellings that map to each. */
  codes?: Readonly<Record<string, readonly string[]>>;
  /** Derived from the `pnr` column when this column is absent from the file. */
  deriveFromPnr?: "gender" | "birthYear";
  /**
   * Derived status of another field (never read from the file): `"ok"` when that field has a
   * value, `"suppressed"` for `..`, `"missing"` for empty, `-` or `.`. Declare it as
   * `type: "code"` with `codes: { ok: [], suppressed: [], missing: [] }`. Kolada's `status`.
   */
  statusOf?: string;
  /** What the column holds, for the data dictionary and `--help`. */
  description?: string;
}

export interface Schema<C extends Record<string, ColumnSpec> = Record<string, ColumnSpec>> {
  /** Export kind, as used by `utfall validate --kind`. */
  kind: string;
  /** Default file name of this kind in a data folder. */
  fileName: string;
  title: string;
  /**
   * Decimal separator of the kind's numbers: `,` (the default, Swedish exports) or `.` (Kolada).
   * With `,`, a number written with a point (`1.000`, `0.5`) is an error, never read.
   */
  decimalSeparator?: DecimalSeparator;
  columns: C;
}

/** The array type that holds a loaded column of the given value type. */
export type ColumnArray<T extends ValueType> = T extends "integer" | "decimal" | "money" | "date"
  ? Float64Array
  : T extends "boolean"
    ? (boolean | null)[]
    : (string | null)[];

/** The loaded columns of a schema, by field name. */
export type ColumnsOf<S extends Schema> = {
  [K in keyof S["columns"]]: ColumnArray<S["columns"][K]["type"]>;
};

/** Declare a schema; keeps the literal column types for inference. */
export function defineSchema<const C extends Record<string, ColumnSpec>>(schema: Schema<C>): Schema<C> {
  return schema;
}
