/**
 * The full pipeline for text that is matched against items, tasks and items alike: normalise, fold
 * departments, mask noise (a quantity inside a dictionary word, as 一次 in 一次性, is kept).
 */
import { canonicalizeDepartments, maskNoise, normalizeText } from "./normalize.ts";
import { splitsDictionaryWord } from "./segment.ts";

export function prepareTask(text: string, county?: string): string {
  return maskNoise(canonicalizeDepartments(normalizeText(text), county), splitsDictionaryWord);
}
