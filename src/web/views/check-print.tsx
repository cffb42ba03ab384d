/** @jsxImportSource hono/jsx */
/**
 * The 核验单 print view: the same header as the .docx (township, edition, date, 核验人), a card per task
 * without forms, and a 签章 area; A4 portrait (check.css, body.check-print).
 */
import { assetHref } from "../assets.ts";
import { type CheckSheetHeader, headerLines } from "../check-sheet.ts";
import { CheckResults } from "./check-page.tsx";

export type { CheckSheetHeader } from "../check-sheet.ts";

export function CheckPrint(props: CheckSheetHeader) {
  const r = props.record;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`任务核验单 · ${r.township}`}</title>
        <link rel="stylesheet" href={assetHref("style.css")} />
        <link rel="stylesheet" href={assetHref("check.css")} />
      </head>
      <body class="check-print">
        <h1>任务核验单</h1>
        <table class="sheet-head">
          <tbody>
            {headerLines(props).map(([k, v]) => (
              <tr>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <CheckResults record={r} checked={true} plain={true} />
        <div class="seal">
          <p>核验人（签字）：＿＿＿＿＿＿　　审核人（签字）：＿＿＿＿＿＿</p>
          <p>单位（签章）：</p>
          <p class="seal-date">年　　月　　日</p>
        </div>
        <p class="meta print-foot">
          由“履职”平台依据已公布的履职事项清单自动核验，结论供参考，以清单原文为准。
        </p>
      </body>
    </html>
  );
}
