/**
 * Numbered steps inside a cell ("1.…； 2.…", "1、…", or unnumbered items of an <ol>) → plain-text steps.
 * Numbers are dropped from the text but reported, so lint can flag repeated numbers.
 */

/** A step number starts a step only after a boundary (start, space, ；。：，) and is not part of a decimal. */
const STEP_MARK = /(^|[\s；;。：:，,])(\d{1,2})[.．、](?!\d)/g;

export interface SplitSteps {
  steps: string[];
  /** The printed numbers, in order (unnumbered steps are absent). */
  numbers: number[];
}

/** Removes the separator a step ends with (；) and surrounding space; keeps 。 as printed. */
export function tidyStep(step: string): string {
  return step.replace(/^[\s；;，,]+|[\s；;，,]+$/g, "").trim();
}

/**
 * Splits one line of a cell into steps. A marker is accepted as a step number when it continues the count
 * (same, next, or a restart at 1), so numbers inside sentences ("第3.2条" aside) are left alone.
 * `unnumberedList` splits on ；when the line is an item run of an <ol> without numbers.
 */
export function splitSteps(line: string, unnumberedList = false): SplitSteps {
  const cuts: { at: number; textAt: number; n: number }[] = [];
  let previous = 0;
  for (const m of line.matchAll(STEP_MARK)) {
    const n = Number(m[2]);
    const plausible = previous === 0 || n === previous + 1 || n === previous || n === 1;
    if (!plausible) continue;
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    cuts.push({ at, textAt: (m.index ?? 0) + m[0].length, n });
    previous = n;
  }
  if (cuts.length === 0) {
    const parts = unnumberedList ? line.split(/[；;](?=\s*\S)/) : [line];
    return { steps: parts.map(tidyStep).filter(Boolean), numbers: [] };
  }
  const steps: string[] = [];
  const lead = tidyStep(line.slice(0, cuts[0]!.at));
  if (lead) steps.push(lead);
  cuts.forEach((cut, i) => {
    const end = i + 1 < cuts.length ? cuts[i + 1]!.at : line.length;
    const text = tidyStep(line.slice(cut.textAt, end));
    if (text) steps.push(text);
  });
  return { steps, numbers: cuts.map((c) => c.n) };
}

/** Numbers printed more than once in one block (the Cele document numbers two steps "3." in cooperative 8). */
export function repeatedNumbers(numbers: readonly number[]): number[] {
  const seen = new Set<number>();
  const repeated = new Set<number>();
  for (const n of numbers) (seen.has(n) ? repeated : seen).add(n);
  return [...repeated];
}
