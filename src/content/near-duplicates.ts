// Near-duplicate questions across a whole content set, without comparing all pairs: MinHash signatures of each
// question's stem and key words (as a set of content words), banded for locality-sensitive hashing (Broder 1997; Leskovec, Rajaraman & Ullman,
// "Mining of Massive Datasets", ch. 3). Questions that share a band are candidates; a candidate pair is a near
// duplicate when its signatures agree on at least SIMILARITY of their positions (the estimated Jaccard similarity of
// the two questions' word sets). Work grows with the number of questions, not with its square.

/** Hash functions per signature: BANDS bands of ROWS rows; a multiple of 8, as `signature` computes eight at a time. */
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

/** murmur3's finaliser: spreads the bits of a 32-bit hash (the tests' oracles build band keys and signatures with it). */
export function mix(h: number): number {
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
  const lower = text.toLowerCase();
  // The set of the words' hashes: for ASCII text hashed in place as the words are cut (no word strings), else from
  // contentWords. Both give fnv() of each word contentWords keeps.
  const n = /[^\x00-\x7f]/.test(lower) ? unicodeWordHashes(lower) : asciiWordHashes(lower);
  if (n === 0) return undefined;
  // Each distinct word's two hashes: a(x), flipped (see below), and the step b(x). Repeats are found in a table of
  // the text's own (stamped, so it is never cleared); a sort costs more on texts of a few dozen words.
  const distinct = distinctOf(n);
  for (let w = 0; w < distinct; w++) {
    const h = HASHES[w]!;
    FIRST[w] = mix(h) ^ 0x80000000;
    STEP[w] = mix(h ^ 0x9e3779b9) | 1;
  }
  // The minimums are kept as int32 with the top bit flipped, which orders them as the unsigned values: int32
  // arithmetic and comparisons stay in machine integers, where values above 2³¹ would be doubles. Flipping commutes
  // with adding mod 2³². Eight functions at a time, their minimums in registers, for one pass over the words each.
  const sig = newSignature();
  for (let k = 0; k < SIGNATURE_SIZE; k += 8) {
    let m0 = 0x7fffffff;
    let m1 = m0;
    let m2 = m0;
    let m3 = m0;
    let m4 = m0;
    let m5 = m0;
    let m6 = m0;
    let m7 = m0;
    for (let w = 0; w < distinct; w++) {
      const step = STEP[w]!;
      let v = (FIRST[w]! + Math.imul(k, step)) | 0;
      if (v < m0) m0 = v;
      v = (v + step) | 0;
      if (v < m1) m1 = v;
      v = (v + step) | 0;
      if (v < m2) m2 = v;
      v = (v + step) | 0;
      if (v < m3) m3 = v;
      v = (v + step) | 0;
      if (v < m4) m4 = v;
      v = (v + step) | 0;
      if (v < m5) m5 = v;
      v = (v + step) | 0;
      if (v < m6) m6 = v;
      v = (v + step) | 0;
      if (v < m7) m7 = v;
    }
    sig[k] = m0 ^ 0x80000000;
    sig[k + 1] = m1 ^ 0x80000000;
    sig[k + 2] = m2 ^ 0x80000000;
    sig[k + 3] = m3 ^ 0x80000000;
    sig[k + 4] = m4 ^ 0x80000000;
    sig[k + 5] = m5 ^ 0x80000000;
    sig[k + 6] = m6 ^ 0x80000000;
    sig[k + 7] = m7 ^ 0x80000000;
  }
  sig[SIGNATURE_SIZE] = distinct;
  return sig;
}

/** Slots of the table of seen hashes (a power of two, over twice the words of any text it takes) and their stamps. */
let SEEN = new Uint32Array(2048);
let SEEN_STAMP = new Int32Array(2048);
let stamp = 0;

