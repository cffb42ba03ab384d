/**
 * The full pipeline for text that is matched against items, tasks and items alike: normalise, fold
 * departments, mask noise (a quantity inside a dictionary word, as 一次 in 一次性, is kept).
 */
import { canonicalizeDepartments, maskNoise, normalizeText } from "./normalize.ts";
import { splitsDictionaryWord } from "./segment.ts";

/** Noise masked from text already normalised and folded, a quantity inside a dictionary word kept. */
export function maskTaskNoise(folded: string): string {
  return maskNoise(folded, splitsDictionaryWord);
}

export function prepareTask(text: string, county?: string): string {
  return maskTaskNoise(canonicalizeDepartments(normalizeText(text), county));
}
