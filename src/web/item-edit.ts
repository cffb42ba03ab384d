/**
 * An item as its editing form holds it: one field per step, blocks of steps per department, names one per
 * field. Read from a form or JSON body once (zod), turned into an Item, made from an Item to prefill a
 * change, and changed by the form's step buttons (add, remove, move up) without JavaScript.
 */
import { z } from "zod";
import { canonicalDepartment } from "../domain/departments.ts";
import { type DutyBlock, type Item, LIST_KINDS, type ListKind } from "../domain/edition.ts";
import { Refusal } from "../domain/refusal.ts";
import { choice, flag, parseWith, textField } from "./input.ts";

/** A block of steps: the department (or unnamed group) that owns it, an optional heading, the steps. */
export interface BlockEdit {
  department: string;
  group: string;
  heading: string;
  steps: string[];
}

export interface ItemEdit {
  list: ListKind;
  category: string;
  name: string;
  local: boolean;
  /** cooperative: 对应上级部门, one name per field; unnamed groups (其他负有…的部门) kept as they are. */
  leads: string[];
  otherLeads: string[];
  departmentDuties: BlockEdit[];
  townshipDuties: BlockEdit[];
  /** reclaimed: 承接部门 and 工作方式/工作标准. */
  takeover: string[];
  takeoverNone: boolean;
  workMethod: string[];
  workStandard: string[];
}

/** Step lists of the form by path: "dd.0" (上级部门职责, block 0), "td.0", "workMethod", "workStandard". */
export type StepPath = `dd.${number}` | `td.${number}` | "workMethod" | "workStandard";

const MAX_STEPS = 100;
const MAX_BLOCKS = 30;

/** Every value of a repeated field (or JSON array, or lines of one text), trimmed; blanks kept in place. */
function values(maxItems: number, maxLength: number) {
  return z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]),
    z
      .array(
        z
          .string({ message: "应为文本" })
          .trim()
          .max(maxLength, { message: `每项不能超过 ${maxLength} 个字` }),
      )
      .max(maxItems, { message: `最多 ${maxItems} 项` }),
  );
}

/** Lines of a textarea or a JSON array (the API's flat fields), blanks dropped. */
function lines(maxItems: number, maxLength: number) {
  return z.preprocess(
    (v) => (typeof v === "string" ? v.split(/\r?\n/) : Array.isArray(v) ? v : v === undefined ? [] : v),
    values(maxItems, maxLength).transform((xs) => xs.filter(Boolean)),
  );
}

const Head = z.object({
  list: choice(LIST_KINDS),
  category: textField(50),
  name: textField(200),
  local: flag(),
  leads: lines(20, 60),
  otherLeads: lines(10, 100),
  takeover: lines(20, 60),
  takeoverNone: flag(),
  workMethod: values(MAX_STEPS, 2000),
  workStandard: values(MAX_STEPS, 2000),
});
const Block = z.object({
  department: textField(100),
  group: textField(100),
  heading: textField(200),
  steps: values(MAX_STEPS, 2000),
});
/** The API's flat fields: all department steps in one block, all township steps in another. */
const Flat = z.object({ departmentDuties: lines(MAX_STEPS, 2000), townshipDuties: lines(MAX_STEPS, 2000) });

/** The blocks of a form: fields `dd.0.department`, `dd.0.heading`, `dd.0.steps` (repeated), `dd.1.…`. */
function blocksOf(body: Record<string, unknown>, prefix: "dd" | "td"): BlockEdit[] | null {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const m = new RegExp(`^${prefix}\\.(\\d{1,2})\\.`).exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  if (indexes.size === 0) return null;
  if (indexes.size > MAX_BLOCKS) {
    throw new Refusal("invalid", `最多 ${MAX_BLOCKS} 段职责`, {
      parameter: prefix,
      expected: `最多 ${MAX_BLOCKS} 段`,
    });
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => {
      const field = (name: string) => body[`${prefix}.${i}.${name}`];
      return parseWith(Block, {
        department: field("department"),
        group: field("group"),
        heading: field("heading"),
        steps: field("steps"),
      });
    });
}

/** Reads an item's edit from a form or JSON body (refusal invalid naming the field otherwise). */
export function readEdit(body: Record<string, unknown>): ItemEdit {
  const head = parseWith(Head, body);
  const flat = parseWith(Flat, body);
  const leads = head.leads;
  const departmentDuties = blocksOf(body, "dd") ?? [
    { department: leads.length === 1 ? leads[0]! : "", group: "", heading: "", steps: flat.departmentDuties },
  ];
  const townshipDuties = blocksOf(body, "td") ?? [
    { department: "", group: "", heading: "", steps: flat.townshipDuties },
  ];
  return { ...head, departmentDuties, townshipDuties };
}

function blockEdit(b: DutyBlock): BlockEdit {
  return {
    department: b.department ?? "",
    group: b.group ?? "",
    heading: b.heading ?? "",
    steps: [...b.steps],
  };
}

/** An empty edit of a list, for a new item. */
export function emptyEdit(list: ListKind): ItemEdit {
  const block = (): BlockEdit => ({ department: "", group: "", heading: "", steps: [] });
  return {
    list,
    category: "",
    name: "",
    local: false,
    leads: [],
    otherLeads: [],
    departmentDuties: [block()],
    townshipDuties: [block()],
    takeover: [],
    takeoverNone: false,
    workMethod: [],
    workStandard: [],
  };
}