/** Moves the distinct values among HASHES[0, n) to its front, in their first order; returns how many. */
function distinctOf(n: number): number {
  if (SEEN.length < 2 * n) {
    let size = SEEN.length;
    while (size < 2 * n) size *= 2;
    SEEN = new Uint32Array(size);
    SEEN_STAMP = new Int32Array(size);
  }
  stamp = (stamp + 1) | 0;
  if (stamp === 0) {
    SEEN_STAMP.fill(0);
    stamp = 1;
  }
  const mask = SEEN.length - 1;
  let kept = 0;
  for (let w = 0; w < n; w++) {
    const h = HASHES[w]!;
    let at = mix(h) & mask;
    let fresh = true;
    while (SEEN_STAMP[at] === stamp) {
      if (SEEN[at] === h) {
        fresh = false;
        break;
      }
      at = (at + 1) & mask;
    }
    if (!fresh) continue;
    SEEN[at] = h;
    SEEN_STAMP[at] = stamp;
    HASHES[kept++] = h;
  }
  return kept;
}

/** The distinct words' first hashes and steps, for the text being signed; grown with HASHES. */
let FIRST = new Int32Array(1024);
let STEP = new Int32Array(1024);

/** One slot more than the hashes: the last holds the number of distinct words. */
const SIGNATURE_WIDTH = SIGNATURE_SIZE + 1;
/** Signatures are cut from shared blocks: an array buffer of its own for each of 100,000 questions costs megabytes. */
const SIGNATURES_PER_BLOCK = 1024;
let block = new Uint32Array(0);
let blockUsed = 0;

function newSignature(): Uint32Array {
  if (blockUsed + SIGNATURE_WIDTH > block.length) {
    block = new Uint32Array(SIGNATURE_WIDTH * SIGNATURES_PER_BLOCK);
    blockUsed = 0;
  }
  const sig = block.subarray(blockUsed, blockUsed + SIGNATURE_WIDTH);
  blockUsed += SIGNATURE_WIDTH;
  return sig;
}

/** Room for the word hashes of one text; grown for a longer one. */
let HASHES = new Uint32Array(1024);

function pushHash(n: number, h: number): number {
  if (n === HASHES.length) {
    const more = new Uint32Array(n * 2);
    more.set(HASHES);
    HASHES = more;
    FIRST = new Int32Array(n * 2);
    STEP = new Int32Array(n * 2);
  }
  HASHES[n] = h;
  return n + 1;
}

function unicodeWordHashes(lower: string): number {
  let n = 0;
  for (const w of contentWords(lower)) n = pushHash(n, fnv(w));
  return n;
}

/**
 * Stop words by their hash, to tell a stop word from a word without making the word's string: an open-addressing
 * table of the words' indexes in STOP_WORDS (plus one; 0 is empty), probed from the hash's low bits.
 */
const STOP_WORDS = [...STOP];
const STOP_SLOTS = 512;
const STOP_TABLE = new Int32Array(STOP_SLOTS);
const STOP_HASHES = new Int32Array(STOP_WORDS.length);
STOP_WORDS.forEach((w, i) => {
  const h = fnv(w) | 0;
  STOP_HASHES[i] = h;
  let at = h & (STOP_SLOTS - 1);
  while (STOP_TABLE[at] !== 0) at = (at + 1) & (STOP_SLOTS - 1);
  STOP_TABLE[at] = i + 1;
});

function isStop(lower: string, start: number, end: number, h: number): boolean {
  for (let at = h & (STOP_SLOTS - 1); ; at = (at + 1) & (STOP_SLOTS - 1)) {
    const entry = STOP_TABLE[at]!;
    if (entry === 0) return false;
    if (STOP_HASHES[entry - 1] === h) {
      const w = STOP_WORDS[entry - 1]!;
      if (w.length === end - start && lower.startsWith(w, start)) return true;
    }
  }
}

/** asciiWords and keep of contentWords (minimum length 1) over `lower`, writing fnv() of each kept word to HASHES. */
function asciiWordHashes(lower: string): number {
  const cut = asciiWordSpans(lower, 1, SIGNATURE_SPANS);
  SIGNATURE_SPANS = cut.spans;
  let n = 0;
  for (let w = 0; w < cut.n; w++) n = pushHash(n, cut.spans.hash[w]! >>> 0);
  return n;
}

/** Where each content word of a text is: [start, end) in the lower-cased text, a plural's s left out, and its fnv(). */
interface Spans {
  start: Int32Array;
  end: Int32Array;
  hash: Int32Array;
}

