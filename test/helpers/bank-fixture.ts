// Small banks written to a temp folder for session tests; every key is findable on screen by its text.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SESSION_BANK = `# Session fixture

## Singles

### Which colour is a clear daytime sky?
<!-- id: fx-single-sky -->

- [ ] Green like grass
- [x] Blue like the sea
- [ ] Red like a brick
- [ ] Yellow like straw

> Scattered sunlight makes it blue.

### Which TWO numbers are prime? (Choose TWO)
<!-- id: fx-multi-primes -->

- [x] Seven
- [ ] Nine
- [x] Eleven
- [ ] Fifteen
- [ ] Twenty-one

> Seven and eleven have no divisors but one and themselves.

## Recall

- sample:
  - Which city is the capital of France? <!-- id: fx-recall-paris -->
    - Paris
  - Which gas do plants take in for photosynthesis? <!-- id: fx-recall-co2 -->
    - Carbon dioxide
  - How many legs does a spider have? <!-- id: fx-recall-spider -->
    - Eight
`;

/**
 * "# Alpha": a single-answer question and the recall card on its fact, declared siblings (ids `<p>-sky` and
 * `<p>-sky-card`); with `prime`, then "# Beta" with one more single-answer question (`<p>-prime`).
 */
export function siblingPairBank(p: string, prime: boolean): string {
  const alpha = `# Alpha

### Which colour is a clear daytime sky?
<!-- id: ${p}-sky -->
<!-- siblings: ${p}-sky-card -->

- [ ] Green like grass
- [x] Blue like the sea
- [ ] Red like a brick

> Scattered sunlight.

- sample:
  - What colour is a clear daytime sky? <!-- id: ${p}-sky-card -->
    - Blue
`;
  return prime
    ? `${alpha}
# Beta

### Which number is prime?
<!-- id: ${p}-prime -->

- [x] Seven
- [ ] Nine
- [ ] Fifteen

> Seven has no divisors but one and itself.
`
    : alpha;
}

/** A bank whose every card is answered by pressing Enter repeatedly: singles and recall cards only. */
export function enterOnlyBank(n: number): string {
  let out = "# Crash fixture\n\n";
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      out += `### Single question number ${i}?\n<!-- id: fx-crash-${i} -->\n\n- [x] right ${i}\n- [ ] wrong ${i}\n- [ ] other ${i}\n- [ ] more ${i}\n\n> because ${i}\n\n`;
    } else {
      out += `- sample:\n  - Recall question number ${i}? <!-- id: fx-crash-${i} -->\n    - answer ${i}\n\n`;
    }
  }
  return out;
}

export function writeBank(markdown: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cogquiz-bank-"));
  writeFileSync(join(dir, "bank.md"), markdown);
  return dir;
}

export function dataFile(): string {
  return join(mkdtempSync(join(tmpdir(), "cogquiz-data-")), "progress.json");
}
