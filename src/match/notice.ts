/**
 * Splits a notice (通知) into the tasks it hands down. A task is a sentence (or a numbered point's
 * sentence) that asks for something: it carries an imperative verb (做好, 开展, 组织, 负责, 完成, 报送,
 * 落实…) or addresses the township (请各乡镇…, 各乡镇要…). The title, the salutation, background
 * (为…，现将…通知如下), closing lines (特此通知, 联系人, 附件) and signatures are not tasks.
 * Each task keeps its start/end character offsets into the notice, so a page can point at it.
 */

export interface NoticeTask {
  /** The task as it stands in the notice (notice.slice(start, end)). */
  text: string;
  start: number;
  end: number;
}

/** Verbs that hand down work in government writing. */
const IMPERATIVE =
  /(做好|开展|组织|负责|完成|报送|上报|落实|推进|推动|加强|建立|健全|督促|协助|配合|摸排|排查|提供|收集|统计|核实|核查|宣传|动员|组建|成立|确保|实行|推广|安装|清理|整治|检查|审批|处罚|罚款|登记|办理|出具|评选|推荐|征集|走访|慰问|培训|举办|召开|制定|编制|谋划|申报|审核|整改|通知|设立|设置|选定|补齐|清点|保障|开具|发放|查处|监测|普查|清查|巡查|巡检|看护|认购|参加|参与|抽调|提交|填报|报县|报乡|报送至)/;
/** Ways of addressing the township that make a sentence a task even without a listed verb. */
const ADDRESS = /(请各|请你|请乡|请村|各乡镇.{0,6}(要|须|务必|应)|务必|必须|要求各)/;
const BACKGROUND_START = /^(为了?|根据|按照|依据|依照|近期|近日|近年来|今年以来|据|鉴于|随着|目前|当前|截至)/;
const BACKGROUND =
  /(通知如下|现将.{0,30}(通知|安排|明确)|现就.{0,30}(通知|安排)|有关事项如下|具体如下|如下[:：]?$)/;
const CLOSING =
  /^(特此通知|联系人|联系电话|联系方式|电话[:：]|邮箱|传真|附件|抄送|抄报|印发|此复|以上|妥否)|特此通知|^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$/;
/** A line that is only a body's name (a signature). */
const SIGNATURE = /^[\u3400-\u9fff（）()]{2,30}(局|委|办|部|政府|中心|委员会|办公室|指挥部|领导小组)$/;
/** Exhortations that close a notice or a section: they ask for attitude, not for work. */
const EXHORTATION =
  /^.{0,8}(高度重视|加强领导|压实责任|严明纪律|认真抓好落实|抓好贯彻落实|确保.{0,10}落到实处|确保.{0,10}取得实效)[。！]?$/;
const TITLE = /(关于.{2,60}的?(通知|意见|方案|函)|^.{0,40}(通知|函)$)/;
const SALUTATION = /^[^。！？]{2,40}[:：]$/;
/** A numbered point's marker: 一、 （一） (1) 1. 1、 ① 第一, and the like. */
const POINT =
  /^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)|[①-⑳]|第[一二三四五六七八九十]+[,，、])\s*/;

type Kind = "task" | "heading" | "other";

interface Span {
  start: number;
  end: number;
  text: string;
  /** Starts a line. */
  lineStart: boolean;
}

/** Sentence spans: cut at 。！？；!? and line breaks, trimmed, with offsets into the notice. */
function sentences(notice: string): Span[] {
  const out: Span[] = [];
  const re = /[^。！？；!?;\n]+[。！？；!?;]*/g;
  for (const m of notice.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (!text) continue;
    const start = (m.index ?? 0) + lead;
    const lineStart =
      start === 0 || /\n\s*$/.test(notice.slice(Math.max(0, start - 20), start)) || start === lead;
    out.push({ start, end: start + text.length, text, lineStart });
  }
  return out;
}

function classify(span: Span, index: number, next: Span | undefined): Kind {
  const text = span.text;
  const body = text.replace(POINT, "").replace(/[。！？；!?;：:]+$/, "");
  if (!body || body.length < 4) return "other";
  if (CLOSING.test(text) || (span.lineStart && SIGNATURE.test(body))) return "other";
  if (index === 0 && TITLE.test(body) && !/[。；]/.test(text)) return "other";
  if (span.lineStart && SALUTATION.test(text) && !POINT.test(text)) return "other";
  if (BACKGROUND.test(text) || EXHORTATION.test(body)) return "other";
  const imperative = IMPERATIVE.test(body) || ADDRESS.test(body);
  if (BACKGROUND_START.test(body) && !ADDRESS.test(body) && !/[,，].{0,40}(要|须|请)/.test(body)) {
    // "为做好…工作" alone is the purpose, not the task; a sentence that goes on to ask is a task.
    if (!/[,，]/.test(body) || !imperative) return "other";
  }
  // A short numbered point with more text after it on the same line heads that text: （一）加强排查。请各乡镇…
  const short = POINT.test(text) && span.lineStart && body.length <= 14 && !/[，,]/.test(body);
  if (short && next && !next.lineStart) return "heading";
  // On a line of its own without a full stop it is a section title: 二、工作任务.
  if (short && !/[。！；;]$/.test(text)) return "other";
  return imperative ? "task" : "other";
}

/**
 * The tasks of a notice, in order. A short numbered heading (（一）加强排查整治) is joined to the task
 * sentence that follows it, so the heading's words count; a text that is a single sentence without an
 * imperative verb is still returned as one task (a pasted task need not be phrased as an order).
 */
export function splitNotice(notice: string): NoticeTask[] {
  const spans = sentences(notice);
  const kinds = spans.map((span, i) => classify(span, i, spans[i + 1]));
  const tasks: NoticeTask[] = [];
  let pendingHeading: Span | null = null;
  spans.forEach((span, i) => {
    const kind = kinds[i];
    if (kind === "heading") {
      pendingHeading = span;
      return;
    }
    if (kind === "task") {
      const start = pendingHeading ? pendingHeading.start : span.start;
      tasks.push({ text: notice.slice(start, span.end), start, end: span.end });
    } else if (pendingHeading && IMPERATIVE.test(pendingHeading.text)) {
      // The heading asked for something but what follows it does not: the heading is the task.
      const h: Span = pendingHeading;
      tasks.push({ text: h.text, start: h.start, end: h.end });
    }
    pendingHeading = null;
  });
  if (tasks.length === 0) {
    const content = spans.filter((_s, i) => kinds[i] !== "other" || spans.length === 1);
    const first = content[0];
    const last = content[content.length - 1];
    if (first && last)
      tasks.push({ text: notice.slice(first.start, last.end), start: first.start, end: last.end });
  }
  return tasks;
}
