/** The search analyzer of an edition, built from the match layer's normalisation and segmentation. */
import type { EditionDraft } from "../domain/edition.ts";
import { canonicalizeDepartments, normalizeText } from "../match/normalize.ts";
import { createSegmenter } from "../match/segment.ts";
import type { TextAnalyzer } from "./search.ts";

/**
 * An analyzer whose jieba dictionary knows the edition's own terms and department names.
 * Building one loads jieba's dictionary (a few hundred ms): cache it with the edition's index.
 */
export function editionAnalyzer(draft: EditionDraft): TextAnalyzer {
  const segmenter = createSegmenter(draft);
  return {
    normalize: (text, county) => canonicalizeDepartments(normalizeText(text), county),
    words: (normalized) => segmenter.cutNormalized(normalized),
  };
}
