/**
 * Splits a notice (通知) into the tasks it hands down, each with its character offsets into the notice.
 *
 * The notice is read as its structure: numbered points (see notice-markers.ts), wherever they stand — also
 * right after 通知如下： on the preamble's line — are the tasks; a short heading (一、安全生产) is joined to the
 * body that follows it; a point holding two separate duties (…；组织开展…) gives two tasks; what trails the
 * last point on its line (各乡镇务必高度重视。县林业和草原局 2026年3月2日) is read as closing and signature.
 * Text outside the points is read sentence by sentence: a sentence that asks for work is a task; the title,
 * salutations, background, closings (请于…前将落实情况报送…, 收到请回复), signatures, dates and a table's
 * header row are not. A table row (cells joined by tabs, as a .docx table is read) is one task.
 */
import { findMarkers, type Marker } from "./notice-markers.ts";
import {
  ADDRESS,
  isBackground,
  isClosing,
  isDate,
  isExhortation,
  isHeaderRow,
  isImperative,
  isIntro,
  isObligation,
  isSignature,
  isTitle,
  trailingSignature,
} from "./notice-roles.ts";
import { isTableRow, rowTask, workColumns } from "./notice-table.ts";

export interface NoticeTask {
  /** The task as it stands in the notice (notice.slice(start, end)). */
  text: string;
  start: number;
  end: number;
  /** The heading the task stands under (一、安全生产 over its sub-points), when it has one. */
  heading?: string;
}

interface Span {
  start: number;
  end: number;
  /** The piece ended in a colon (a salutation or an introduction), cut off by the trim. */
  colon?: boolean;
}

/** A piece's start may not be this; a piece's end drops these. */
const LEADING = /^([\s\u3000]|[@＠][^\s\u3000，,：:]{1,20}[\s\u3000]+)+/;
const TRAILING = /[\s\u3000；;，,、：:]+$/;
/** A piece that goes on with the duty before it rather than starting another (…排查；发现问题及时上报). */
const CONTINUATION =
  /^(发现|如|若|对[^，,]{0,12}的[，,]|其中|并|同时|确保|做到|重点|尤其|特别|包括|以及|涉及|凡|经|待|[^，,]{0,6}(后|时)[，,]|期间|所需|相关|有关|要求|不得|严禁|力争|切实|每|不少于|不低于|及时)/;
/** A piece that starts a further matter of its own (另外，…; 此外，…). */
const FURTHER = /^(另外|此外|另|还需|还请)[，,]/;
const HEADING_MAX = 16;

function trimmed(notice: string, start: number, end: number): Span | null {
  const text = notice.slice(start, end);
  const lead = text.match(LEADING)?.[0].length ?? 0;
  const body = text.slice(lead).replace(TRAILING, "");
  return body ? { start: start + lead, end: start + lead + body.length } : null;
}

const textOf = (notice: string, s: Span) => notice.slice(s.start, s.end);

/** Sentence pieces of [start, end): cut after 。！？；!?; and at line breaks; a trailing glued signature dropped. */
function pieces(notice: string, start: number, end: number, colons: boolean): Span[] {
  const out: Span[] = [];
  const re = colons ? /[^。！？；!?;：:\n]+[。！？；!?;：:]*/g : /[^。！？；!?;\n]+[。！？；!?;]*/g;
  const slice = notice.slice(start, end);
  for (const m of slice.matchAll(re)) {
    const from = start + (m.index ?? 0);
    let to = from + m[0].length;
    const cut = trailingSignature(notice.slice(from, to).replace(TRAILING, ""));
    if (cut !== null && cut > 0) {
      const glued = trimmed(notice, from + cut, to);
      to = from + cut;
      const kept = trimmed(notice, from, to);
      if (kept) out.push(kept);
      if (glued) out.push(glued);
      continue;
    }
    const span = trimmed(notice, from, to);
    if (span) out.push(/[:：]\s*$/.test(m[0]) ? { ...span, colon: true } : span);
  }
  return out;
}

/** Not part of any task: closing, exhortation, signature, date, header row, intro, background. */
function isNoise(text: string): boolean {
  const bare = text.replace(/[。！!；;]+$/, "");
  return (
    bare.length < 4 ||
    isClosing(bare) ||
    isExhortation(text) ||
    isSignature(bare) ||
    isDate(bare) ||
    isHeaderRow(bare) ||
    isIntro(text) ||
    isBackground(bare)
  );
}

