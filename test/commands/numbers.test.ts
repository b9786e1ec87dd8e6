// Numbers in options and settings are read one way: decimal digits, a fraction allowed.

import { describe, expect, it } from "vitest";
import { parseSimulateOptions } from "../../src/commands/simulate.js";
import { cogquiz } from "../helpers/cli.js";
import { dataFile } from "../helpers/bank-fixture.js";

describe("a number typed for minutes, a target or a retention", () => {
  it("is refused when written otherwise than in decimal digits (0x10, 1e1, +5), not read as 16, 10 or 5", () => {
    const data = dataFile();
    for (const [args, message] of [
      [["plan", "--exam", "+30d", "--minutes", "0x10"], '--minutes takes a number from 1 to 1440 (got "0x10")'],
      [["plan", "--exam", "+30d", "--target", "9.7e-1"], '--target takes a number from 0.7 to 0.995 (got "9.7e-1")'],
      [["config", "set", "desiredRetention", "0x1"], 'desiredRetention takes a number from 0.70 to 0.99 (got "0x1")'],
      [["simulate", "--minutes", "1e1"], '--minutes takes a number above 0 and at most 1440 (got "1e1")'],
      // The exam and the simulator take minutes as one range, in one message.
      [["exam", "--minutes", "0"], '--minutes takes a number above 0 and at most 1440 (got "0")'],
      [["exam", "--minutes", "1441"], '--minutes takes a number above 0 and at most 1440 (got "1441")'],
    ] as const) {
      const r = cogquiz(["--data", data, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toContain(message);
    }
    // Nothing was stored: no exam, the default retention.
    expect(cogquiz(["--data", data, "config", "get"]).stdout).toContain("desiredRetention=0.9\n");
    expect(cogquiz(["--data", data, "plan"]).stdout).toContain("No exam set");
    const planned = dataFile();
    expect(cogquiz(["--data", planned, "plan", "--exam", "+30d"]).code).toBe(0);
    const minutes = cogquiz(["--data", planned, "config", "set", "minutesPerDay", "+5"]);
    expect(minutes.code).toBe(2);
    expect(minutes.stderr).toContain('minutesPerDay takes a number from 1 to 1440 (got "+5")');
    expect(cogquiz(["--data", planned, "config", "get", "minutesPerDay"]).stdout).toBe("30\n");
    expect(() => parseSimulateOptions({ target: "0x1" }, 150)).toThrow('--target takes a number from 0.5 to 0.995 (got "0x1")');
  });

  it("takes a fraction, with or without its leading zero", () => {
    const data = dataFile();
    expect(cogquiz(["--data", data, "config", "set", "desiredRetention", ".85"]).stdout).toBe("desiredRetention=0.85\n");
    const plan = cogquiz(["--data", data, "plan", "--exam", "+30d", "--minutes", "22.5", "--target", "0.95"]);
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/22\.5 minutes a day · target recall 0\.95/);
  });
});
