import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoOf, parseIso } from "../../src/srs/iso.js";

// The store's times are written and read by isoOf and parseIso: they must be Date's own, to the millisecond.
const anyTime = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.constantFrom(Date.UTC(1000, 0, 1), Date.UTC(1000, 0, 1) - 1, Date.UTC(10_000, 0, 1) - 1, Date.UTC(10_000, 0, 1), Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), 0, -1),
);

describe("ISO times", () => {
  it("writes every time exactly as toISOString does", () => {
    fc.assert(
      fc.property(anyTime, (ms) => {
        expect(isoOf(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 5000 },
    );
    expect(isoOf(1.7)).toBe(new Date(1.7).toISOString());
  });

  it("refuses an invalid time as toISOString does", () => {
    expect(() => isoOf(Number.NaN)).toThrow(RangeError);
    expect(() => isoOf(8.64e15 + 1)).toThrow(RangeError);
  });

  it("reads every time it writes back to the same millisecond", () => {
    fc.assert(
      fc.property(anyTime, (ms) => {
        expect(parseIso(isoOf(ms))).toBe(ms);
      }),
      { numRuns: 5000 },
    );
  });

  it("reads any other string exactly as Date.parse does, valid or not", () => {
    const near = fc.tuple(anyTime, fc.nat(23), fc.constantFrom(..."0123456789-:.TZtz +x".split(""))).map(([ms, at, ch]) => {
      const s = new Date(Math.min(Math.max(ms, -8.64e15), 8.64e15)).toISOString();
      return s.slice(0, at) + ch + s.slice(at + 1);
    });
    const fields = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 }))
      .map(([y, mo, d, h, mi, s, ms]) => {
        const p = (n: number, w: number) => String(n).padStart(w, "0");
        return `${p(y, 4)}-${p(mo, 2)}-${p(d, 2)}T${p(h, 2)}:${p(mi, 2)}:${p(s, 2)}.${p(ms, 3)}Z`;
      });
    fc.assert(
      fc.property(fc.oneof(near, fields, fc.string({ maxLength: 30 })), (s) => {
        expect(parseIso(s)).toBe(Date.parse(s));
      }),
      { numRuns: 5000 },
    );
    for (const s of ["2027-02-30T00:00:00.000Z", "2027-01-01T24:00:00.000Z", "0050-01-01T00:00:00.000Z", "2027-01-01t00:00:00.000Z", "2027-01-04T18:00:00Z"]) expect(parseIso(s)).toBe(Date.parse(s));
  });
});
