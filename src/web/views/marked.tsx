/** @jsxImportSource hono/jsx */
/** Text with search matches marked. The text is split first and each piece escaped by JSX: never raw HTML. */
import { findWords, type Range, splitMarked } from "../highlight.ts";

/** Renders `text`, wrapping the given ranges, or the occurrences of `words`, in <mark>. */
export function Marked(props: { text: string; ranges?: Range[]; words?: readonly string[] }) {
  const ranges = props.ranges ?? (props.words?.length ? findWords(props.text, props.words) : []);
  if (ranges.length === 0) return <>{props.text}</>;
  return <>{splitMarked(props.text, ranges).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;
}
