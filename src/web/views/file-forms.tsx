/** @jsxImportSource hono/jsx */
/** Pieces the file pages share: the hidden fields that carry an upload back, and a download form of them. */
import type { Child } from "hono/jsx";

export interface Carry {
  carry: string;
  carryName: string;
}

/** Hidden fields that send the uploaded file again (the result page's downloads work without storing it). */
export function CarryFields(props: { carry: Carry }) {
  return (
    <>
      <input type="hidden" name="carry" value={props.carry.carry} />
      <input type="hidden" name="carryName" value={props.carry.carryName} />
    </>
  );
}

/** A form posting the carried file back with buttons (`view` values); a note to upload again when too large. */
export function CarryForm(props: {
  action: string;
  carry: Carry | null;
  fields?: Record<string, string>;
  buttons: { view: string; label: string }[];
  children?: Child;
}) {
  if (!props.carry) {
    return <p class="note">文件较大，页面未保留：如需下载或打印，请重新上传并点击相应按钮。</p>;
  }
  return (
    <form class="carry-form" method="post" action={props.action} enctype="multipart/form-data">
      <CarryFields carry={props.carry} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.children}
      {props.buttons.map((b) => (
        <button type="submit" name="view" value={b.view}>
          {b.label}
        </button>
      ))}
    </form>
  );
}
