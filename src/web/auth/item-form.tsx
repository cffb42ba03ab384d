/** @jsxImportSource hono/jsx */
/** The item fields of a proposal form, and the Item they describe. */
import { z } from "zod";
import { canonicalDepartment } from "../../domain/departments.ts";
import { type Item, LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";
import { choice, flag, linesField, parseWith, textField } from "../input.ts";

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

/** The item inputs of the proposal form (all lists; fields of other lists are ignored). */
export function ItemFields() {
  return (
    <fieldset>
      <legend>事项内容（新增、修改、移动时填写）</legend>
      <p>
        <label>
          所属清单
          <select name="list">
            {LIST_KINDS.map((l) => (
              <option value={l}>{LIST_LABELS[l]}</option>
            ))}
          </select>
        </label>{" "}
        <label>
          事项类别 <input name="category" />
        </label>{" "}
        <label>
          <input type="checkbox" name="local" value="1" /> 个性事项
        </label>
      </p>
      <p>
        <label>
          事项名称 <input name="name" size={60} />
        </label>
      </p>
      <p>
        配合事项：
        <label>
          牵头部门（每行一个）
          <textarea name="leads" rows={2} cols={30}></textarea>
        </label>
        <label>
          上级部门职责（每行一步）
          <textarea name="departmentDuties" rows={3} cols={40}></textarea>
        </label>
        <label>
          乡镇配合职责（每行一步）
          <textarea name="townshipDuties" rows={3} cols={40}></textarea>
        </label>
      </p>
      <p>
        收回事项：
        <label>
          承接部门（每行一个）
          <textarea name="takeover" rows={2} cols={30}></textarea>
        </label>
        <label>
          <input type="checkbox" name="takeoverNone" value="1" /> 无承接部门
        </label>
        <label>
          工作方式（每行一步）
          <textarea name="workMethod" rows={3} cols={40}></textarea>
        </label>
      </p>
    </fieldset>
  );
}
