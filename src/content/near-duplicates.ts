// Near-duplicate questions across a whole content set, without comparing all pairs: MinHash signatures of each
// question's stem and key words (as a set of content words), banded for locality-sensitive hashing (Broder 1997; Leskovec, Rajaraman & Ullman,
// "Mining of Massive Datasets", ch. 3). Questions that share a band are candidates; a candidate pair is a near
// duplicate when its signatures agree on at least SIMILARITY of their positions (the estimated Jaccard similarity of
// the two questions' word sets). Work grows with the number of questions, not with its square.

/** Hash functions per signature: BANDS bands of ROWS rows. */
export const SIGNATURE_SIZE = 48;
const BANDS = 16;
const ROWS = SIGNATURE_SIZE / BANDS;
/**
 * Estimated Jaccard similarity of the word sets from which a pair counts as a near duplicate. With 16 bands of
 * 3 rows, a pair at 0.5 becomes a candidate with probability 1 − (1 − 0.5³)¹⁶ ≈ 0.88, a pair at 0.6 with 0.98, a pair
 * at 0.2 with 0.12. On a bank of one service, questions on different facts share a third of their words at most;
 * the twins in a real bank (a fact asked twice in other words) share half or more.
 */
export const SIMILARITY = 0.5;
/**
 * Content words two questions must share (estimated from the similarity and the two set sizes) to be a pair: two
 * short questions on one service ("Which pool issues tokens?") are alike by chance in half of their four words.
 */
export const MIN_SHARED_WORDS = 5;
/** Members kept per bucket and candidates checked per question: bounds the work on a bank of templated questions. */
const BUCKET_LIMIT = 6;
const CANDIDATE_LIMIT = 8;

/** Words that say nothing about which fact is asked. */
const STOP = new Set(
  ("a an the of to in on for and or is are be been was were which what who whom whose that this these those with by it its as at " +
    "from does do did how can could should would will when where why must has have had than then there their they them you your " +
    "following best most correct true statement statements option options choose select pick two three four one answer")
    .split(" "),
);

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's finaliser: spreads the bits of a 32-bit hash. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** The content words of a text, lower case, markdown marks and stop words gone, a plural's s dropped. */
export function contentWords(text: string, minLength = 1): string[] {
  const lower = text.toLowerCase();
  // A hot path on big banks: ASCII text is cut by hand, other text by the Unicode-aware pattern.
  if (!/[^\x00-\x7f]/.test(lower)) return asciiWords(lower, minLength);
  const out: string[] = [];
  for (const m of lower.matchAll(WORD)) keep(m[0].replace(/['’-]+$/, ""), out, minLength);
  return out;
}

function keep(word: string, out: string[], minLength: number): void {
  if (word.length < minLength || word === "" || STOP.has(word)) return;
  out.push(word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

function asciiWords(lower: string, minLength: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = lower.length;
  while (i < n) {
    while (i < n && !isAlnum(lower.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let end = i;
    while (i < n) {
      const c = lower.charCodeAt(i);
      if (isAlnum(c)) end = ++i;
      else if ((c === 39 || c === 45) && isAlnum(lower.charCodeAt(i + 1))) i++;
      else break;
    }
    if (end - start >= minLength) keep(lower.slice(start, end), out, minLength);
  }
  return out;
}

/**
 * The MinHash signature of a question's set of content words. Each of the SIGNATURE_SIZE hash functions is g_k(x) = a(x) + k·b(x) (Kirsch & Mitzenmacher's two-hash
 * trick), so a shingle costs two mixes and one addition per function. Undefined when the text has no content words.
 */
export function signature(text: string): Uint32Array | undefined {
  const words = contentWords(text);
  if (words.length === 0) return undefined;
  // One slot more than the hashes: the last holds the number of distinct words.
  const sig = new Uint32Array(SIGNATURE_SIZE + 1).fill(0xffffffff);
  const seen = new Set<number>();
  const add = (h: number): void => {
    if (seen.has(h)) return;
    seen.add(h);
    let v = mix(h);
    const step = mix(h ^ 0x9e3779b9) | 1;
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      if (v < sig[k]!) sig[k] = v;
      v = (v + step) >>> 0;
    }
  };
  for (const w of words) add(fnv(w));
  sig[SIGNATURE_SIZE] = seen.size;
  return sig;
}

/** Share of positions on which two signatures agree: an estimate of the Jaccard similarity of their shingles. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SIGNATURE_SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIGNATURE_SIZE;
}

export interface NearDuplicate {
  /** Index of the earlier question (in the order given). */
  first: number;
  /** Index of the later one. */
  second: number;
  similarity: number;
}

/**
 * Near-duplicate pairs among `signatures` (in load order). Each question is paired with at most one earlier question,
 * its most similar candidate, so a group of n copies gives n − 1 pairs, each naming both places. `skip(i, j)` leaves a
 * pair out (declared siblings, identical stems already reported).
 */
export function nearDuplicates(signatures: readonly (Uint32Array | undefined)[], skip: (first: number, second: number) => boolean): NearDuplicate[] {
  const buckets = new Map<number, number[]>();
  const stamp = new Int32Array(signatures.length).fill(-1);
  const pairs: NearDuplicate[] = [];
  for (let i = 0; i < signatures.length; i++) {
    const sig = signatures[i];
    if (!sig) continue;
    let best = -1;
    let bestSimilarity = 0;
    let checked = 0;
    const keys: number[] = new Array(BANDS);
    for (let band = 0; band < BANDS; band++) {
      let h = Math.imul(0x811c9dc5 ^ band, 0x9e3779b1);
      for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[band * ROWS + r]!, 0x01000193);
      // 30 bits: small integers are the fastest Map keys. A clash only adds a candidate, which is then compared.
      const key = mix(h) & 0x3fffffff;
      keys[band] = key;
      const members = buckets.get(key);
      if (!members) continue;
      for (const j of members) {
        if (stamp[j] === i || checked >= CANDIDATE_LIMIT) continue;
        stamp[j] = i;
        checked++;
        const other = signatures[j]!;
        const s = similarity(sig, other);
        // |A ∩ B| = J·(|A| + |B|) / (1 + J)
        const shared = (s * (sig[SIGNATURE_SIZE]! + other[SIGNATURE_SIZE]!)) / (1 + s);
        if (s >= SIMILARITY && shared >= MIN_SHARED_WORDS && s > bestSimilarity && !skip(j, i)) {
          best = j;
          bestSimilarity = s;
        }
      }
    }
    if (best >= 0) pairs.push({ first: best, second: i, similarity: bestSimilarity });
    for (const key of keys) {
      const members = buckets.get(key);
      if (!members) buckets.set(key, [i]);
      else if (members.length < BUCKET_LIMIT) members.push(i);
    }
  }
  return pairs;
}