/**
 * Groups a run of pieces into duties: a piece after a ； starts a new duty when the duty so far already
 * asks for something, is more than a heading, and the piece asks for something else of its own. Sentences
 * of one numbered point that end in 。 stay one task: a point is one task unless it lists duties with ；.
 */
function duties(notice: string, run: Span[]): Span[][] {
  const groups: Span[][] = [];
  for (const piece of run) {
    const text = textOf(notice, piece);
    const group = groups[groups.length - 1];
    const groupText = group ? textOf(notice, { start: group[0]!.start, end: piece.start }) : "";
    const headingOnly = group?.length === 1 && isLeadIn(notice, group[0]!);
    const previous = group?.[group.length - 1];
    const afterSemicolon =
      previous !== undefined && /^[；;]/.test(notice.slice(previous.end, previous.end + 1));
    const separate =
      !group ||
      FURTHER.test(text) ||
      (afterSemicolon &&
        !headingOnly &&
        isImperative(groupText) &&
        isImperative(text) &&
        text.length >= 6 &&
        !CONTINUATION.test(text));
    if (separate) groups.push([piece]);
    else group.push(piece);
  }
  return groups;
}

/** A section title: short, no clause or sentence punctuation at all (一、安全生产). */
function isShortHeading(text: string): boolean {
  return text.length <= HEADING_MAX && !/[，,。；;！？!?]/.test(text);
}

/**
 * A short lead-in the next sentence belongs to: a title, or a short sentence closed by a full stop
 * (（一）加强隐患排查。请各乡镇…). One closed by ； is a duty of its own, listed beside the next.
 */
function isLeadIn(notice: string, piece: Span): boolean {
  return (
    isShortHeading(textOf(notice, piece).replace(/[。！!]$/, "")) &&
    !/^[；;，,]/.test(notice.slice(piece.end, piece.end + 1))
  );
}

function spanOf(group: Span[]): Span {
  return { start: group[0]!.start, end: group[group.length - 1]!.end };
}

/** Tasks in prose (outside numbered points): each sentence's duties that ask for work. */
function proseTasks(notice: string, start: number, end: number): Span[] {
  const out: Span[] = [];
  const all = pieces(notice, start, end, true);
  // Sentences: runs of pieces up to a full stop or line break, so …；… stays within its sentence.
  let run: Span[] = [];
  const flush = () => {
    const kept = run.filter((p) => !p.colon && !isNoise(textOf(notice, p)));
    for (const group of duties(notice, kept)) {
      const span = spanOf(group);
      if (isImperative(textOf(notice, span))) out.push(span);
    }
    run = [];
  };
  all.forEach((piece, i) => {
    run.push(piece);
    const after = notice.slice(piece.end, piece.end + 2);
    if (!/^[；;，,]/.test(after) && !wrapped(notice, all, i)) flush();
  });
  flush();
  return out;
}

/** Words that cannot start a sentence of their own: a preposition or conjunction goes on with the line before. */
const GOES_ON = /^(到|向|在|对|给|为|把|将|与|和|及|并|于|从|由|按|的|后|再|以)/;

/** A line or piece that ends in punctuation of any kind: the sentence (or a clause of it) ends there. */
const PUNCTUATED = /[。！？；!?;：:，,、]$/;

/** A line that addresses the townships or villages itself: 请各村…, 各村要…, 务必…. */
const ASKS_AGAIN = new RegExp(
  `${ADDRESS.source}|各(村|社区|单位|部门|站所|乡镇)[^，,。]{0,6}(要|须|务必|应)`,
);

/**
 * A sentence broken over two lines, as pasted from a PDF or a chat (请督促辖区开锁店 / 到派出所登记备案。):
 * the line ends without punctuation, the next goes on with a preposition or a continuation, and the
 * sentence reaches its punctuation on that line or on lines wrapped after it. Orders listed one a line
 * without any punctuation (请各村开展宣传 / 在进山路口设卡检查) are so many sentences.
 */
