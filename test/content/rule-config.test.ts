import { describe, expect, it } from "vitest";
import { parseRuleConfig } from "../../src/content/rule-config.js";

const problemOf = (text: string): string | undefined => {
  const parsed = parseRuleConfig(text, ".cogquiz.json");
  return "problem" in parsed ? parsed.problem : undefined;
};

describe(".cogquiz.json", () => {
  it("reads rule settings, false meaning off", () => {
    expect(parseRuleConfig('{"rules": {"missing-reference": "off", "key-position-bias": "Error", "option-echoes-stem": false}}', "c.json")).toEqual({
      file: "c.json",
      rules: { "missing-reference": "off", "key-position-bias": "error", "option-echoes-stem": "off" },
    });
  });

  it("takes names of the object prototype for what they are: not rule ids, not settings", () => {
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
      expect(problemOf(`{"rules": {"${name}": "off"}}`), name).toBe(`.cogquiz.json: "${name}" is not a rule id; \`cogquiz validate --help\` points at the list`);
      expect(problemOf(`{"rules": {"missing-reference": "${name}"}}`), name).toMatch(/must be "off", "warning" or "error"/);
    }
    expect(problemOf('{"__proto__": {}}')).toMatch(/unknown key "__proto__"/);
  });

  it("accepts a file saved with a byte order mark", () => {
    expect(parseRuleConfig('\uFEFF{"rules": {"missing-reference": "off"}}', "c.json")).toEqual({ file: "c.json", rules: { "missing-reference": "off" } });
  });

  it("refuses true, which the settings do not include, as it refuses any other value", () => {
    expect(problemOf('{"rules": {"missing-explanation": true}}')).toBe(
      '.cogquiz.json: rule "missing-explanation" must be "off", "warning" or "error" (got true)',
    );
    expect(problemOf('{"rules": {"missing-explanation": "loud"}}')).toMatch(/must be "off", "warning" or "error" \(got "loud"\)/);
  });
});
