/**
 * The shared cell rules: raw cell text (from text, docx or xlsx) → typed values.
 * Duty cells become DutyBlocks (per department, per heading), the takeover cell a Takeover,
 * the lead-department cell canonical names plus unnamed groups.
 */
import { canonicalDepartment, DEPARTMENT_SUFFIX, namesOf, splitGenericGroup } from "../domain/departments.ts";
import type { DutyBlock, Takeover } from "../domain/edition.ts";
import { cellLines, hasOrderedList, LIST_ITEM } from "./html.ts";
import { repeatedNumbers, splitSteps, tidyStep } from "./steps.ts";

/** Where a cell sits, and where its problems go. */
export interface CellContext {
  county: string;
  /** Reports a quirk found inside the cell (e.g. a repeated step number). */
  note(code: string, message: string): void;
  /** Records how a department was spelled, so lint can report two spellings of one department. */
  spelled?(raw: string, canonical: string): void;
}

/** A department's name as printed before a colon: 县…局, 和田地区…分局, 国家税务总局…税务局. */
const DEPARTMENT_NAME =
  "(?:县|和田地区|国家税务总局|[\\u4e00-\\u9fa5]{2,6}(?:县|地区|市|州))[\\u4e00-\\u9fa5（）]{1,24}?(?:分局|局|部|委|办|会|所|协|队|院|室|中心|政府|社)";
/** One or several department names (joined by 、) before a colon: 县…局, 和田地区…分局, 国家税务总局…税务局. */
const DEPARTMENT_PREFIX = new RegExp(
  `(?:^|(?<=[\\s。；;]))(${DEPARTMENT_NAME}(?:、${DEPARTMENT_NAME})*)\\s*[：:]`,
  "g",
);

/** An unnamed group printed like a department: "其他负有安全监管职责的部门：". */
const GROUP_PREFIX =
  /(?:^|(?<=[\s。；;]))((?:其他|相关|有关)[\u4e00-\u9fa5]{0,24}?部门(?:（单位）)?)\s*[：:]/g;

/** Several departments under one prefix: "县林业草原局和县农业农村局：". */
function splitJointPrefix(name: string): string[] {
  const parts = name.split(/、|和(?=县|和田地区|国家)|及(?=县|和田地区|国家)/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => DEPARTMENT_SUFFIX.test(p)) ? parts : [name];
}

const HEADING = /^([一二三四五六七八九十]{1,3}、)/;

/** Splits the lead-department cell on 、 (and commas), separating unnamed groups such as 其他负有…的部门. */
export function parseLeadDepartments(
  cell: string,
  county: string,
): { named: string[]; groups: string[]; raw: string[] } {
  // Spaces are not separators: documents put stray spaces inside names ("县 人力资源 和社会保障局").
  const raw = cellLines(cell)
    .join("\n")
    .split(/[、，,；;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const named: string[] = [];
  const groups: string[] = [];
  for (const part of raw) {
    const { named: name, group } = splitGenericGroup(part);
    const canonical = canonicalDepartment(name, county);
    if (!named.includes(canonical)) named.push(canonical);
    if (group) groups.push(group);
  }
  return { named, groups, raw };
}

interface Segment {
  /** Departments that own the text (several when one prefix names two). */
  departments?: string[];
  group?: string;
  text: string;
}

/**
 * Where `name` stands as a label ("县应急管理局：") in `line`: at the start or after a boundary, followed by
 * optional spaces and a colon. Plain string search: the name comes from the document and must never
 * become a regular expression (a hostile name could be an invalid or enormous pattern).
 */
function labelsOf(line: string, name: string): { at: number; end: number }[] {
  const out: { at: number; end: number }[] = [];
  if (!name) return out;
  for (let at = line.indexOf(name); at >= 0; at = line.indexOf(name, at + 1)) {
    if (at > 0 && !/[\s。；;]/.test(line[at - 1]!)) continue;
    let end = at + name.length;
    while (end < line.length && /\s/.test(line[end]!)) end++;
    if (line[end] === "：" || line[end] === ":") out.push({ at, end: end + 1 });
  }
  return out;
}

/** Cuts a line at each "部门：" prefix; known lead names are recognised even when the generic pattern misses them. */
function cutAtDepartments(line: string, leads: readonly string[]): Segment[] {
  const marks: { at: number; end: number; name: string; group?: boolean }[] = [];
  for (const m of line.matchAll(DEPARTMENT_PREFIX)) {
    marks.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, name: m[1]! });
  }
  for (const m of line.matchAll(GROUP_PREFIX)) {
    marks.push({ at: m.index ?? 0, end: (m.index ?? 0) + m[0].length, name: m[1]!, group: true });
  }
  for (const lead of leads) {
    for (const name of namesOf(lead)) {
      for (const label of labelsOf(line, name)) {
        if (!marks.some((k) => label.at >= k.at && label.at < k.end)) marks.push({ ...label, name });
      }
    }
  }
  marks.sort((a, b) => a.at - b.at);
  const segments: Segment[] = [];
  const head = line.slice(0, marks[0]?.at ?? line.length).trim();
  if (head) segments.push({ text: head });
  marks.forEach((mark, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.at : line.length;
    const text = line.slice(mark.end, end).trim();
    segments.push(
      mark.group ? { group: mark.name, text } : { departments: splitJointPrefix(mark.name), text },
    );
  });
  return segments;
}