function wrapped(notice: string, all: Span[], i: number): boolean {
  const piece = all[i]!;
  const next = all[i + 1];
  if (!next || PUNCTUATED.test(textOf(notice, piece))) return false;
  if (!/^[ \t\u3000]*\r?\n[ \t\u3000]*$/.test(notice.slice(piece.end, next.start))) return false;
  const text = textOf(notice, next);
  // A line that addresses the townships again (为确保安全，请各村…) asks on its own.
  if ((!GOES_ON.test(text) && !CONTINUATION.test(text)) || ASKS_AGAIN.test(text)) return false;
  const lineEnd = notice.indexOf("\n", next.end);
  const line = notice.slice(next.start, lineEnd < 0 ? notice.length : lineEnd).replace(/[\s\u3000]+$/, "");
  return PUNCTUATED.test(line) || wrapped(notice, all, i + 1);
}

/**
 * A short point listed beside points of its style that is a duty, not a heading: it asks for work
 * (储备编织袋不少于500条) or states what is owed (每村2人值守, 须于…). A count alone is a list of
 * materials (申请表2份), and 须知 or 村级要求 is a heading.
 */
function isTerseDuty(text: string): boolean {
  return isImperative(text) || /(不少于|不低于|须(?!知)|应当|[乡镇村里级]要(?!求|点)|每)/.test(text);
}

/**
 * A numbered point that is a clause of some length and no labelled field (时间：…, 参加人员：…): listed
 * beside the notice's other points it is a task, whatever verb it uses (挂网, 代收, 布置) — the verbs
 * known to ask for work are never all of them.
 */
function isPlainPoint(text: string): boolean {
  return text.replace(/[。；;]$/, "").length >= 8 && !/^[^，,。：:]{1,8}[:：]/.test(text);
}

/**
 * A heading over what is so, not what is to be done (一、基本情况, 二、存在的问题): the points under it that ask
 * for nothing (全乡共有自建房3000户) are the notice's background, though beside each other they look like tasks.
 * Under it a count (3000户) or a verb (去年排查发现…) says what was, so only a request asks for work there.
 */
const REQUESTED = /请|须|务必|应当?|[乡镇村里级各]要(?!求|点)|要求|负责|抓紧|立即|尽快|及时|[于在].{0,12}前/;
const BACKGROUND_HEADING =
  /^(?:基本情况|工作背景|背景情况|背景|现状|基本现状|总体情况|有关情况|情况通报|工作进展|进展情况|工作开展情况|前期工作情况|存在(?:的)?(?:主要)?问题|主要问题|工作成效|取得的成效)[。：:]?$/;

/** Where a point's own text ends: its line, and further lines while it has not reached a full stop. */
function pointEnd(notice: string, from: number, regionEnd: number): number {
  let end = notice.indexOf("\n", from);
  if (end < 0 || end > regionEnd) return regionEnd;
  while (end < regionEnd) {
    const own = notice.slice(from, end).replace(/[\s\u3000]+$/, "");
    if (/[。；;！？!?]$/.test(own)) break;
    const nextEnd = notice.indexOf("\n", end + 1);
    const next = notice.slice(end + 1, nextEnd < 0 || nextEnd > regionEnd ? regionEnd : nextEnd).trim();
    if (!next || isNoise(next)) break;
    end = nextEnd < 0 || nextEnd > regionEnd ? regionEnd : nextEnd;
  }
  return end;
}

/**
 * Tasks of one numbered point; what follows its own text in the region is read as prose. `heading` is the
 * point's text when the point is only a heading over the sub-points that follow. `outerNext`: the next point
 * is of an outer list (a style first seen before this point's), so this point has no sub-points.
 */
