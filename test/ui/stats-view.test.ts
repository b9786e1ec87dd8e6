import { describe, expect, it } from "vitest";
import type { Stats } from "../../src/session/stats.js";
import { formatStats } from "../../src/ui/stats-view.js";
import { displayWidth } from "../../src/ui/layout.js";

function statsWithLeeches(leeches: Stats["leeches"]): Stats {
  const none = { right: 0, total: 0, rate: null };
  return {
    version: 1,
    generatedAt: "2027-01-10T10:00:00.000Z",
    cards: { total: 2, seen: 2, mature: 0, suspended: 0, orphaned: 0 },
    topics: [{ path: ["Integrations"], total: 2, seen: 2, mature: 0, mastery: 0 }],
    forecast: [{ date: "2027-01-10", due: 2 }],
    reviewsPerDay: [{ date: "2027-01-10", reviews: 4 }],
    retention: { last7: none, last30: none },
    streak: { current: 1, longest: 1 },
    leeches,
    exams: [],
    examTrend: null,
  };
}

describe("stats on a 60-column terminal", () => {
  it("keeps a leech's id and lapses whole within the width, the title giving way", () => {
    const text = formatStats(
      statsWithLeeches([
        { id: "int-apigw-lambda-authorizer-tenant-check", title: "A SaaS company protects a REST API with tokens", lapses: 12 },
        { id: "cup-recall-client-credentials-tokens", title: "A batch job gets tokens from the token endpoint", lapses: 9 },
        { id: "short-id", title: "A batch job gets tokens from the token endpoint", lapses: 1 },
      ]),
      60,
    );
    const lines = text.split("\n");
    expect(lines.filter((l) => displayWidth(l) > 60)).toEqual([]);
    expect(lines).toContain("  int-apigw-lambda-authorizer-tenant-check  12 lapses");
    expect(lines).toContain("  cup-recall-client-credentials-tokens  A batch…  9 lapses");
    expect(lines.find((l) => l.startsWith("  short-id  A batch job gets tokens"))).toMatch(/…  1 lapse$/);
  });
});

describe("stats of a content set with no cards", () => {
  it("says the mastery table is empty rather than leaving its heading alone", () => {
    const empty = { ...statsWithLeeches([]), cards: { total: 0, seen: 0, mature: 0, suspended: 0, orphaned: 0 }, topics: [] };
    const lines = formatStats(empty, 60).split("\n");
    const heading = lines.findIndex((l) => l.startsWith("Mastery by topic"));
    // The heading wraps at 60 columns: the line after it says the table is empty.
    expect(lines.slice(heading, heading + 3)).toContain("  none: the content set has no cards");
    expect(lines.slice(heading + 1).findIndex((l) => l === "")).toBe(lines.slice(heading + 1).indexOf("  none: the content set has no cards") + 1);
  });
});