function spans(size: number): Spans {
  return { start: new Int32Array(size), end: new Int32Array(size), hash: new Int32Array(size) };
}

function roomFor(s: Spans, n: number): Spans {
  if (n < s.start.length) return s;
  const more = spans(s.start.length * 2);
  more.start.set(s.start);
  more.end.set(s.end);
  more.hash.set(s.hash);
  return more;
}

let SIGNATURE_SPANS = spans(256);
let STEM_SPANS = spans(256);
let OPTION_SPANS = spans(256);

/** asciiWords and keep of contentWords over `lower` as spans (no strings); returns the spans and their number. */
function asciiWordSpans(lower: string, minLength: number, out: Spans): { spans: Spans; n: number } {
  let n = 0;
  let i = 0;
  const len = lower.length;
  while (i < len) {
    while (i < len && !isAlnum(lower.charCodeAt(i))) i++;
    if (i >= len) break;
    const start = i;
    let end = i;
    // fnv over the word as cut, and over all of it but its last character (for a plural's s).
    let h = 0x811c9dc5;
    let beforeLast = h;
    while (i < len) {
      const c = lower.charCodeAt(i);
      if (isAlnum(c)) {
        beforeLast = h;
        h = Math.imul(h ^ c, 0x01000193);
        end = ++i;
      } else if ((c === 39 || c === 45) && isAlnum(lower.charCodeAt(i + 1))) {
        beforeLast = h;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      } else break;
    }
    // A word ends on a letter or digit: a ' or - is hashed only when one follows, so h is the hash of [start, end).
    const length = end - start;
    if (length < minLength || isStop(lower, start, end, h | 0)) continue;
    const plural = length > 3 && lower.charCodeAt(end - 1) === 115 && lower.charCodeAt(end - 2) !== 115;
    out = roomFor(out, n);
    out.start[n] = start;
    out.end[n] = plural ? end - 1 : end;
    out.hash[n] = (plural ? beforeLast : h) | 0;
    n++;
  }
  return { spans: out, n };
}

function sameSpan(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (a.charCodeAt(aStart + k) !== b.charCodeAt(bStart + k)) return false;
  return true;
}

/** Slots of the stem's word table (entry: span index + 1) and, per span, the option that last matched it. */
let ECHO_TABLE = new Int32Array(512);
let ECHO_MARK = new Int32Array(256);

/**
 * The option that alone repeats the stem's content words (of `minLength` characters up): the one option sharing at
 * least `minShared` distinct words with `stem` while no other option shares any. -1 when there is none. The same
 * answer as comparing sets of contentWords(…, minLength), which ASCII texts are spared: their words are compared
 * where they stand.
 */
export function loneEcho(stem: string, options: readonly string[], minLength: number, minShared: number): number {
  const lowerStem = stem.toLowerCase();
  if (/[^\x00-\x7f]/.test(lowerStem) || options.some((o) => /[^\x00-\x7f]/.test(o))) return loneEchoOfWords(stem, options, minLength, minShared);
  const cut = asciiWordSpans(lowerStem, minLength, STEM_SPANS);
  STEM_SPANS = cut.spans;
  const n = cut.n;
  if (n === 0) return -1;
  // A table of the first `size` slots, cleared for this stem alone: a few dozen slots for most.
  let size = 16;
  while (size < 2 * n) size *= 2;
  if (size > ECHO_TABLE.length) ECHO_TABLE = new Int32Array(size);
  else ECHO_TABLE.fill(0, 0, size);
  if (ECHO_MARK.length < n) ECHO_MARK = new Int32Array(2 * n);
  ECHO_MARK.fill(-1, 0, n);
  const mask = size - 1;
  const stemSpans = STEM_SPANS;
  for (let w = 0; w < n; w++) {
    let at = stemSpans.hash[w]! & mask;
    while (ECHO_TABLE[at] !== 0) at = (at + 1) & mask;
    ECHO_TABLE[at] = w + 1;
  }
  let echoing = -1;
  for (let i = 0; i < options.length; i++) {
    const lower = options[i]!.toLowerCase();
    const words = asciiWordSpans(lower, minLength, OPTION_SPANS);
    OPTION_SPANS = words.spans;
    const o = OPTION_SPANS;
    let shared = 0;
    for (let w = 0; w < words.n; w++) {
      const h = o.hash[w]!;
      for (let at = h & mask; ECHO_TABLE[at] !== 0; at = (at + 1) & mask) {
        const e = ECHO_TABLE[at]! - 1;
        if (stemSpans.hash[e] !== h || !sameSpan(lowerStem, stemSpans.start[e]!, stemSpans.end[e]!, lower, o.start[w]!, o.end[w]!)) continue;
        if (ECHO_MARK[e] !== i) {
          ECHO_MARK[e] = i;
          shared++;
        }
        break;
      }
    }
    if (shared === 0) continue;
    if (echoing >= 0 || shared < minShared) return -1;
    echoing = i;
  }
  return echoing;
}

