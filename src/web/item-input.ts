/** The proposed item of a form or JSON body, parsed once (see ./input.ts). */
import { z } from "zod";
import { canonicalDepartment } from "../domain/departments.ts";
import { type Item, LIST_KINDS } from "../domain/edition.ts";
import { choice, flag, linesField, parseWith, textField } from "./input.ts";

/** The item fields of a proposal, parsed once (see ../input.ts); fields of other lists are ignored. */
const ItemForm = z.object({
  list: choice(LIST_KINDS),
  category: textField(50),
  name: textField(200),
  local: flag(),
  leads: linesField(20, 60),
  departmentDuties: linesField(100),
  townshipDuties: linesField(100),
  takeover: linesField(20, 60),
  takeoverNone: flag(),
  workMethod: linesField(100),
  workStandard: linesField(100),
});

/** Reads the proposed item from a form or JSON body (`list`, `category`, `name`, list-specific fields). */
export function itemFromBody(body: unknown): Item {
  const f = parseWith(ItemForm, body);
  const base = {
    number: 0,
    category: f.category,
    name: f.name,
    local: f.local,
    remark: f.local ? "个性" : null,
  };
  if (f.list === "basic") return { ...base, list: f.list };
  if (f.list === "cooperative") {
    const leads = f.leads.map((d) => canonicalDepartment(d));
    return {
      ...base,
      list: f.list,
      leadDepartments: leads,
      otherLeads: [],
      departmentDuties: [
        { department: leads.length === 1 ? leads[0]! : null, heading: null, steps: f.departmentDuties },
      ],
      townshipDuties: [{ department: null, heading: null, steps: f.townshipDuties }],
    };
  }
  const takers = f.takeover.map((d) => canonicalDepartment(d));
  return {
    ...base,
    list: f.list,
    takeover: {
      departments: takers,
      none: takers.length === 0 && f.takeoverNone,
      workMethod: f.workMethod,
      workStandard: f.workStandard,
    },
  };
}
