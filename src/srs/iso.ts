// ISO times as the store keeps them ("2027-01-04T18:00:00.000Z"), written and read in plain arithmetic. Every
// review writes two and reads two; Date's own toISOString and Date.parse cost several times more than this. The
// results are exactly theirs: a time outside the years 1000-9999, or a string not in that one form, goes to them.

const DAY_MS = 86_400_000;
const MIN_MS = Date.UTC(1000, 0, 1);
const MAX_MS = Date.UTC(10_000, 0, 1);

const TWO: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** The date part ("2027-01-04T") of the last UTC day written: most times written in a row fall on one day. */
let lastDay = Number.NaN;
let lastPrefix = "";

/** "YYYY-MM-DDT" of a day counted from 1970-01-01 (proleptic Gregorian; H. Hinnant's civil_from_days). */
function datePrefix(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${TWO[m]}-${TWO[d]}T`;
}

/** `new Date(ms).toISOString()`, RangeError included. */
export function isoOf(ms: number): string {
  if (!(ms >= MIN_MS && ms < MAX_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY_MS);
  if (days !== lastDay) {
    lastPrefix = datePrefix(days);
    lastDay = days;
  }
  let rest = ms - days * DAY_MS;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const s = rest % 60;
  rest = (rest - s) / 60;
  const min = rest % 60;
  const h = (rest - min) / 60;
  return `${lastPrefix}${TWO[h]}:${TWO[min]}:${TWO[s]}.${THREE[milli]}Z`;
}

const ZERO = 48;

/** Digits of `s` from `at`, `n` of them; -1 if any is not a digit. */
export function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** `Date.parse(s)`: the store's form read by hand, any other by Date.parse. */
export function parseIso(s: string): number {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 || // :
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 || // .
    s.charCodeAt(23) !== 90 // Z
  ) {
    return Date.parse(s);
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = digits(s, 20, 3);
  // Only plainly valid fields are read here; anything else (a day past the month's end, hour 24, years before 1000,
  // which Date.UTC would read as 19xx below 100) is left to Date.parse, whose reading stands.
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) {
    return Date.parse(s);
  }
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}