/** loneEcho by sets of words: for any text. */
function loneEchoOfWords(stem: string, options: readonly string[], minLength: number, minShared: number): number {
  const stemWords = new Set(contentWords(stem, minLength));
  if (stemWords.size === 0) return -1;
  let echoing = -1;
  for (let i = 0; i < options.length; i++) {
    const shared = new Set(contentWords(options[i]!, minLength).filter((w) => stemWords.has(w))).size;
    if (shared === 0) continue;
    if (echoing >= 0 || shared < minShared) return -1;
    echoing = i;
  }
  return echoing;
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
 *
 * The LSH buckets, band key → the first BUCKET_LIMIT questions that had it, are runs of one sorted array: every
 * question's band keys are sorted (a radix sort, so equal keys keep the questions' order), and a question's
 * candidates in a band are the first of its key's run that come before it. At 100,000 questions (1.6 million band
 * keys) a hash table of buckets is tens of megabytes read at random, a cache miss per band; sorting reads and writes
 * the keys in order.
 */
export function nearDuplicates(signatures: readonly (Uint32Array | undefined)[], skip: (first: number, second: number) => boolean): NearDuplicate[] {
  // One flat array of every signature, in load order: the candidates of a question are anywhere in the set, and
  // 100,000 small arrays read at random cost a cache miss for each array's header as well as for its values.
  const width = SIGNATURE_WIDTH;
  const n = signatures.length;
  const flat = new Uint32Array(n * width);
  signatures.forEach((sig, i) => {
    if (sig) flat.set(sig, i * width);
  });
  // Band key of each entry (question i, band b) at i·BANDS + b: 30 bits, or -1 for a question with no signature. A
  // clash (also across bands) only adds a candidate, which is then compared.
  const keys = new Int32Array(n * BANDS).fill(-1);
  for (let i = 0; i < n; i++) {
    if (!signatures[i]) continue;
    const at = i * width;
    for (let band = 0; band < BANDS; band++) {
      let h = Math.imul(0x811c9dc5 ^ band, 0x9e3779b1);
      for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ flat[at + band * ROWS + r]!, 0x01000193);
      keys[i * BANDS + band] = mix(h) & 0x3fffffff;
    }
  }
  const order = sortedByKey(keys);
  // Per entry: where its key's run starts in `order`, and how many entries of earlier questions the run has before it.
  const runStart = new Int32Array(keys.length);
  const before = new Int32Array(keys.length);
  for (let s = 0; s < order.length; ) {
    const key = keys[order[s]!]!;
    let t = s;
    let earlier = 0;
    let question = -1;
    for (; t < order.length && keys[order[t]!] === key; t++) {
      const e = order[t]!;
      const q = (e / BANDS) | 0;
      // Entries of one question are side by side (entry numbers are question-major): none is another's candidate.
      if (q !== question) {
        earlier = t - s;
        question = q;
      }
      runStart[e] = s;
      before[e] = earlier;
    }
    s = t;
  }
  // Below this many agreeing positions a pair cannot reach SIMILARITY: its comparison stops there.
  const needed = Math.ceil(SIMILARITY * SIGNATURE_SIZE);
  const stamp = new Int32Array(n).fill(-1);
  const pairs: NearDuplicate[] = [];
  for (let i = 0; i < n; i++) {
    if (!signatures[i]) continue;
    const at = i * width;
    let best = -1;
    let bestSimilarity = 0;
    let checked = 0;
    for (let band = 0; band < BANDS && checked < CANDIDATE_LIMIT; band++) {
      const e = i * BANDS + band;
      const from = runStart[e]!;
      const count = Math.min(before[e]!, BUCKET_LIMIT);
      for (let m = 0; m < count; m++) {
        const j = (order[from + m]! / BANDS) | 0;
        if (stamp[j] === i || checked >= CANDIDATE_LIMIT) continue;
        stamp[j] = i;
        checked++;
        const other = j * width;
        let same = 0;
        let differ = 0;
        for (let k = 0; k < SIGNATURE_SIZE && differ <= SIGNATURE_SIZE - needed; k++) {
          if (flat[at + k] === flat[other + k]) same++;
          else differ++;
        }
        if (same < needed) continue;
        const sim = same / SIGNATURE_SIZE;
        // |A ∩ B| = J·(|A| + |B|) / (1 + J)
        const shared = (sim * (flat[at + SIGNATURE_SIZE]! + flat[other + SIGNATURE_SIZE]!)) / (1 + sim);
        if (sim >= SIMILARITY && shared >= MIN_SHARED_WORDS && sim > bestSimilarity && !skip(j, i)) {
          best = j;
          bestSimilarity = sim;
        }
      }
    }
    if (best >= 0) pairs.push({ first: best, second: i, similarity: bestSimilarity });
  }
  return pairs;
}

