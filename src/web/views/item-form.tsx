/** @jsxImportSource hono/jsx */
/** The item fields of a proposal form. */
import { LIST_KINDS, LIST_LABELS } from "../../domain/edition.ts";

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
