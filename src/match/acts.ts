/**
 * What a task asks the township to do, read from its verbs. Items that sit close in different lists
 * (food safety, animal epidemics, flood control) differ mostly in the act: the county punishes, approves
 * and inspects (often a reclaimed item), the township publicises, checks for hazards and reports
 * (basic or cooperative). The same words mark the act in item names, so the two can be compared.
 */

import { escapeRegExp } from "./normalize.ts";

export type Act = "penalize" | "approve" | "inspect" | "certify" | "support";

/** Words that mark each act in government writing. */
export const ACT_WORDS: Record<Act, readonly string[]> = {
  penalize: ["处罚", "罚款", "罚没", "没收", "责令改正", "吊销", "立案", "执法", "查处", "取缔", "行政处罚"],
  approve: ["审批", "许可", "批准", "核准", "审核确认", "审核批准", "待遇审批"],
  inspect: ["检疫", "检验", "检测", "安全检查", "监督检查", "汛前检查", "监督管理", "安全监管", "监管执法"],
  certify: ["登记", "发证", "发放证", "颁发", "出具", "证明", "认定", "备案"],
  support: [
    "宣传",
    "排查",
    "摸排",
    "上报",
    "报送",
    "配合",
    "协助",
    "动员",
    "引导",
    "教育",
    "培训",
    "走访",
    "通知",
  ],
};

/** Acts a county keeps for itself: a task asking the township to do one of these is a strong signal. */
export const AUTHORITY_ACTS: readonly Act[] = ["penalize", "approve", "inspect", "certify"];

/** Each act's words as one pattern: one scan of a text per act, not one per word (~6× faster). */
const ACT_PATTERNS = (Object.entries(ACT_WORDS) as [Act, readonly string[]][]).map(
  ([act, words]) => [act, new RegExp(words.map(escapeRegExp).join("|"))] as const,
);

/** The acts a text names (normalised text): those with a word anywhere in it. */
export function actsIn(text: string): Set<Act> {
  const out = new Set<Act>();
  for (const [act, pattern] of ACT_PATTERNS) if (pattern.test(text)) out.add(act);
  return out;
}

/** The authority acts two texts share (a task and an item name). */
export function sharedAuthorityActs(task: ReadonlySet<Act>, item: ReadonlySet<Act>): Act[] {
  return AUTHORITY_ACTS.filter((a) => task.has(a) && item.has(a));
}
