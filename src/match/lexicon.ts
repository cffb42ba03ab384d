/**
 * jieba's segmentation (accurate mode without HMM, and search mode) in JavaScript over one dictionary
 * table shared by the whole process, so an edition's own terms cost a small table of their own instead
 * of a whole jieba (loading jieba's general dictionary took ~250 ms and tens of MB per edition).
 *
 *   const cut = new Lexicon(overlayOf(["三会一课", …]));
 *   cut.cut("落实三会一课制度");          // ["落实", "三会一课", "制度"] — as jieba with those words loaded
 *
 * The algorithm is jieba-rs's (the engine behind @node-rs/jieba): blocks of Chinese, latin letters, digits
 * and `+#&._%-` are cut on the most probable route through the words of the dictionary (single unknown
 * characters count as frequency 1; of equally probable words the longest wins); adjacent single latin
 * letters or digits join; other characters stand alone. Search mode adds each word's 2- and 3-character
 * dictionary words. test/match/lexicon.test.ts checks it cut for cut against @node-rs/jieba.
 *
 * One difference, on purpose: a word's probability is its frequency over the total of the general
 * dictionary and the fixed terms (segment.ts), not over a total that also counts the edition's terms. So
 * an edition's terms change the cut only where they occur, and a text's cut depends on the text and the
 * edition terms in it alone — which lets editions share an item's analysis (item-index.ts).
 *
 * Residual: JavaScript's Math.log and the C library's log jieba-rs calls differ in the last bit for ~0.5 %
 * of frequencies, so two routes whose probabilities tie to the last bit could be chosen differently; none
 * did on the texts the test compares.
 */
import { dict } from "@node-rs/jieba/dict.js";

const EMPTY = -1;
/** Frequency of an entry that is only a prefix of words, not a word itself. */
const PREFIX = -1;

function nextHash(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}
const SEED = 0x811c9dc5 | 0;

/**
 * Words and every prefix of them, in an open-addressing hash table over typed arrays (the general
 * dictionary's 349 000 words take ~12 MB this way). Looked up by a hash the caller extends one character
 * at a time, so scanning a text allocates nothing.
 */
export class WordTable {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Int32Array;
  private lengths: Uint16Array;
  private freqs: Int32Array;
  private count = 0;
  /** The words' characters (UTF-16 units); entries point into it. */
  private chars: Uint16Array;
  private charCount = 0;
  /** Sum of the words' frequencies. */
  total = 0;
  /** Longest word, in UTF-16 units. */
  longest = 0;

