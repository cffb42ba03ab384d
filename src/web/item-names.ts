/**
 * Items named as people write them: 配合履职事项第 86 项 编制防汛、抗旱预案…… (never "cooperative:86").
 * Review comments store an item key; pages name it with the item of the edition when it is there.
 */
import { type Item, LIST_KINDS, LIST_LABELS, type ListKind } from "../domain/edition.ts";

/** How much of a name to show after the place (the rest is elided with ……). */
const NAME_LENGTH = 30;

/** "配合履职事项第 86 项". */
export function itemPlace(list: ListKind, number: number): string {
  return `${LIST_LABELS[list]}第 ${number} 项`;
}

/** "配合履职事项第 86 项 编制防汛、抗旱预案，开展演练……" (the name cut at 30 characters). */
export function itemName(item: Pick<Item, "list" | "number" | "name">): string {
  const name = item.name.length > NAME_LENGTH ? `${item.name.slice(0, NAME_LENGTH)}……` : item.name;
  return `${itemPlace(item.list, item.number)} ${name}`;
}

/** Parses an item key ("cooperative:86"); null when it is not one. */
export function parseItemKey(key: string): { list: ListKind; number: number } | null {
  const m = /^(basic|cooperative|reclaimed):(\d{1,6})$/.exec(key.trim());
  if (!m || !(LIST_KINDS as readonly string[]).includes(m[1]!)) return null;
  return { list: m[1] as ListKind, number: Number(m[2]) };
}

/** A comment's item key named in words, with the item's name when the edition has it; "" stays "整体". */
export function nameOfKey(key: string, items: readonly Item[]): string {
  if (!key) return "整体";
  const ref = parseItemKey(key);
  if (!ref) return key;
  const item = items.find((i) => i.list === ref.list && i.number === ref.number);
  return item ? itemName(item) : itemPlace(ref.list, ref.number);
}
