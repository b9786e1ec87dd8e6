import { describe, expect, it } from "vitest";
import { plot } from "../../src/simulate/plot.js";

const options = { width: 20, height: 6, xLabel: "right: day", yLabel: "mean recall", yFloor: 0.8, floorNote: "below 0.8 on the bottom row" };
const rows = (text: string) => text.split("\n");

describe("the simulator's plot", () => {
  it("puts points under the floor on the bottom row, labelled with the floor, and says so", () => {
    const text = plot([{ label: "a", mark: "a", points: [{ x: 0, y: 0.1 }, { x: 5, y: 0.95 }] }], options);
    expect(rows(text)[0]).toMatch(/^ 0\.950 │/);
    expect(rows(text)[5]).toMatch(/^ 0\.800 │a/);
    expect(text).toContain("up: mean recall (below 0.8 on the bottom row)");
  });

  it("keeps the whole range, and says nothing of a floor, when every point is under it", () => {
    const text = plot([{ label: "a", mark: "a", points: [{ x: 0, y: 0 }, { x: 5, y: 0.736 }] }], options);
    expect(rows(text)[0]).toMatch(/^ 0\.736 │/);
    expect(rows(text)[5]).toMatch(/^ 0\.000 │a/);
    expect(text).toContain("up: mean recall\n");
    expect(text).not.toContain("bottom row");
  });
});
