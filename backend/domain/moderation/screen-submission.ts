import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { AppError } from '../errors.ts';
import { requireFanIdentity, type FanIdentity } from '../identity/fan-identity.ts';
import { cleanFanText } from './clean-fan-text.ts';
import { compileBlockedPattern, type BlockedPattern } from './compile-blocked-pattern.ts';
import { compilePatternSet, type BlockedPatternSet } from './compile-pattern-set.ts';
import { fingerprintSimilarity, fingerprintText, hashWords } from './fingerprint-text.ts';
import type {
  FanBlockRecord,
  ModerationDecision,
  ModerationReason,
  ModerationVerdict,
  SubmitterHistory,
  TModerationPolicy,
} from './moderation-types.ts';

/** obscenity's English list with its look-alike, leetspeak and repeated-letter transformers. */
const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
interface WordVerdict {
  /** The words it simplifies to for the creator's blocked words (see `simplify`): often one, or none. */
  tokens: readonly string[];
  /** Its `hashWords`, so the text's fingerprint is built from the verdicts instead of another pass. */
  hashes: readonly number[];
}
/**
 * Verdicts by the word's FNV-1a hash, computed while scanning the text, so a word already judged is
 * found without cutting it out of the text or hashing it again as a string: an open-addressing table
 * of 2^14 slots, emptied when three quarters full. What nearly every word needs (is it profane, its
 * one word hash, whether it may start a blocked word) sits in typed arrays beside the keys, so a known
 * word costs one visit to the heap, for its text: each hit is confirmed character by character
 * against the stored word, so a hash collision can never lend one word another's verdict. A word that
 * is not kept (longer than 64 characters, or its hash taken by another word) is judged into the spare
 * slot at the end.
 */
const SLOTS = 1 << 14;
const SPARE = SLOTS;
const slotKeys = new Int32Array(SLOTS).fill(-1);
const slotWords: Array<string | undefined> = new Array<string | undefined>(SLOTS + 1);
const slotVerdicts: Array<WordVerdict | undefined> = new Array<WordVerdict | undefined>(SLOTS + 1);
const slotProfane = new Uint8Array(SLOTS + 1);
/** How many word hashes the word has, 2 meaning two or more (then its verdict lists them). */
const slotHashCount = new Uint8Array(SLOTS + 1);
const slotHash = new Uint32Array(SLOTS + 1);
/** Which blocked-word index `slotStartsNeedle` was worked out for (0: none yet). */
const slotNeedleId = new Int32Array(SLOTS + 1);
const slotStartsNeedle = new Uint8Array(SLOTS + 1);
let slotsUsed = 0;

function judgeInto(slot: number, word: string): void {
  const simple = simplify(word).trim();
  const hashes = hashWords(word);
  slotWords[slot] = word;
  slotVerdicts[slot] = { tokens: simple ? simple.split(' ') : [], hashes };
  slotProfane[slot] = profanity.hasMatch(word) ? 1 : 0;
  slotHashCount[slot] = Math.min(hashes.length, 2);
  slotHash[slot] = hashes[0] ?? 0;
  slotNeedleId[slot] = 0;
}

/** The slot holding the verdict on `text.slice(start, end)`, whose FNV-1a hash is `key`. */
function slotOf(text: string, start: number, end: number, key: number): number {
  let slot = key & (SLOTS - 1);
  while (slotKeys[slot] !== -1 && slotKeys[slot] !== key) slot = (slot + 1) & (SLOTS - 1);
  const taken = slotKeys[slot] === key;
  if (taken) {
    const known = slotWords[slot]!;
    if (known.length === end - start) {
      let same = true;
      for (let j = 0; same && j < known.length; j++)
        same = known.charCodeAt(j) === text.charCodeAt(start + j);
      if (same) return slot;
    }
  }
  const word = text.slice(start, end);
  if (taken || word.length > 64) {
    judgeInto(SPARE, word);
    return SPARE;
  }
  if (slotsUsed >= (SLOTS * 3) / 4) {
    slotKeys.fill(-1);
    slotWords.fill(undefined);
    slotVerdicts.fill(undefined);
    slotsUsed = 0;
    slot = key & (SLOTS - 1);
  }
  slotKeys[slot] = key;
  slotsUsed++;
  judgeInto(slot, word);
  return slot;
}