  constructor(expectedEntries = 16) {
    let capacity = 16;
    while (capacity < expectedEntries * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    this.hashes = new Int32Array(expectedEntries);
    this.offsets = new Int32Array(expectedEntries);
    this.lengths = new Uint16Array(expectedEntries);
    this.freqs = new Int32Array(expectedEntries);
    this.chars = new Uint16Array(expectedEntries * 2);
  }

  /** Number of entries (words and prefixes). */
  get size(): number {
    return this.count;
  }

  /** Adds a word, or sets its frequency when present (as jieba's loadDict does). */
  add(word: string, freq: number): void {
    if (!word) return;
    // The word's characters go at the end of `chars`; kept only when an entry points at them.
    if (this.charCount + word.length > this.chars.length) {
      this.chars = copyInto(new Uint16Array(Math.max(64, (this.charCount + word.length) * 2)), this.chars);
    }
    const offset = this.charCount;
    for (let k = 0; k < word.length; k++) this.chars[offset + k] = word.charCodeAt(k);
    let used = false;
    let hash = SEED;
    for (let l = 1; l <= word.length; l++) {
      hash = nextHash(hash, word.charCodeAt(l - 1));
      const whole = l === word.length;
      const found = this.find(hash, word, 0, l);
      if (found >= 0) {
        if (whole) {
          const old = this.freqs[found]!;
          if (old !== PREFIX) this.total -= old;
          this.freqs[found] = freq;
          this.total += freq;
        }
        continue;
      }
      this.insert(hash, offset, l, whole ? freq : PREFIX);
      used = true;
      if (whole) this.total += freq;
    }
    if (used) this.charCount += word.length;
    this.longest = Math.max(this.longest, word.length);
  }

  private insert(hash: number, offset: number, length: number, freq: number): void {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    if (this.count === this.hashes.length) {
      const size = Math.max(16, this.count * 2);
      this.hashes = copyInto(new Int32Array(size), this.hashes);
      this.offsets = copyInto(new Int32Array(size), this.offsets);
      this.lengths = copyInto(new Uint16Array(size), this.lengths);
      this.freqs = copyInto(new Int32Array(size), this.freqs);
    }
    const entry = this.count++;
    this.hashes[entry] = hash;
    this.offsets[entry] = offset;
    this.lengths[entry] = length;
    this.freqs[entry] = freq;
    let slot = hash & this.mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The entry of text[start, end), whose hash the caller extended one unit at a time from SEED, or -1. */
  find(hash: number, text: string, start: number, end: number): number {
    const length = end - start;
    const chars = this.chars;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === EMPTY) return -1;
      if (this.hashes[entry] === hash && this.lengths[entry] === length) {
        const offset = this.offsets[entry]!;
        let k = 0;
        while (k < length && chars[offset + k] === text.charCodeAt(start + k)) k++;
        if (k === length) return entry;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** The frequency of an entry, or -1 when the entry is only a prefix of words. */
  freqOf(entry: number): number {
    return this.freqs[entry]!;
  }

  /** The frequency of a word, or undefined when it is not a word of the table. */
  freq(word: string): number | undefined {
    let hash = SEED;
    for (let i = 0; i < word.length; i++) hash = nextHash(hash, word.charCodeAt(i));
    const entry = this.find(hash, word, 0, word.length);
    return entry < 0 || this.freqs[entry] === PREFIX ? undefined : this.freqs[entry];
  }

  /** Gives back the room kept for words not yet added (after the last `add`). */
  trim(): void {
    this.chars = this.chars.slice(0, this.charCount);
    this.hashes = this.hashes.slice(0, this.count);
    this.offsets = this.offsets.slice(0, this.count);
    this.lengths = this.lengths.slice(0, this.count);
    this.freqs = this.freqs.slice(0, this.count);
  }

  /** Bytes the table holds, for memory accounting. */
  get bytes(): number {
    return (
      this.slots.byteLength +
      this.hashes.byteLength +
      this.offsets.byteLength +
      this.lengths.byteLength +
      this.freqs.byteLength +
      this.chars.byteLength
    );
  }
}

function copyInto<T extends Int32Array | Uint16Array>(to: T, from: T): T {
  to.set(from as never);
  return to;
}

/** Parses a jieba dictionary (`word freq tag` lines; a missing frequency is 0) into `table`. */
export function loadDictionary(table: WordTable, text: string): void {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    // Fields are split by spaces or tabs (no regex per line: 349 000 lines).
    let i = start;
    while (i < end && isBlank(text.charCodeAt(i))) i++;
    let j = i;
    while (j < end && !isBlank(text.charCodeAt(j))) j++;
    if (j > i) {
      const word = text.slice(i, j);
      let k = j;
      while (k < end && isBlank(text.charCodeAt(k))) k++;
      let freq = 0;
      let digits = 0;
      while (k < end && !isBlank(text.charCodeAt(k))) {
        const d = text.charCodeAt(k) - 48;
        if (d < 0 || d > 9 || freq > 0x7fffffff) {
          throw new Error(`jieba dictionary: "${text.slice(start, end)}" has no valid frequency`);
        }
        freq = freq * 10 + d;
        digits++;
        k++;
      }
      if (freq > 0x7fffffff)
        throw new Error(`jieba dictionary: "${text.slice(start, end)}" has no valid frequency`);
      table.add(word, digits ? freq : 0);
    }
    start = end + 1;
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13;
}

/** A table of jieba's general dictionary (~300 ms, ~13 MB): read it once per process. */
export function readGeneralDictionary(): WordTable {
  const table = new WordTable(500_000);
  loadDictionary(table, new TextDecoder().decode(dict));
  return table;
}

/** Blocks jieba cuts by its dictionary: Chinese characters, latin letters, digits and `+#&._%-`. */
const BLOCK =
  /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B820}-\u{2CEAF}\u{2CEB0}-\u{2EBEF}\u{2F800}-\u{2FA1F}a-zA-Z0-9+#&._%-]+/gu;

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function charEnd(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return i + 2;
  }
  return i + 1;
}

const logs = new Map<number, number>();
function logOf(freq: number): number {
  let v = logs.get(freq);
  if (v === undefined) {
    v = Math.log(freq);
    logs.set(freq, v);
  }
  return v;
}

/**
 * A segmenter over a base table (the general dictionary and fixed terms, shared) and an overlay (an
 * edition's own terms): an overlay word wins over the same base word.
 */
export class Lexicon {
  private readonly logTotal: number;
  private route = new Float64Array(64);
  private next = new Int32Array(64);

  constructor(
    private readonly base: WordTable,
    private readonly overlay: WordTable | null,
  ) {
    this.logTotal = Math.log(base.total);
  }

  /** Frequency of text[start, end) as a word, or -1 when it is no word; -2 when it is not even a prefix. */
  private lookup(hash: number, text: string, start: number, end: number): number {
    const o = this.overlay ? this.overlay.find(hash, text, start, end) : -1;
    if (o >= 0) {
      const f = this.overlay!.freqOf(o);
      if (f !== PREFIX) return f;
    }
    const b = this.base.find(hash, text, start, end);
    if (b >= 0) return this.base.freqOf(b);
    return o >= 0 ? PREFIX : -2;
  }

