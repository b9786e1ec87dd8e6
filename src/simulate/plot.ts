// Plots for the terminal, in plain characters so they survive a pipe and fit 60 columns.

export interface Series {
  label: string;
  mark: string;
  points: readonly { x: number; y: number }[];
}

/** A scatter/line chart of the series in `width` × `height` characters plus axes; later series draw over earlier. */
/**
 * `yFloor`: points under it sit on the bottom row, when others are above it; `floorNote` (such as "below 0.8 on the
 * bottom row") is said after the y label only then.
 */
export function plot(series: readonly Series[], options: { width?: number; height?: number; xLabel: string; yLabel: string; yFloor?: number; floorNote?: string }): string {
  const width = options.width ?? 50;
  const height = options.height ?? 12;
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return "";
  let [x0, x1, y0, y1] = [Math.min(...all.map((p) => p.x)), Math.max(...all.map((p) => p.x)), Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  // Points under the floor sit on the bottom row, so the range that matters is not squashed.
  const floored = options.yFloor !== undefined && y0 < options.yFloor && y1 > options.yFloor;
  if (floored) y0 = options.yFloor!;
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) y1 = y0 + 0.01;
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(" "));
  for (const s of series) {
    for (const p of s.points) {
      const col = Math.round(((p.x - x0) / (x1 - x0)) * (width - 1));
      const row = height - 1 - Math.round(((Math.max(p.y, y0) - y0) / (y1 - y0)) * (height - 1));
      grid[row]![col] = s.mark;
    }
  }
  const yFmt = (v: number) => v.toFixed(3).padStart(6);
  const lines = grid.map((row, i) => `${i === 0 ? yFmt(y1) : i === height - 1 ? yFmt(y0) : "      "} │${row.join("")}`);
  lines.push(`       └${"─".repeat(width)}`);
  const left = String(Math.round(x0));
  const right = String(Math.round(x1));
  lines.push(`        ${left}${" ".repeat(Math.max(1, width - left.length - right.length))}${right}`);
  lines.push(`        ${options.xLabel}; up: ${options.yLabel}${floored && options.floorNote ? ` (${options.floorNote})` : ""}`);
  lines.push(`        ${series.map((s) => `${s.mark} ${s.label}`).join("  ")}`);
  return lines.join("\n");
}
