import { describe, expect, it } from "vitest";
import { formatDate, parseDate, parseMonth, utcDay } from "../../src/read/dates.ts";

describe("parseDate", () => {
  it("reads ISO and compact dates as UTC midnight, whatever the time zone", () => {
    expect(process.env.TZ).toBe("America/New_York");
    expect(parseDate("2023-04-30")).toBe(Date.UTC(2023, 3, 30));
    expect(parseDate("20230430")).toBe(Date.UTC(2023, 3, 30));
    expect(parseDate(" 2024-02-29 ")).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate("2023-04-30 00:00:00")).toBe(Date.UTC(2023, 3, 30));
    expect(parseDate("2023-04-30T00:00")).toBe(Date.UTC(2023, 3, 30));
    expect(formatDate(parseDate("2000-01-01"))).toBe("2000-01-01");
    expect(parseDate("1899-12-31")).toBe(Date.UTC(1899, 11, 31));
  });
  it("rejects impossible dates and other times", () => {
    for (const s of ["2023-02-29", "2023-04-31", "2023-13-01", "2023-00-10", "20230231", "2023-4-30", "30/04/2023", "2023-04-30 12:00", "2023-04", "abcd-ef-gh"]) {
      expect(parseDate(s), s).toBeNaN();
    }
    expect(parseDate("1900-02-29")).toBeNaN();
    expect(parseDate("2000-02-29")).toBe(Date.UTC(2000, 1, 29));
  });
  it("utcDay agrees with Date.UTC over a range of days", () => {
    for (let y = 1890; y <= 2110; y += 7) for (let m = 1; m <= 12; m++) expect(utcDay(y, m, 28)).toBe(Date.UTC(y, m - 1, 28));
  });
});

describe("parseMonth", () => {
  it("reads the month forms to YYYY-MM", () => {
    for (const s of ["2023-04", "2023M04", "2023m04", "202304", "2023-04-01", "20230430", " 2023-04 "]) expect(parseMonth(s), s).toBe("2023-04");
    expect(parseMonth("2023-12")).toBe("2023-12");
  });
  it("rejects invalid months", () => {
    for (const s of ["2023-13", "2023M00", "202313", "2023-4", "2023", "april", "2023-02-30"]) expect(parseMonth(s), s).toBeNull();
  });
  it("returns one shared string per month", () => {
    expect(parseMonth("2023M04")).toBe(parseMonth("202304"));
  });
});

describe("parseDate fast path (exact YYYY-MM-DD)", () => {
  it("agrees with the general path (forced by a leading space) on many 10-character inputs", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const alphabet = "0123456789-/ T:x";
    for (let i = 0; i < 20000; i++) {
      let s: string;
      if (i % 2) {
        const y = Math.floor(rnd() * 10000), m = Math.floor(rnd() * 14), d = Math.floor(rnd() * 33);
        s = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        if (rnd() < 0.2) { const k = Math.floor(rnd() * 10); s = s.slice(0, k) + alphabet[Math.floor(rnd() * alphabet.length)] + s.slice(k + 1); }
      } else {
        s = Array.from({ length: 10 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
      }
      expect(Object.is(parseDate(s), parseDate(" " + s))).toBe(true);
    }
    expect(parseDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate("2023-02-29")).toBeNaN();
  });
});