  /** True when text[start, end) is a word of the dictionary. */
  has(text: string, start: number, end: number): boolean {
    let hash = SEED;
    for (let i = start; i < end; i++) hash = nextHash(hash, text.charCodeAt(i));
    return this.lookup(hash, text, start, end) >= 0;
  }

  /** Cuts one block on its most probable route; pushes the words. */
  private cutBlock(text: string, start: number, end: number, out: string[]): void {
    const n = end - start;
    if (this.route.length < n + 1) {
      this.route = new Float64Array(n * 2 + 1);
      this.next = new Int32Array(n * 2 + 1);
    }
    const route = this.route;
    const next = this.next;
    const logTotal = this.logTotal;
    route[n] = 0;
    for (let i = end - 1; i >= start; i--) {
      const code = text.charCodeAt(i);
      // The second half of a surrogate pair starts no character.
      if (code >= 0xdc00 && code <= 0xdfff && i > start) {
        const prev = text.charCodeAt(i - 1);
        if (prev >= 0xd800 && prev <= 0xdbff) continue;
      }
      let best = Number.NEGATIVE_INFINITY;
      let bestEnd = -1;
      let hash = SEED;
      for (let j = i; j < end; j++) {
        hash = nextHash(hash, text.charCodeAt(j));
        const freq = this.lookup(hash, text, i, j + 1);
        if (freq === -2) break;
        if (freq === PREFIX) continue;
        const value = logOf(freq) - logTotal + route[j + 1 - start]!;
        // Of equal routes the last (longest word) wins, as in jieba-rs (Iterator::max_by).
        if (bestEnd < 0 || value >= best) {
          best = value;
          bestEnd = j + 1;
        }
      }
      if (bestEnd < 0) {
        bestEnd = charEnd(text, i);
        best = 0 - logTotal + route[bestEnd - start]!;
      }
      route[i - start] = best;
      next[i - start] = bestEnd;
    }
    let x = start;
    let left = -1;
    while (x < end) {
      const y = next[x - start]!;
      if (y - x === 1 && isAsciiAlnum(text.charCodeAt(x))) {
        if (left < 0) left = x;
      } else {
        if (left >= 0) {
          out.push(text.slice(left, x));
          left = -1;
        }
        out.push(text.slice(x, y));
      }
      x = y;
    }
    if (left >= 0) out.push(text.slice(left, end));
  }

  /** jieba's `cut(text, false)`. */
  cut(text: string): string[] {
    const out: string[] = [];
    let last = 0;
    BLOCK.lastIndex = 0;
    for (let m = BLOCK.exec(text); m; m = BLOCK.exec(text)) {
      if (m.index > last) this.cutOther(text, last, m.index, out);
      this.cutBlock(text, m.index, m.index + m[0].length, out);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.cutOther(text, last, text.length, out);
    return out;
  }

  /** Text outside blocks: whitespace as it stands, every other character alone. */
  private cutOther(text: string, start: number, end: number, out: string[]): void {
    let i = start;
    while (i < end) {
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < end) {
        out.push("\r\n");
        i += 2;
        continue;
      }
      const e = charEnd(text, i);
      out.push(text.slice(i, e));
      i = e;
    }
  }

  /** jieba's `cutForSearch(text, false)`: each word preceded by its 2- and 3-character dictionary words. */
  cutForSearch(text: string): string[] {
    const out: string[] = [];
    for (const word of this.cut(text)) {
      const chars = word.length > 2 && /[\uD800-\uDBFF]/.test(word) ? Array.from(word) : null;
      const count = chars ? chars.length : word.length;
      if (count > 2) {
        for (let i = 0; i < count - 1; i++) {
          const gram = chars ? chars.slice(i, i + 2).join("") : word.slice(i, i + 2);
          if (this.has(gram, 0, gram.length)) out.push(gram);
        }
      }
      if (count > 3) {
        for (let i = 0; i < count - 2; i++) {
          const gram = chars ? chars.slice(i, i + 3).join("") : word.slice(i, i + 3);
          if (this.has(gram, 0, gram.length)) out.push(gram);
        }
      }
      out.push(word);
    }
    return out;
  }

  /** The overlay's words occurring in a text (each once, in order of first occurrence). */
  overlayWordsIn(text: string): string[] {
    const overlay = this.overlay;
    if (!overlay) return [];
    const found = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      let hash = SEED;
      for (let j = i; j < text.length && j - i < overlay.longest; j++) {
        hash = nextHash(hash, text.charCodeAt(j));
        const entry = overlay.find(hash, text, i, j + 1);
        if (entry < 0) break;
        if (overlay.freqOf(entry) !== PREFIX) found.add(text.slice(i, j + 1));
      }
    }
    return [...found];
  }
}