/** Whether a UTF-16 code unit is what `\s` matches in a JavaScript regular expression. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 5760 ||
    (code >= 8192 && code <= 8202) ||
    code === 8232 ||
    code === 8233 ||
    code === 8239 ||
    code === 8287 ||
    code === 12288 ||
    code === 65279
  );
}

/** What `judgeWords` found in a text. */
interface JudgedWords {
  profane: boolean;
  /** The verdicts of its words in order, when asked for blocked words (else empty). */
  verdicts: WordVerdict[];
  /** Which of `verdicts` have a simple word that starts one of the blocked words. */
  needleStarts: number[];
  /** The text's `hashWords`, when asked for (else empty). */
  hashes: number[];
}

/**
 * Judges a text word by word (words split at whitespace): whether any word is profane, and, when the
 * creator has blocked words (`needles`), the verdicts in order and which of them may start a blocked
 * word (worked out once per word and list, then kept in the word's slot). The list's patterns never
 * span a space, so the matcher (some seventy regular expressions) runs once per distinct word, and
 * words already judged come from a bounded cache: ordinary language repeats its words, so a 1 KB text
 * costs a few dozen table look-ups instead of seventy scans and a Unicode normalisation. The words
 * are found in one pass over the characters rather than by a regular-expression split.
 *
 * With `wantHashes` it also returns the text's `hashWords`, joined from the words' own: `hashWords`
 * splits at every ASCII space too, so the two agree word for word, except where a non-ASCII space
 * (which `hashWords` keeps inside a word) separated two words; then the text is hashed afresh.
 */
function judgeWords(text: string, needles: NeedleIndex | undefined, wantHashes: boolean): JudgedWords {
  let profane = false;
  const verdicts: WordVerdict[] = [];
  const needleStarts: number[] = [];
  let hashes: number[] = [];
  let wideSpace = false;
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if ((code > 32 && code < 127) || !isSpace(code)) {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ code, 0x01000193);
      continue;
    }
    if (code > 127) wideSpace = true;
    if (start < 0) continue;
    // Kept to 30 bits, the key stays a small integer: no boxed number per look-up.
    const slot = slotOf(text, start, i, hash & 0x3fffffff);
    start = -1;
    if (slotProfane[slot] === 1) profane = true;
    if (needles !== undefined) {
      if (slotNeedleId[slot] !== needles.id) {
        slotNeedleId[slot] = needles.id;
        slotStartsNeedle[slot] = slotVerdicts[slot]!.tokens.some((token) => needles.byFirst.has(token))
          ? 1
          : 0;
      }
      if (slotStartsNeedle[slot] === 1) needleStarts.push(verdicts.length);
      verdicts.push(slotVerdicts[slot]!);
    }
    if (wantHashes) {
      const count = slotHashCount[slot]!;
      if (count === 1) hashes.push(slotHash[slot]!);
      else if (count > 1) for (const wordHash of slotVerdicts[slot]!.hashes) hashes.push(wordHash);
    }
  }
  if (wantHashes && wideSpace) hashes = hashWords(text);
  return { profane, verdicts, needleStarts, hashes };
}

/** Texts up to this many characters are judged; beyond it the intake's own length limit refuses them. */
const JUDGED_LENGTH = 8000;
/** Texts sharing this share of their word pairs or more are the same text give or take a few words. */
const NEAR_DUPLICATE_SIMILARITY = 0.75;

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '|': 'i',
  '3': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/** Lower case, accents and look-alike digits resolved, everything else a single space. */
