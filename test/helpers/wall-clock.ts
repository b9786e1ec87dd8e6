// A wall clock the test sets for the built binary, through libfaketime: frozen at what a file says, re-read at every
// call. The machine's running time (timers, CLOCK_MONOTONIC) is left real, so moving this clock is what a laptop
// asleep, or an NTP step, does to the program: the time of day jumps, its timers do not.

import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FAKETIME_LIB = ["/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/faketime/libfaketime.so.1"].find(existsSync);

export class Clock {
  readonly file = join(mkdtempSync(join(tmpdir(), "cogquiz-clock-")), "faketime");
  private t: number;
  /** `start` is a UTC time as "2027-01-04T09:00:00". */
  constructor(start: string) {
    this.t = Date.parse(`${start}Z`);
    this.write();
  }
  private write(): void {
    const iso = new Date(this.t).toISOString();
    writeFileSync(this.file, `${iso.slice(0, 10)} ${iso.slice(11, 19)}\n`);
  }
  advance(seconds: number): void {
    this.t += seconds * 1000;
    this.write();
  }
  get env(): Record<string, string> {
    return { LD_PRELOAD: FAKETIME_LIB!, FAKETIME_TIMESTAMP_FILE: this.file, FAKETIME_NO_CACHE: "1", TZ: "UTC", DONT_FAKE_MONOTONIC: "1" };
  }
}
