/**
 * `redactedJson` and `redactDeep`: every string of a JSON document — values and object keys, at
 * any depth — is masked like text, while numbers, booleans and null stay as they are. Masking the
 * document's text as a whole turned a size of 1 408 701 107 bytes into `[personnummer dolt]`.
 */
import { describe, expect, it } from "vitest";
import { containsIdentityNumberShape } from "../../src/guard/identity-numbers.ts";
import { redact, redactDeep, redactedJson, REDACTED } from "../../src/read/redact.ts";
import { valid12, writtenForms } from "../guard/fixture.ts";
import { jsonStrings } from "./helpers.ts";

const d12 = valid12("19850412", "123");
const forms = writtenForms(d12).map(([, w]) => w);

/** A document with 10- and 12-digit numbers, and the same digits in strings and keys. */
const doc = () => ({
  file: "export-198112189876.csv",
  bytes: 1408701107,
  big: 198112189876,
  negative: -8112189876,
  fraction: 0.5,
  ok: true,
  none: null,
  "1408701107": "key of ten digits",
  "198112189876": 12,
  header: ["Personnummer", "19811218-9876", "811218 9876"],
  nested: { deep: [{ "kolumn 811218-9876": { value: "ring 1408701107 tack", n: 8112189876 } }] },
});

const expected = {
  file: `export-${REDACTED}.csv`,
  bytes: 1408701107,
  big: 198112189876,
  negative: -8112189876,
  fraction: 0.5,
  ok: true,
  none: null,
  [REDACTED]: "key of ten digits",
  [`${REDACTED} (2)`]: 12,
  header: ["Personnummer", REDACTED, REDACTED],
  nested: { deep: [{ [`kolumn ${REDACTED}`]: { value: `ring ${REDACTED} tack`, n: 8112189876 } }] },
};

describe("redactedJson", () => {
  it("keeps numbers of 10 and 12 digits as numbers and masks the same digits in strings and keys", () => {
    const text = redactedJson(doc());
    expect(JSON.parse(text)).toEqual(expected);
    expect(text).toContain('"bytes": 1408701107,\n');
    expect(text).toContain('"big": 198112189876,\n');
    expect(text).toContain('"n": 8112189876\n');
    for (const s of jsonStrings(JSON.parse(text))) expect(containsIdentityNumberShape(s), s).toBe(false);
  });

  it("is the document JSON.stringify writes, indented by two, where no string needs masking", () => {
    const plain = { file: "deltagare.csv", bytes: 1408701107, columns: [{ header: "Kön", missing: 0, personal: false }], kind: null };
    expect(redactedJson(plain)).toBe(JSON.stringify(plain, null, 2));
    expect(redactedJson(plain, 0)).toBe(JSON.stringify(plain));
  });

  it("masking the whole text (what the CLI did) is not JSON; this is", () => {
    expect(() => JSON.parse(redact(JSON.stringify({ bytes: 1408701107 }, null, 2)))).toThrow(SyntaxError);
    expect(redact(JSON.stringify({ bytes: 1408701107 }))).toBe(`{"bytes":${REDACTED}}`);
    expect(JSON.parse(redactedJson({ bytes: 1408701107 }))).toEqual({ bytes: 1408701107 });
  });

  it("masks every written form in values, keys and array items", () => {
    const value = Object.fromEntries(forms.map((w, i) => [`k${i} ${w}`, [w, `rad 3: ${w}`, { [w]: i }]]));
    const parsed = JSON.parse(redactedJson(value));
    expect(Object.keys(parsed)).toEqual(forms.map((_, i) => `k${i} ${REDACTED}`));
    forms.forEach((_, i) => expect(parsed[`k${i} ${REDACTED}`]).toEqual([REDACTED, `rad 3: ${REDACTED}`, { [REDACTED]: i }]));
    expect(redactedJson(value).replace(/[^0-9]/g, "")).not.toContain(d12.slice(2));
  });

  it("two keys that mask alike both stay, and a key already named like the mask keeps its name", () => {
    const parsed = JSON.parse(redactedJson({ "8112189876": 1, "19811218-9876": 2, [REDACTED]: 3, other: 4 }));
    expect(parsed).toEqual({ [`${REDACTED} (2)`]: 1, [`${REDACTED} (3)`]: 2, [REDACTED]: 3, other: 4 });
    expect(Object.keys(parsed)).toEqual([`${REDACTED} (2)`, `${REDACTED} (3)`, REDACTED, "other"]);
  });

  it("masks what toJSON returns and keeps a __proto__ key as a key", () => {
    const withToJson = { toJSON: () => ({ note: "ring 811218-9876", "811218-9876": 1 }) };
    expect(JSON.parse(redactedJson({ a: withToJson, at: new Date(Date.UTC(2024, 3, 30)) }))).toEqual({
      a: { note: `ring ${REDACTED}`, [REDACTED]: 1 },
      at: "2024-04-30T00:00:00.000Z",
    });
    const parsed = JSON.parse(redactedJson(JSON.parse('{"__proto__": "811218-9876", "8112189876": 1}')));
    expect(Object.keys(parsed)).toEqual(["__proto__", REDACTED]);
    expect(Object.getOwnPropertyDescriptor(parsed, "__proto__")?.value).toBe(REDACTED);
  });

  it("writes null for a value that JSON.stringify leaves out", () => {
    expect(redactedJson(undefined)).toBe("null");
  });
});

describe("redactDeep", () => {
  it("masks strings and keys at any depth, keeps numbers, and leaves its argument as it was", () => {
    const input = doc();
    const before = JSON.stringify(input);
    expect(redactDeep(input)).toEqual(expected);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("keeps the key __proto__ an own key of the copy", () => {
    const out = redactDeep(JSON.parse('{"__proto__": {"x": "811218-9876"}, "8112189876": 1}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["__proto__", REDACTED]);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ x: REDACTED });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
