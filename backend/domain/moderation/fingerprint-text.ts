/** How many of the smallest word-pair hashes a fingerprint keeps. */
const SKETCH_SIZE = 16;

/** murmur3's finaliser: spreads a combined pair of word hashes over all 32 bits. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127
  );
}

/**
 * The text's words as 32-bit FNV-1a hashes, ASCII letters folded to lower case, in one pass over the
 * characters (no strings made per word): a word is a run of ASCII letters and digits and any non-ASCII
 * characters, which the caller has already cleaned of invisible ones.
 */
export function hashWords(text: string): number[] {
  const hashes: number[] = [];
  let hash = 0x811c9dc5;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (isWordChar(code)) {
      if (code >= 65 && code <= 90) code += 32;
      hash = Math.imul(hash ^ code, 0x01000193);
      inWord = true;
    } else if (inWord) {
      hashes.push(hash >>> 0);
      hash = 0x811c9dc5;
      inWord = false;
    }
  }
  if (inWord) hashes.push(hash >>> 0);
  return hashes;
}

/**
 * A bottom-k MinHash sketch of the text's word pairs, as hex: the 16 smallest pair hashes. Two texts
 * share most of their smallest hashes exactly when they share most of their word pairs, so a
 * near-duplicate is found from the sketches alone, without keeping the text.
 */
export function fingerprintText(wordHashes: readonly number[]): string {
  // Insertion into a short sorted array without splice: this runs once per word pair.
  const smallest: number[] = [];
  const consider = (hash: number) => {
    const size = smallest.length;
    if (size === SKETCH_SIZE && hash >= smallest[SKETCH_SIZE - 1]!) return;
    let at = size;
    while (at > 0 && smallest[at - 1]! > hash) at--;
    if (at > 0 && smallest[at - 1] === hash) return;
    if (size < SKETCH_SIZE) smallest.push(0);
    for (let i = Math.min(size, SKETCH_SIZE - 1); i > at; i--) smallest[i] = smallest[i - 1]!;
    smallest[at] = hash;
  };
  if (wordHashes.length === 1) consider(mix(wordHashes[0]!));
  for (let i = 0; i + 1 < wordHashes.length; i++) {
    consider(mix(Math.imul(wordHashes[i]!, 31) + wordHashes[i + 1]!));
  }
  let hex = '';
  for (const hash of smallest) hex += hash.toString(16).padStart(8, '0');
  return hex;
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return Number.NaN;
}

/** A fingerprint read back into its hashes, digit by digit (no substrings, no parseInt). */
function sketchOf(fingerprint: string): number[] {
  const hashes: number[] = [];
  for (let i = 0; i + 8 <= fingerprint.length; i += 8) {
    let hash = 0;
    for (let j = i; j < i + 8; j++) hash = hash * 16 + hexDigit(fingerprint.charCodeAt(j));
    hashes.push(hash);
  }
  return hashes;
}

let lastRight = '';
let lastRightSketch: number[] = [];

/**
 * How alike two fingerprints' texts are, from 0 to 1: the estimated Jaccard similarity of their word
 * pairs (of the k smallest hashes of both sketches together, the share both contain).
 */
export function fingerprintSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const left = sketchOf(a);
  // A new submission is compared with each recent one in turn: its own sketch is read once.
  if (b !== lastRight) {
    lastRight = b;
    lastRightSketch = sketchOf(b);
  }
  const right = lastRightSketch;
  if (left.length === 0 || right.length === 0) return 0;
  const k = Math.max(left.length, right.length);
  let i = 0;
  let j = 0;
  let taken = 0;
  let shared = 0;
  while (taken < k && (i < left.length || j < right.length)) {
    const l = i < left.length ? left[i]! : Infinity;
    const r = j < right.length ? right[j]! : Infinity;
    if (l === r) {
      shared++;
      i++;
      j++;
    } else if (l < r) i++;
    else j++;
    taken++;
  }
  return shared / taken;
}