/**
 * A duty cell (上级部门职责 or 乡镇（街道）配合职责) → blocks. A block starts at each department prefix and at
 * each heading (一、…); with a single lead department and no prefixes, the steps belong to that department.
 */
export function parseDutyCell(cell: string, leads: readonly string[], ctx: CellContext): DutyBlock[] {
  const unnumbered = hasOrderedList(cell);
  const blocks: DutyBlock[] = [];
  const numbers = new Map<DutyBlock, number[]>();
  let current: DutyBlock | undefined;
  const open = (department: string | null, heading: string | null): DutyBlock => {
    current = { department, heading, steps: [] };
    blocks.push(current);
    numbers.set(current, []);
    return current;
  };
  /** Blocks opened together by one joint prefix receive the same steps. */
  let joint: DutyBlock[] = [];
  for (const rawLine of cellLines(cell)) {
    const isListItem = rawLine.startsWith(LIST_ITEM);
    const line = isListItem ? rawLine.slice(LIST_ITEM.length) : rawLine;
    for (const segment of cutAtDepartments(line, leads)) {
      if (segment.departments) {
        joint = segment.departments.map((name) => {
          const canonical = canonicalDepartment(name, ctx.county);
          ctx.spelled?.(name, canonical);
          if (leads.length > 0 && !leads.includes(canonical)) {
            ctx.note("duty-department-not-lead", `上级部门职责写给了“${name}”，它不在对应上级部门中`);
          }
          return open(canonical, null);
        });
      } else if (segment.group) {
        joint = [open(null, null)];
        joint[0]!.group = segment.group;
      }
      let text = segment.text;
      const heading = HEADING.exec(text);
      if (heading) {
        const firstStep = /(^|\s)\d{1,2}[.．、](?!\d)/.exec(text.slice(heading[0].length));
        const headingEnd = firstStep ? heading[0].length + firstStep.index : text.length;
        const title = tidyStep(text.slice(0, headingEnd));
        const block = current && current.steps.length === 0 && current.heading === null ? current : undefined;
        if (block) block.heading = title;
        else {
          const previous = current;
          const opened = open(previous?.department ?? null, title);
          if (previous?.group) opened.group = previous.group;
        }
        joint = [];
        text = text.slice(headingEnd).trim();
      }
      if (!text) continue;
      const split = isListItem ? { steps: [tidyStep(text)], numbers: [] } : splitSteps(text, unnumbered);
      const block = current ?? open(null, null);
      block.steps.push(...split.steps.filter(Boolean));
      numbers.get(block)!.push(...split.numbers);
      for (const other of joint) if (other !== block) other.steps.push(...split.steps.filter(Boolean));
    }
  }
  for (const block of blocks) {
    const repeated = repeatedNumbers(numbers.get(block) ?? []);
    if (repeated.length > 0) {
      const where = [block.department, block.heading].filter(Boolean).join(" ");
      ctx.note("step-number-repeated", `步骤序号重复：${repeated.join("、")}${where ? `（${where}）` : ""}`);
    }
  }
  const nonEmpty = blocks.filter((b) => b.steps.length > 0 || b.heading !== null);
  if (leads.length === 1 && nonEmpty.every((b) => b.department === null && !b.group)) {
    for (const block of nonEmpty) block.department = leads[0]!;
  }
  return nonEmpty;
}

const NONE = /^(无|暂无|没有|无承接部门)$/;

/**
 * The takeover cell of a reclaimed item: "县水利局、县自然资源局： 工作方式：… 工作标准：…", or
 * "承接部门：无 工作方式：不再开展此项工作。"
 */
export function parseTakeover(cell: string, ctx: CellContext): Takeover {
  const text = cellLines(cell).join("\n");
  const methodAt = text.search(/工作方式\s*[：:]/);
  let who = "";
  let rest = text;
  if (methodAt >= 0) {
    who = text.slice(0, methodAt);
    rest = text.slice(methodAt).replace(/^工作方式\s*[：:]/, "");
  } else {
    const colon = /^([^：:\n]{2,80})[：:]/.exec(text);
    if (colon) {
      who = colon[1]!;
      rest = text.slice(colon[0].length);
    }
  }
  who = who
    .replace(/^\s*承接部门\s*[：:]?/, "")
    .replace(/[：:\s]+$/, "")
    .trim();
  const none = NONE.test(who);
  const departments = none
    ? []
    : who
        .split(/[、，,；;\n]+/)
        .map((name) => name.trim())
        .filter(Boolean)
        .map((name) => {
          const canonical = canonicalDepartment(splitGenericGroup(name).named, ctx.county);
          ctx.spelled?.(name, canonical);
          return canonical;
        });
  const [methodText = "", standardText = ""] = rest.split(/工作标准\s*[：:]/);
  const steps = (part: string): string[] => {
    const out: string[] = [];
    for (const line of part.split("\n")) out.push(...splitSteps(line.trim()).steps);
    return out;
  };
  if (!none && departments.length === 0)
    ctx.note("takeover-missing", "承接部门为空：应写明承接部门，或写“承接部门：无”");
  return {
    departments: [...new Set(departments)],
    none,
    workMethod: steps(methodText),
    workStandard: steps(standardText),
  };
}
