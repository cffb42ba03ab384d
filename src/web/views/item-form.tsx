/** @jsxImportSource hono/jsx */
/**
 * The item fields of a proposal form, for one list only: one labelled field per name and per step, with
 * buttons to add, remove and move up a step that work without JavaScript (they post the form back and it
 * comes back changed; see ../item-edit.ts applyOp).
 */
import { DEPARTMENT_ALIASES } from "../../domain/departments.ts";
import { LIST_LABELS } from "../../domain/edition.ts";
import type { BlockEdit, ItemEdit, StepPath } from "../item-edit.ts";

const DEPARTMENTS = Object.keys(DEPARTMENT_ALIASES);

/** A button that changes the form rather than submitting it (so required fields are not checked yet). */
function OpButton(props: { op: string; children: string; label?: string }) {
  return (
    <button type="submit" name="op" value={props.op} formnovalidate class="op" aria-label={props.label}>
      {props.children}
    </button>
  );
}

/** A list of steps: one textarea per step with 上移 and 删除, an empty spare, and 增加一步. */
function StepFields(props: { path: StepPath; name: string; title: string; steps: string[] }) {
  const { path, name, title, steps } = props;
  const id = (i: number) => `${path.replace(".", "-")}-${i}`;
  return (
    <>
      <ol class="step-fields">
        {steps.map((s, i) => (
          <li>
            <label for={id(i)}>
              {title} 第 {i + 1} 步
            </label>
            <textarea id={id(i)} name={name} rows={3}>
              {s}
            </textarea>
            <span class="step-actions">
              {i > 0 ? (
                <OpButton op={`up:${path}.${i}`} label={`${title}第 ${i + 1} 步上移`}>
                  上移
                </OpButton>
              ) : null}
              <OpButton op={`del:${path}.${i}`} label={`删除${title}第 ${i + 1} 步`}>
                删除此步
              </OpButton>
            </span>
          </li>
        ))}
        <li class="spare">
          <label for={id(steps.length)}>
            {title} 第 {steps.length + 1} 步（新增，可留空）
          </label>
          <textarea id={id(steps.length)} name={name} rows={2}></textarea>
        </li>
      </ol>
      <OpButton op={`add:${path}`} label={`${title}增加一步`}>
        增加一步
      </OpButton>
    </>
  );
}

/** Names one per field (牵头部门, 承接部门), with a spare and a button for one more. */
function NameFields(props: { name: string; title: string; values: string[]; op: string }) {
  const all = [...props.values, ""];
  return (
    <div class="name-fields">
      {all.map((v, i) => (
        <div class="field">
          <label for={`${props.name}-${i}`}>
            {props.title} {i + 1}
            {i === props.values.length ? "（新增，可留空）" : ""}
          </label>
          <input id={`${props.name}-${i}`} name={props.name} value={v} list="departments" size={30} />
        </div>
      ))}
      <OpButton op={props.op}>{`再加一个${props.title}`}</OpButton>
    </div>
  );
}

/** One block of steps: who owns it, its heading, its steps. Township blocks rarely name a department. */
function BlockFields(props: {
  prefix: "dd" | "td";
  index: number;
  block: BlockEdit;
  title: string;
  count: number;
}) {
  const { prefix, index, block } = props;
  const field = (name: string) => `${prefix}.${index}.${name}`;
  const id = (name: string) => `${prefix}-${index}-${name}`;
  const label = props.count > 1 ? `${props.title}（第 ${index + 1} 段）` : props.title;
  return (
    <fieldset class="block">
      <legend>{label}</legend>
      {prefix === "dd" || block.department ? (
        <div class="field">
          <label for={id("department")}>职责所属部门（仅一个牵头部门时可留空）</label>
          <input
            id={id("department")}
            name={field("department")}
            value={block.department}
            list="departments"
          />
        </div>
      ) : (
        <input type="hidden" name={field("department")} value="" />
      )}
      {block.group ? (
        <div class="field">
          <label for={id("group")}>未具名的单位</label>
          <input id={id("group")} name={field("group")} value={block.group} />
        </div>
      ) : null}
      <div class="field">
        <label for={id("heading")}>小标题（可留空）</label>
        <input id={id("heading")} name={field("heading")} value={block.heading} size={40} />
      </div>
      <StepFields
        path={`${prefix}.${index}` as StepPath}
        name={field("steps")}
        title={label}
        steps={block.steps}
      />
    </fieldset>
  );
}

/** The fields of an item of one list; the list itself is fixed (a hidden field). */
export function ItemFields(props: { edit: ItemEdit }) {
  const e = props.edit;
  return (
    <fieldset class="item-fields">
      <legend>事项内容（{LIST_LABELS[e.list]}）</legend>
      <input type="hidden" name="list" value={e.list} />
      <datalist id="departments">
        {DEPARTMENTS.map((d) => (
          <option value={d} />
        ))}
      </datalist>
      <div class="field">
        <label for="item-category">事项类别</label>
        <input id="item-category" name="category" value={e.category} required />
      </div>
      <div class="field">
        <label for="item-name">事项名称</label>
        <textarea id="item-name" name="name" rows={2} required>
          {e.name}
        </textarea>
      </div>
      <div class="field">
        <label>
          <input type="checkbox" name="local" value="1" checked={e.local} /> 个性事项（仅本乡镇有）
        </label>
      </div>
      {e.list === "cooperative" ? (
        <>
          <fieldset>
            <legend>牵头的上级部门</legend>
            <NameFields name="leads" title="牵头部门" values={e.leads} op="add:leads" />
            {e.otherLeads.map((g, i) => (
              <div class="field">
                <label for={`other-${i}`}>其他牵头单位（未具名）</label>
                <input id={`other-${i}`} name="otherLeads" value={g} />
              </div>
            ))}
          </fieldset>
          {e.departmentDuties.map((b, i) => (
            <BlockFields
              prefix="dd"
              index={i}
              block={b}
              title="上级部门职责"
              count={e.departmentDuties.length}
            />
          ))}
          <OpButton op="block:dd">增加一段部门职责（如新增牵头部门）</OpButton>
          {e.townshipDuties.map((b, i) => (
            <BlockFields
              prefix="td"
              index={i}
              block={b}
              title="乡镇（街道）配合职责"
              count={e.townshipDuties.length}
            />
          ))}
        </>
      ) : null}
      {e.list === "reclaimed" ? (
        <>
          <fieldset>
            <legend>承接部门</legend>
            <NameFields name="takeover" title="承接部门" values={e.takeover} op="add:takeover" />
            <div class="field">
              <label>
                <input type="checkbox" name="takeoverNone" value="1" checked={e.takeoverNone} /> 无承接部门
              </label>
            </div>
          </fieldset>
          <fieldset>
            <legend>工作方式</legend>
            <StepFields path="workMethod" name="workMethod" title="工作方式" steps={e.workMethod} />
          </fieldset>
          <fieldset>
            <legend>工作标准</legend>
            <StepFields path="workStandard" name="workStandard" title="工作标准" steps={e.workStandard} />
          </fieldset>
        </>
      ) : null}
    </fieldset>
  );
}
