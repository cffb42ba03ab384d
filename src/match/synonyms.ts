/**
 * Words that government writing spells several ways, derived from an edition's own vocabulary rather
 * than listed by hand. Chinese abbreviations are regular: a four-character compound keeps the first
 * character of each half (水土保持 → 水保, 农业机械 → 农机, 社会保险 → 社保), a six-character one the
 * first of each third (科学技术协会 → 科技协). A task may use either form.
 */

const HAN = /^[\u3400-\u9fff]+$/;

/** The abbreviations a word would regularly have. */
export function abbreviationsOf(word: string): string[] {
  if (!HAN.test(word)) return [];
  if (word.length === 4) return [word[0]! + word[2]!];
  if (word.length === 6) return [word[0]! + word[2]! + word[4]!, word[0]! + word[2]!];
  return [];
}

/**
 * abbreviation → the vocabulary words it regularly abbreviates. An abbreviation that is itself a word of
 * the vocabulary is kept as well (农技 and 农业技术 both occur): the task may mean either.
 */
export function deriveAbbreviations(vocabulary: readonly string[]): Map<string, string[]> {
  const words = new Set(vocabulary);
  const out = new Map<string, string[]>();
  for (const word of words) {
    for (const abbreviation of abbreviationsOf(word)) {
      const list = out.get(abbreviation);
      if (!list) out.set(abbreviation, [word]);
      else if (!list.includes(word)) list.push(word);
    }
  }
  return out;
}

/**
 * The abbreviations a task uses, found among its raw jieba tokens: a whole token (农机), a token that
 * contains one (水保站), or two single-character tokens that jieba left apart (水 保). Never across a
 * longer word's boundary, so 参加管理 does not read as an abbreviation of 加强管理.
 */
export function abbreviationsIn(tokens: readonly string[], known: ReadonlyMap<string, string[]>): string[] {
  const found = new Set<string>();
  const check = (s: string) => {
    if (known.has(s)) found.add(s);
  };
  tokens.forEach((token, i) => {
    if (token.length === 2 || token.length === 3) check(token);
    if (token.length >= 3) for (let j = 0; j + 2 <= token.length; j++) check(token.slice(j, j + 2));
    const next = tokens[i + 1];
    if (token.length === 1 && next?.length === 1) check(token + next);
  });
  return [...found];
}
