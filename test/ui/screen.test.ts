import { describe, expect, it } from "vitest";
import { layoutWindow, scrollHint, type ScreenParts } from "../../src/ui/screen.js";

const size = { cols: 40, rows: 10 };
const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
const keys = (scrolls: boolean) => (scrolls ? "enter next · PgUp/PgDn scroll" : "enter next");
const rows = (w: { content: string; bottom: string }) => w.content.split("\n").length + w.bottom.split("\n").length;

describe("a screen taller than the terminal", () => {
  it("is drawn whole, as before, when it fits", () => {
    const w = layoutWindow({ head: "header", body: "a\nb", gap: true }, keys, size, { top: 0, follow: false });
    expect(w.scrolls).toBe(false);
    expect(w.content).toBe("header\na\nb");
    expect(w.bottom).toBe("\nenter next");
  });

  it("keeps its header and the keys, fills the terminal's rows exactly, and says what is below", () => {
    const w = layoutWindow({ head: "header", body, gap: true }, keys, size, { top: 0, follow: false });
    expect(w.scrolls).toBe(true);
    const lines = w.content.split("\n");
    expect(lines[0]).toBe("header");
    expect(lines.slice(1, -1)).toEqual(["line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6"]);
    expect(lines.at(-1)).toBe("↓ 13 more lines · PgDn");
    expect(w.bottom).toBe("enter next · PgUp/PgDn scroll");
    expect(rows(w)).toBe(size.rows);
  });

  it("shows the window it is scrolled to, no further than the end", () => {
    const w = layoutWindow({ head: "header", body }, keys, size, { top: 99, follow: false });
    expect(w.top).toBe(13);
    expect(w.content.split("\n").slice(1, -1)[6]).toBe("line 19");
    expect(w.content.split("\n").at(-1)).toBe("↑ 13 lines above · PgUp");
    const middle = layoutWindow({ head: "header", body }, keys, { cols: 60, rows: 10 }, { top: 5, follow: false });
    expect(middle.content.split("\n").at(-1)).toBe("↑ 5 lines above · ↓ 8 more lines · PgUp/PgDn");
  });

  it("brings its focus into sight with the least move, and its start first when it is taller than the window", () => {
    const parts: ScreenParts = { head: "header", body, focus: { from: 10, to: 12 } };
    const down = layoutWindow(parts, keys, size, { top: 0, follow: true });
    expect(down.top).toBe(5);
    expect(down.content.split("\n").slice(1, -1).at(-1)).toBe("line 11");
    const up = layoutWindow(parts, keys, size, { top: 15, follow: true });
    expect(up.top).toBe(10);
    const tall = layoutWindow({ ...parts, focus: { from: 3, to: 18 } }, keys, size, { top: 0, follow: true });
    expect(tall.top).toBe(3);
    // The focus counts lines of the body; a lead above it scrolls with it.
    const led = layoutWindow({ ...parts, lead: "note" }, keys, size, { top: 0, follow: true });
    expect(led.content.split("\n").slice(1, -1).at(-1)).toBe("line 11");
    // Not following (the reader scrolled away), the window stays.
    expect(layoutWindow(parts, keys, size, { top: 0, follow: false }).top).toBe(0);
  });

  it("keeps the foot (what the prompt asks) under the window, and scrolls the lead with the body", () => {
    const w = layoutWindow({ lead: "note", head: "header", body, foot: "How easy was it?" }, keys, size, { top: 0, follow: false });
    const lines = w.content.split("\n");
    expect(lines[0]).toBe("header");
    expect(lines[1]).toBe("note");
    expect(lines.at(-1)).toBe("How easy was it?");
    expect(lines.at(-2)).toMatch(/more lines · PgDn$/);
    expect(rows(w)).toBe(size.rows);
  });

  it("draws the lead's short form in its place when the whole lead does not fit, and only then", () => {
    const lead = "note one\nnote two\nnote three";
    const short = { leadShort: "3 notes, later" };
    // Fits with the whole lead: the lead, no cut.
    const fits = layoutWindow({ lead, ...short, head: "header", body: "a\nb" }, keys, size, { top: 0, follow: false });
    expect(fits.content).toBe("note one\nnote two\nnote three\nheader\na\nb");
    expect(fits.leadCut).toBeUndefined();
    // Fits with the short form only: drawn whole with it.
    const six = Array.from({ length: 6 }, (_, i) => `line ${i}`).join("\n");
    const whole = layoutWindow({ lead, ...short, head: "header", body: six }, keys, size, { top: 0, follow: false });
    expect(whole.scrolls).toBe(false);
    expect(whole.leadCut).toBe(true);
    expect(whole.content.split("\n").slice(0, 3)).toEqual(["3 notes, later", "header", "line 0"]);
    // Taller than the terminal either way: the short form scrolls with the body, under the header.
    const tall = layoutWindow({ lead, ...short, head: "header", body }, keys, size, { top: 0, follow: false });
    expect(tall.scrolls).toBe(true);
    expect(tall.leadCut).toBe(true);
    expect(tall.content.split("\n").slice(0, 3)).toEqual(["header", "3 notes, later", "line 0"]);
    expect(rows(tall)).toBe(size.rows);
  });

  it("counts a line wider than the terminal as the rows it takes", () => {
    const wide = `${"x".repeat(85)}\n${body}`;
    const w = layoutWindow({ head: "header", body: wide }, keys, size, { top: 0, follow: false });
    expect(w.content.split("\n").length - 2).toBe(5);
  });
});

describe("the scroll hint", () => {
  it("counts lines in words and names the keys that go there", () => {
    expect(scrollHint(0, 1)).toBe("↓ 1 more line · PgDn");
    expect(scrollHint(1, 0)).toBe("↑ 1 line above · PgUp");
    expect(scrollHint(2, 3)).toBe("↑ 2 lines above · ↓ 3 more lines · PgUp/PgDn");
    // In fewer words where those do not fit.
    expect(scrollHint(2, 3, 30)).toBe("↑ 2 · ↓ 3 · PgUp/PgDn");
  });
});