/** The edit of an item as it stands: every field, every step, in order (a change starts from this). */
export function editOf(item: Item): ItemEdit {
  const base = { ...emptyEdit(item.list), category: item.category, name: item.name, local: item.local };
  if (item.list === "cooperative") {
    return {
      ...base,
      leads: [...item.leadDepartments],
      otherLeads: [...item.otherLeads],
      departmentDuties: item.departmentDuties.length
        ? item.departmentDuties.map(blockEdit)
        : base.departmentDuties,
      townshipDuties: item.townshipDuties.length ? item.townshipDuties.map(blockEdit) : base.townshipDuties,
    };
  }
  if (item.list === "reclaimed") {
    const t = item.takeover;
    return {
      ...base,
      takeover: [...t.departments],
      takeoverNone: t.none,
      workMethod: [...t.workMethod],
      workStandard: [...t.workStandard],
    };
  }
  return base;
}

/**
 * The edit of an item moved to another list: name, category and 个性 carry over; a cooperative item's
 * leads and department steps become the reclaimed item's takers-over and 工作方式, and back.
 */
export function movedEdit(item: Item, to: ListKind): ItemEdit {
  const from = editOf(item);
  const moved = { ...emptyEdit(to), category: from.category, name: from.name, local: from.local };
  if (to === "reclaimed" && item.list === "cooperative") {
    return { ...moved, takeover: from.leads, workMethod: from.departmentDuties.flatMap((b) => b.steps) };
  }
  if (to === "cooperative" && item.list === "reclaimed") {
    const dd = { department: from.takeover.length === 1 ? from.takeover[0]! : "", group: "", heading: "" };
    return { ...moved, leads: from.takeover, departmentDuties: [{ ...dd, steps: from.workMethod }] };
  }
  return moved;
}

const filled = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);

function dutyBlocks(blocks: BlockEdit[], leads: string[]): DutyBlock[] {
  return blocks
    .map((b) => {
      const department = b.department.trim() ? canonicalDepartment(b.department.trim()) : null;
      const block: DutyBlock = {
        // A single lead owns the unattributed steps, as the documents print them.
        department: department ?? (leads.length === 1 && !b.group.trim() ? leads[0]! : null),
        heading: b.heading.trim() || null,
        steps: filled(b.steps),
      };
      if (b.group.trim()) block.group = b.group.trim();
      return block;
    })
    .filter((b) => b.steps.length > 0 || b.heading);
}

/** The Item an edit describes; blank steps and names are dropped, department names made canonical. */
export function itemOfEdit(e: ItemEdit): Item {
  const base = {
    number: 0,
    category: e.category.trim(),
    name: e.name.trim(),
    local: e.local,
    remark: e.local ? "个性" : null,
  };
  if (e.list === "basic") return { ...base, list: "basic" };
  if (e.list === "cooperative") {
    const leads = [...new Set(filled(e.leads).map((d) => canonicalDepartment(d)))];
    return {
      ...base,
      list: "cooperative",
      leadDepartments: leads,
      otherLeads: filled(e.otherLeads),
      departmentDuties: dutyBlocks(e.departmentDuties, leads),
      townshipDuties: dutyBlocks(e.townshipDuties, []),
    };
  }
  const takers = [...new Set(filled(e.takeover).map((d) => canonicalDepartment(d)))];
  return {
    ...base,
    list: "reclaimed",
    takeover: {
      departments: takers,
      none: takers.length === 0 && e.takeoverNone,
      workMethod: filled(e.workMethod),
      workStandard: filled(e.workStandard),
    },
  };
}

/** The steps at a path of an edit (a copy the caller may change, then put back with withSteps). */
function stepsAt(e: ItemEdit, path: StepPath): string[] | undefined {
  if (path === "workMethod" || path === "workStandard") return e[path];
  const [prefix, index] = path.split(".") as ["dd" | "td", string];
  return (prefix === "dd" ? e.departmentDuties : e.townshipDuties)[Number(index)]?.steps;
}

/**
 * A button of the form, as it arrives in `op`: add a step, remove or move up a step, add a block of
 * department steps, add a lead or a taker-over field. Anything else is refused.
 */
const Op = z.union([
  z.string().regex(/^(add):((?:dd|td)\.\d{1,2}|workMethod|workStandard)$/),
  z.string().regex(/^(del|up):((?:dd|td)\.\d{1,2}|workMethod|workStandard)\.(\d{1,3})$/),
  z.enum(["block:dd", "add:leads", "add:takeover", "preview"]),
]);

/** Applies a form button to an edit; returns the changed copy (the input is not changed). */
export function applyOp(edit: ItemEdit, op: string): ItemEdit {
  const e: ItemEdit = structuredClone(edit);
  const checked = parseWith(z.object({ op: Op }), { op }).op;
  if (checked === "preview") return e;
  if (checked === "block:dd") {
    if (e.departmentDuties.length < MAX_BLOCKS)
      e.departmentDuties.push({ department: "", group: "", heading: "", steps: [""] });
    return e;
  }
  if (checked === "add:leads") return { ...e, leads: [...e.leads, ""] };
  if (checked === "add:takeover") return { ...e, takeover: [...e.takeover, ""] };
  const [, verb, path, at] = /^(add|del|up):([^.]+(?:\.\d+)?)(?:\.(\d+))?$/.exec(checked)!;
  const steps = stepsAt(e, path as StepPath);
  if (!steps) return e;
  const i = Number(at);
  if (verb === "add" && steps.length < MAX_STEPS) steps.push("");
  else if (verb === "del" && i < steps.length) steps.splice(i, 1);
  else if (verb === "up" && i > 0 && i < steps.length) [steps[i - 1], steps[i]] = [steps[i]!, steps[i - 1]!];
  return e;
}
