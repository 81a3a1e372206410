/** Test helpers: valid identity numbers and byte fixtures. */
import { encode, type Encoding } from "../../src/read/encoding.ts";

/** The Luhn check digit for nine digits YYMMDDNNN. */
export function checkDigit(d9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(d9[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

/** A valid `YYYYMMDD-NNNN` for a date `YYYYMMDD` and a three-digit serial. */
export function makePnr(date8: string, serial3: string): string {
  return `${date8}-${serial3}${checkDigit(date8.slice(2) + serial3)}`;
}

/** The same number with a wrong check digit. */
export function wrongCheck(pnr: string): string {
  const last = Number(pnr[pnr.length - 1]);
  return pnr.slice(0, -1) + String((last + 1) % 10);
}

export function bytes(text: string, encoding: Encoding = "utf-8"): Uint8Array {
  return encode(text, encoding);
}

export const KEY = new Uint8Array(Buffer.from("test-key-for-utfall", "utf8"));

/** Every string and object key inside a parsed JSON value. */
export function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  }
  return out;
}
