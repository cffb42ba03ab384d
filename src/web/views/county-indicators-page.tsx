/** @jsxImportSource hono/jsx */
/** /c/:county/indicators: the 考核指标核验 form with a township picker, for a county's 编办. */

import { assetHref } from "../assets.ts";
import type { Viewer } from "../viewer.ts";
import { IndicatorForm } from "./indicators-page.tsx";
import { Layout } from "./layout.tsx";

export function countyIndicatorsHref(county: string): string {
  return `/c/${encodeURIComponent(county)}/indicators`;
}

export function CountyIndicatorsPage(props: { county: string; townships: string[]; viewer: Viewer }) {
  const picker = (
    <>
      <label for="indicator-township">被考核的乡镇</label>
      <select id="indicator-township" name="township" required>
        {props.townships.map((t) => (
          <option value={t}>{t}</option>
        ))}
      </select>
    </>
  );
  return (
    <Layout
      viewer={props.viewer}
      title={`考核指标核验 · ${props.county}`}
      crumbs={[
        { href: `/c/${encodeURIComponent(props.county)}`, label: props.county },
        { href: countyIndicatorsHref(props.county), label: "考核指标核验" },
      ]}
    >
      <link rel="stylesheet" href={assetHref("files.css")} />
      <h1>考核指标核验</h1>
      <p class="explain">
        选择被考核的乡镇并上传{props.county}
        对乡镇的考核指标表，逐项对照该乡镇的履职事项清单：找出对上级部门收回事项的考核、
        未经职责准入的指标、把配合事项按牵头职责考核的指标，并按考核部门汇总涉及的分值。
      </p>
      <IndicatorForm action={countyIndicatorsHref(props.county)} picker={picker} />
    </Layout>
  );
}