function pointTasks(
  notice: string,
  marker: Marker,
  regionEnd: number,
  next: Marker | undefined,
  outerNext = false,
): { spans: Span[]; heading?: string } {
  const ownEnd = pointEnd(notice, marker.bodyStart, regionEnd);
  const all = pieces(notice, marker.bodyStart, ownEnd, false);
  // After the point's first sentence, the first closing, signature or further matter ends the point.
  const stop = all.findIndex((p, i) => {
    const text = textOf(notice, p);
    return i > 0 && (FURTHER.test(text) || isNoise(text));
  });
  const own = stop < 0 ? all : all.slice(0, stop);
  const restStart = stop < 0 ? ownEnd : all[stop]!.start;
  const out: Span[] = [];
  let headingText: string | undefined;
  const groups = duties(notice, own);
  for (const group of groups) {
    const text = textOf(notice, spanOf(group));
    const heading =
      group.length === 1 &&
      groups.length === 1 &&
      isShortHeading(text) &&
      // Over sub-points it is their heading; beside points of its style, last, or last of a sub-list before
      // the next outer point (（二）… / 二、…), a terse task if it is a duty.
      ((next?.style !== undefined && next.style !== marker.style && !outerNext) || !isTerseDuty(text));
    if (heading && next?.style !== undefined && next.style !== marker.style && !outerNext) headingText = text;
    if (heading || isNoise(text) || !(isObligation(text) || isPlainPoint(text))) continue;
    out.push(spanOf(group));
  }
  const spans = [...out, ...proseTasks(notice, restStart, regionEnd)];
  return headingText === undefined ? { spans } : { spans, heading: headingText };
}

/**
 * The tasks of a notice, in order. A text that yields no task but is a single sentence is returned as one
 * task (a pasted task need not be phrased as an order).
 */
export function splitNotice(notice: string): NoticeTask[] {
  const spans: Span[] = [];
  // Table rows and the title are taken out (blanked: same length, so offsets stay those of the notice)
  // before points and prose are read.
  let masked = "";
  let kept = 0;
  let offset = 0;
  let firstLine = true;
  // From a line that opens the attachments (附件：1.…表) on, only table rows can hold tasks.
  let attachments = false;
  let columns: Set<number> | null = null;
  const lines = notice.split("\n");
  for (const line of lines) {
    const content = line.trim();
    const blank = () => {
      masked += notice.slice(kept, offset) + " ".repeat(line.length);
      kept = offset + line.length;
    };
    if (content && isTableRow(line)) {
      // A header row sets the work columns for the rows under it, until the table ends.
      const header = workColumns(line);
      if (header) columns = header;
      const row = rowTask(line, offset, columns);
      if (row) spans.push(row);
      blank();
    } else if (attachments || /^附件[:：\s\d一二三四五六七八九十]/.test(content)) {
      attachments = true;
      blank();
    } else if (content && firstLine && lines.length > 1 && isTitle(content) && !findMarkers(content).length) {
      blank();
    }
    if (content) firstLine = false;
    if (!isTableRow(line)) columns = null;
    offset += line.length + 1;
  }
  masked += notice.slice(kept);
  const markers = findMarkers(masked);
  spans.push(...proseTasks(masked, 0, markers[0]?.start ?? masked.length));
  // A heading's words go with the sub-points under it, until the next point of the heading's own style.
  const headings = new Map<Span, string>();
  let over: { style: Marker["style"]; text: string } | undefined;
  // Styles in the order they first appear: a point of a style first seen earlier is of an outer list.
  const firstSeen = new Map<Marker["style"], number>();
  markers.forEach((m, i) => {
    if (!firstSeen.has(m.style)) firstSeen.set(m.style, i);
  });
  markers.forEach((m, i) => {
    const next = markers[i + 1];
    const outerNext = next !== undefined && (firstSeen.get(next.style) ?? i) < (firstSeen.get(m.style) ?? i);
    const point = pointTasks(masked, m, next?.start ?? masked.length, next, outerNext);
    if (over && m.style === over.style) over = undefined;
    if (point.heading !== undefined) over = { style: m.style, text: point.heading };
    else if (over) for (const sp of point.spans) headings.set(sp, over.text);
    spans.push(...point.spans);
  });
  spans.sort((a, b) => a.start - b.start);
  if (spans.length === 0) {
    const only = trimmed(notice, 0, notice.length);
    if (only && !/[。！？；!?;\n]./.test(textOf(notice, only))) spans.push(only);
  }
  return spans.flatMap((s) => {
    const heading = headings.get(s);
    const text = textOf(notice, s);
    if (heading !== undefined && BACKGROUND_HEADING.test(heading.trim()) && !REQUESTED.test(text)) return [];
    const task = { text, start: s.start, end: s.end };
    return [heading === undefined ? task : { ...task, heading }];
  });
}
