// Reader figures on hostile shapes: 60,000 relative links in one paragraph must cost about what the same links in
// separate paragraphs cost (no step that is quadratic in a block's links).

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function timeValidate(CLI, file) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [CLI, "validate", "--no-bundled", "--format", "json", file], {
    env: { ...process.env, COGQUIZ_NO_CACHE: "1" },
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`validate ${file} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function benchScale({ check, CLI, WORK }) {
  const dir = join(WORK, "scale");
  mkdirSync(dir, { recursive: true });
  const links = Array.from({ length: 60_000 }, (_, i) => `[l${i}](missing-${i}.md)`);
  const one = join(dir, "one-paragraph.md");
  const separate = join(dir, "separate.md");
  writeFileSync(one, `# T\n\n${links.join(" ")}\n`);
  writeFileSync(separate, `# T\n\n${links.join("\n\n")}\n`);
  const runs = 3;
  const oneMs = [];
  const sepMs = [];
  for (let i = 0; i < runs; i++) {
    oneMs.push(timeValidate(CLI, one));
    sepMs.push(timeValidate(CLI, separate));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = median(oneMs) / median(sepMs);
  console.log(`\nscale: 60,000 relative links, validate: one paragraph ${median(oneMs).toFixed(0)} ms, separate paragraphs ${median(sepMs).toFixed(0)} ms`);
  check("60,000 links in one paragraph / in separate paragraphs", ratio.toFixed(2), "<= 2", ratio <= 2);
}
