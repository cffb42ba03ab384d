/**
 * Place names (townships, counties) as lvzhi stores and looks them up. One function for both, so a name
 * typed with look-alike characters — full-width letters, NBSP, ideographic space, BOM, zero-width marks —
 * finds exactly what the store holds under its plain form, and nothing else.
 */

/** Zero-width characters, the BOM and control characters: invisible, and never part of a name. */
const INVISIBLE = /[\p{Cc}\u200b-\u200d\u2060\ufeff\u00ad]/gu;

/** Any run of white space (after NFKC, NBSP and U+3000 are plain spaces). */
const SPACES = /\s+/g;

/** The one form of a place name: NFKC, invisible characters removed, white space collapsed and trimmed. */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").replace(INVISIBLE, "").replace(SPACES, " ").trim();
}

/**
 * A township reference as people write it: "策勒乡", or "策勒县/策勒乡" when the name repeats across
 * counties. Both parts come back normalised; `county` is null for a bare name.
 */
export function parseTownshipRef(ref: string): { county: string | null; township: string } {
  // NFKC first: a full-width ／ separates as / does.
  const whole = normalizeName(ref);
  const slash = whole.indexOf("/");
  if (slash < 0) return { county: null, township: whole };
  return { county: normalizeName(whole.slice(0, slash)), township: normalizeName(whole.slice(slash + 1)) };
}