function simplify(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[0-9!|@$]/g, (c) => LEET[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** "f u c k" and "f.u.c.k" written together, so spaced-out words meet the filters whole. */
function joinSpacedLetters(text: string): string {
  return text.replace(
    /(?<![\p{L}\p{N}])(?:[\p{L}\p{N}@$!][\s._*\-·,'/\\]+){2,}[\p{L}\p{N}@$!](?![\p{L}\p{N}])/gu,
    (run) => run.replace(/[\s._*\-·,'/\\]+/g, ''),
  );
}

const LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|gg|tv|ly|me|co|xyz|ru|info|biz|app|dev|link|club|site|shop|live|stream|to|cc|uk|de)\b(?:\/[^\s<>"')\]]*)?/gi;

/**
 * Whether `LINK` could match: each of its matches holds `://` or a dot followed by a character other
 * than whitespace or `<>"')]`. Most texts have neither, and two `indexOf` scans cost far less than
 * the regular expression, which tries its domain branch at every word.
 */
function mayHaveLink(text: string): boolean {
  if (text.includes('://')) return true;
  for (let dot = text.indexOf('.'); dot >= 0 && dot + 1 < text.length; dot = text.indexOf('.', dot + 1)) {
    const next = text.charCodeAt(dot + 1);
    if (
      !isSpace(next) &&
      next !== 60 &&
      next !== 62 &&
      next !== 34 &&
      next !== 39 &&
      next !== 41 &&
      next !== 93
    )
      return true;
  }
  return false;
}

function hostOf(link: string): string {
  const withScheme = /^https?:\/\//i.test(link) ? link : `http://${link}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return link.toLowerCase();
  }
}

const needleCache = new Map<string, string>();
/** A creator's blocked word simplified like the text, cached: policies are parsed afresh per request. */
function needleOf(word: string): string {
  let needle = needleCache.get(word);
  if (needle === undefined) {
    needle = simplify(word);
    if (needleCache.size > 5000) needleCache.clear();
    needleCache.set(word, needle);
  }
  return needle;
}

/** A creator's blocked words as lists of simple words, indexed by their first; `id` names the list. */
interface NeedleIndex {
  id: number;
  byFirst: Map<string, string[][]>;
}

let lastNeedleId = 0;
/**
 * The index of a list of blocked words, built once: looked up by the policy's own list first (free
 * while the same policy object is reused), then by the list's content (policies are parsed per
 * request), so the words' slots keep what they learnt about the list from one request to the next.
 */
const needlesByList = new WeakMap<readonly string[], NeedleIndex>();
const needlesByContent = new Map<string, NeedleIndex>();
function needlesOf(blockedWords: readonly string[]): NeedleIndex {
  let index = needlesByList.get(blockedWords);
  if (index !== undefined) return index;
  const key = JSON.stringify(blockedWords);
  index = needlesByContent.get(key);
  if (index === undefined) {
    const byFirst = new Map<string, string[][]>();
    for (const word of blockedWords) {
      const needle = needleOf(word).trim();
      if (!needle) continue;
      const tokens = needle.split(' ');
      byFirst.set(tokens[0]!, [...(byFirst.get(tokens[0]!) ?? []), tokens]);
    }
    index = { id: (lastNeedleId += 1), byFirst };
    if (needlesByContent.size >= 100) needlesByContent.clear();
    needlesByContent.set(key, index);
  }
  needlesByList.set(blockedWords, index);
  return index;
}

/** Whether the simple words from `verdicts[word].tokens[token]` on spell `needle`. */
function spellsAt(verdicts: readonly WordVerdict[], word: number, token: number, needle: readonly string[]) {
  let w = word;
  let t = token;
  for (const expected of needle) {
    while (w < verdicts.length && t >= verdicts[w]!.tokens.length) {
      w++;
      t = 0;
    }
    if (w >= verdicts.length || verdicts[w]!.tokens[t] !== expected) return false;
    t++;
  }
  return true;
}

/**
 * Whether the text's simple words contain one of the blocked words whole (a blocked phrase as
 * consecutive words): the same as finding " buy followers " in the simplified text padded with
 * spaces, but looking only where a word may start one (`needleStarts`) instead of building that text
 * and searching it.
 */
function containsNeedle(judged: JudgedWords, needles: NeedleIndex): boolean {
  for (const word of judged.needleStarts) {
    const tokens = judged.verdicts[word]!.tokens;
    for (let token = 0; token < tokens.length; token++) {
      const candidates = needles.byFirst.get(tokens[token]!);
      if (candidates === undefined) continue;
      for (const needle of candidates) if (spellsAt(judged.verdicts, word, token, needle)) return true;
    }
  }
  return false;
}

const patternCache = new Map<string, BlockedPattern | string>();
function compiled(source: string): BlockedPattern | undefined {
  let pattern = patternCache.get(source);
  if (pattern === undefined) {
    pattern = compileBlockedPattern(source);
    if (patternCache.size > 5000) patternCache.clear();
    patternCache.set(source, pattern);
  }
  return typeof pattern === 'string' ? undefined : pattern;
}

/**
 * An app's patterns as one RE2 set, built once: looked up by the policy's own list first (free while
 * the same policy object is reused), then by the list's content (policies are parsed per request).
 */
const setByList = new WeakMap<readonly string[], BlockedPatternSet>();
const setByContent = new Map<string, BlockedPatternSet>();
function patternSetOf(sources: readonly string[]): BlockedPatternSet {
  let set = setByList.get(sources);
  if (set !== undefined) return set;
  const key = JSON.stringify(sources);
  set = setByContent.get(key);
  if (set === undefined) {
    const patterns = sources.map(compiled).filter((pattern) => pattern !== undefined);
    set = compilePatternSet(patterns);
    if (setByContent.size >= 100) setByContent.clear();
    setByContent.set(key, set);
  }
  setByList.set(sources, set);
  return set;
}

let seenSlots = new Int32Array(1024);
let seenStamps = new Uint32Array(1024);
let stamp = 0;
/**
 * How many different values a list of 32-bit hashes holds: an open-addressing table reused from call
 * to call (a stamp per slot says which call filled it, so nothing is cleared or allocated), which
 * beats building a Set of a few hundred numbers per submission.
 */
function distinctCount(values: readonly number[]): number {
  let size = seenSlots.length;
  if (size < values.length * 2) {
    while (size < values.length * 2) size *= 2;
    seenSlots = new Int32Array(size);
    seenStamps = new Uint32Array(size);
  }
  stamp = stamp === 0xffffffff ? 1 : stamp + 1;
  if (stamp === 1) seenStamps.fill(0);
  const mask = size - 1;
  let count = 0;
  for (const value of values) {
    const key = value | 0;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (seenStamps[slot] === stamp && seenSlots[slot] !== key) slot = (slot + 1) & mask;
    if (seenStamps[slot] !== stamp) {
      seenStamps[slot] = stamp;
      seenSlots[slot] = key;
      count++;
    }
  }
  return count;
}

function spamSignals(
  words: readonly number[],
  links: number,
  history: SubmitterHistory,
  fan: FanIdentity | undefined,
  duplicate: boolean,
  now: Date,
): number {
  let score = 0;
  // A new identity: never seen by this creator, or first seen within the hour, and not signed in.
  if (!fan) {
    if (!history.firstSeenAt) score += 20;
    else if (now.getTime() - history.firstSeenAt.getTime() < 3_600_000) score += 10;
  }
  // A burst: more than two submissions in the last minute.
  if (history.lastMinute > 2) score += Math.min(40, (history.lastMinute - 2) * 10);
  // Repeated text: the same as a recent submission, or the same few words over and over.
  if (duplicate) score += 30;
  if (words.length >= 20 && distinctCount(words) / words.length < 0.3) score += 25;
  // Link density: every link counts, and a text that is mostly links counts more.
  score += Math.min(45, links * 15);
  if (links > 0 && links * 5 >= words.length) score += 15;
  return Math.min(100, score);
}

const SEVERITY: Record<ModerationVerdict, number> = { allow: 0, hold: 1, block: 2 };

/**
 * The moderation pipeline: one pure function that judges a fan's submission against the app's policy
 * and the submitter's history, and says allow, hold for review, or block, with every reason found.
 * Callers read the history and blocks first (see `TenantModerationStore`) and record the submission's
 * fingerprint after; nothing here touches a database, so it runs the same in a route, a job or a test.
 */
export function screenSubmission({
  policy,
  text,
  amount = 0,
  fan,
  blocks = [],
  history = { recentFingerprints: [], lastMinute: 0, firstSeenAt: null },
  now = new Date(),
}: {
  policy: TModerationPolicy;
  text: string;
  amount?: number;
  fan?: FanIdentity | undefined;
  blocks?: readonly FanBlockRecord[];
  history?: SubmitterHistory;
  now?: Date;
}): ModerationDecision {
  const reasons: Array<ModerationReason & { verdict: ModerationVerdict }> = [];
  const add = (verdict: ModerationVerdict, code: ModerationReason['code'], detail: string) =>
    reasons.push({ verdict, code, detail });

  if (blocks.length > 0) add('block', 'blocked_fan', 'The creator has blocked this fan.');
  try {
    requireFanIdentity(policy.identity, fan, amount);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    add('block', 'identity_required', error.detail);
  }

  const cleaned = cleanFanText(text, JUDGED_LENGTH);
  const joined = joinSpacedLetters(cleaned);
  const needles =
    cleaned !== '' && policy.blockedWords.length > 0 ? needlesOf(policy.blockedWords) : undefined;
  const words = judgeWords(cleaned, needles, true);
  const joinedWords = joined === cleaned ? words : judgeWords(joined, needles, false);
  if (policy.profanity !== 'off' && (words.profane || joinedWords.profane)) {
    add(policy.profanity, 'profanity', 'The text contains profanity or a slur.');
  }

  if (needles !== undefined) {
    if (containsNeedle(words, needles) || containsNeedle(joinedWords, needles))
      add(policy.blockedAction, 'blocked_word', 'The text contains a word the creator blocked.');
  }
  const matchedPattern =
    policy.blockedPatterns.length > 0 ? patternSetOf(policy.blockedPatterns).firstMatch(cleaned) : undefined;
  if (matchedPattern !== undefined) {
    add(
      policy.blockedAction,
      'blocked_pattern',
      `The text matches the creator's pattern ${JSON.stringify(matchedPattern.source)}.`,
    );
  }

  const links = mayHaveLink(cleaned) ? (cleaned.match(LINK) ?? []) : [];
  if (links.length > 0 && policy.links.policy !== 'any') {
    const allowed = policy.links.allowedDomains;
    const offending = links
      .map(hostOf)
      .filter(
        (host) =>
          policy.links.policy === 'none' ||
          !allowed.some((domain) => host === domain || host.endsWith(`.${domain}`)),
      );
    if (offending.length > 0) {
      add(
        policy.links.action,
        'link',
        policy.links.policy === 'none'
          ? 'Links are not allowed here.'
          : `Links may only point to ${allowed.join(', ') || 'no site'}.`,
      );
    }
  }

  const wordHashes = words.hashes;
  const fingerprint = fingerprintText(wordHashes);
  const duplicate =
    wordHashes.length > 0 &&
    policy.duplicates.windowMinutes > 0 &&
    history.recentFingerprints.some(
      (seen) => fingerprintSimilarity(seen, fingerprint) >= NEAR_DUPLICATE_SIMILARITY,
    );
  if (duplicate) add('hold', 'duplicate', 'The same or nearly the same text was sent moments ago.');

  const spamScore = spamSignals(wordHashes, links.length, history, fan, duplicate, now);
  if (spamScore >= policy.spam.blockAt)
    add('block', 'spam', `Spam score ${spamScore} reached ${policy.spam.blockAt}.`);
  else if (spamScore >= policy.spam.holdAt)
    add('hold', 'spam', `Spam score ${spamScore} reached ${policy.spam.holdAt}.`);

  const verdict = reasons.reduce<ModerationVerdict>(
    (worst, reason) => (SEVERITY[reason.verdict] > SEVERITY[worst] ? reason.verdict : worst),
    'allow',
  );
  return {
    verdict,
    reasons: reasons.map(({ code, detail }) => ({ code, detail })),
    spamScore,
    fingerprint,
  };
}
