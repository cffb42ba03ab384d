/** The search analyzer of an edition, built from the match layer's normalisation and segmentation. */
import type { EditionDraft } from "../domain/edition.ts";
import { canonicalizeDepartments, normalizeText } from "../match/normalize.ts";
import { createSegmenter } from "../match/segment.ts";
import type { TextAnalyzer } from "./search.ts";

/**
 * An analyzer whose jieba dictionary knows the edition's own terms and department names. Cheap to build
 * (jieba's general dictionary is read once per process, the edition adds a small table of its terms).
 */
export function editionAnalyzer(draft: EditionDraft): TextAnalyzer {
  const segmenter = createSegmenter(draft);
  return {
    normalize: (text, county) => canonicalizeDepartments(normalizeText(text), county),
    words: (normalized) => segmenter.cutNormalized(normalized),
  };
}