/** Half a 30-bit key: the radix sort's digit. */
const DIGIT_BITS = 15;
const DIGIT_MASK = (1 << DIGIT_BITS) - 1;

/**
 * The entries whose key is not -1, ordered by key and, within a key, by entry number: a least-significant-digit
 * radix sort in two passes of DIGIT_BITS, each stable, so the entries' own order survives within a key.
 */
function sortedByKey(keys: Int32Array): Int32Array {
  let count = 0;
  for (let e = 0; e < keys.length; e++) if (keys[e]! >= 0) count++;
  let from = new Int32Array(count);
  for (let e = 0, k = 0; e < keys.length; e++) if (keys[e]! >= 0) from[k++] = e;
  let to = new Int32Array(count);
  const starts = new Int32Array(1 << DIGIT_BITS);
  for (let shift = 0; shift < 2 * DIGIT_BITS; shift += DIGIT_BITS) {
    starts.fill(0);
    for (let lo = 0; lo < count; lo += SORT_CHUNK) countDigits(keys, from, starts, shift, lo, Math.min(count, lo + SORT_CHUNK));
    for (let d = 0, sum = 0; d <= DIGIT_MASK; d++) {
      const c = starts[d]!;
      starts[d] = sum;
      sum += c;
    }
    for (let lo = 0; lo < count; lo += SORT_CHUNK) placeByDigit(keys, from, to, starts, shift, lo, Math.min(count, lo + SORT_CHUNK));
    [from, to] = [to, from];
  }
  return from;
}

/**
 * The sort's two passes over the entries go in chunks, each a call of a small function. The sort runs once per
 * validate: as two long loops, V8 ran most of them in its interpreter while it compiled them (16 ms of a cold run at
 * 10,000 questions); a function called for chunk after chunk is compiled once and runs optimized for the rest
 * (8 ms). The outcome is the same.
 */
const SORT_CHUNK = 4096;

function countDigits(keys: Int32Array, from: Int32Array, starts: Int32Array, shift: number, lo: number, hi: number): void {
  for (let k = lo; k < hi; k++) starts[(keys[from[k]!]! >>> shift) & DIGIT_MASK]!++;
}

function placeByDigit(keys: Int32Array, from: Int32Array, to: Int32Array, starts: Int32Array, shift: number, lo: number, hi: number): void {
  for (let k = lo; k < hi; k++) {
    const e = from[k]!;
    to[starts[(keys[e]! >>> shift) & DIGIT_MASK]!++] = e;
  }
}
