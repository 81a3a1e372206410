import { describe, expect, it } from "vitest";
import { decode, encode } from "../../src/read/encoding.ts";

describe("decode", () => {
  it("reads Windows-1252 bytes 0x80, 0x96, 0x93/0x94 and å ä ö right", () => {
    const b = new Uint8Array([0x80, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94, 0x20, 0xe5, 0xe4, 0xf6, 0xc5, 0xc4, 0xd6]);
    const { text, encoding } = decode(b);
    expect(encoding).toBe("windows-1252");
    expect(text).toBe("€ – “x” åäöÅÄÖ");
  });

  it("detects a BOM and drops it from the text", () => {
    const b = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from("Kön;Belopp\r\nK;1 234,50 €\r\n", "utf8")]);
    const { text, encoding } = decode(b);
    expect(encoding).toBe("utf-8-bom");
    expect(text).toBe("Kön;Belopp\r\nK;1 234,50 €\r\n");
    expect(text.charCodeAt(0)).toBe("K".charCodeAt(0));
  });

  it("reads valid UTF-8 without BOM as utf-8 (also pure ASCII)", () => {
    expect(decode(new Uint8Array(Buffer.from("Målgrupp;−5\u202f000", "utf8")))).toEqual({ text: "Målgrupp;−5\u202f000", encoding: "utf-8" });
    expect(decode(new Uint8Array(Buffer.from("a;b\n", "utf8")))).toEqual({ text: "a;b\n", encoding: "utf-8" });
  });

  it("takes Windows-1252 when a single byte breaks UTF-8 (å as 0xE5)", () => {
    const b = new Uint8Array(Buffer.from("Utf\u00f6rare;M\u00e5l", "latin1"));
    expect(decode(b)).toEqual({ text: "Utförare;Mål", encoding: "windows-1252" });
  });

  it("round-trips through encode for every encoding", () => {
    const s = "Årskostnad;€ 1 694 000 kr – “ok”\r\n";
    for (const e of ["utf-8", "utf-8-bom", "windows-1252"] as const) expect(decode(encode(s, e))).toEqual({ text: s, encoding: e });
  });

  it("refuses a BOM followed by invalid UTF-8", () => {
    expect(() => decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xe5, 0x42]))).toThrow(/byte order mark/);
  });
});

describe("Windows-1252 decoding agrees with iconv-lite for every byte", () => {
  it("maps all 256 byte values like iconv-lite", async () => {
    const iconv = (await import("iconv-lite")).default;
    const all = new Uint8Array(256).map((_, i) => i);
    // 0xff makes sure the bytes are not valid UTF-8.
    const { text, encoding } = decode(all);
    expect(encoding).toBe("windows-1252");
    expect(text).toBe(iconv.decode(Buffer.from(all), "win1252"));
  });
});
