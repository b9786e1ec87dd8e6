// A fingerprint of a file's bytes for the parse cache: any edit, even one that keeps the size and the modification
// time, changes it. Two independent 32-bit multiply-xorshift lanes over 32-bit words (64 bits in all), so a
// 3 MB bank is hashed in about a millisecond without loading node:crypto at start-up. Not a cryptographic hash:
// the cache only has to notice edits, not resist someone forging a collision against their own cache.

export function contentDigest(bytes: Uint8Array): string {
  let a = 0x9e3779b9 ^ bytes.length;
  let b = 0x85ebca6b ^ Math.imul(bytes.length, 0xc2b2ae35);
  const words = bytes.byteLength >>> 2;
  // An aligned view when the buffer allows one (Buffers from readFileSync usually do); else read bytes one by one.
  const aligned = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, words) : undefined;
  for (let i = 0; i < words; i++) {
    const w = aligned ? aligned[i]! : bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24);
    a = Math.imul(a ^ w, 0x85ebca6b);
    a ^= a >>> 15;
    b = Math.imul(b ^ w ^ i, 0xcc9e2d51);
    b ^= b >>> 13;
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x85ebca6b);
    b = Math.imul(b ^ bytes[i]!, 0xcc9e2d51) ^ (b >>> 16);
  }
  a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
  b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
  a ^= a >>> 15;
  b ^= b >>> 16;
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}
