/** @jsxImportSource hono/jsx */
/**
 * The 任务核验 picker (GET /check): choose a county, then a township. Works without script: a GET form
 * with a grouped <select>, and the same choices as plain links folded per county.
 */
import type { Viewer } from "../viewer.ts";
import { Layout } from "./layout.tsx";

export interface PickerTownship {
  township: string;
  /** How URLs name it (县名/乡镇名 where the name repeats across counties). */
  ref: string;
  href: string;
}

export interface PickerCounty {
  county: string;
  region: string;
  /** The county-wide check. */
  href: string;
  townships: PickerTownship[];
}

export interface PickerView {
  counties: PickerCounty[];
  /** The township last checked against (its ref), when it is still readable. */
  last: string | null;
  /** The county chosen (?county=), or null for all. */
  county: string | null;
  /** Too many townships for one page: list the counties, each leading to its townships. */
  countyFirst: boolean;
}

const countyPickHref = (county: string) => `/check?county=${encodeURIComponent(county)}`;

/** The JSON twin: counties with their townships and links. */
export function pickerJson(view: PickerView) {
  return { last: view.last, county: view.county, counties: view.counties };
}

export function CheckPicker(props: PickerView & { viewer: Viewer }) {
  const last = props.counties.flatMap((k) => k.townships).find((t) => t.ref === props.last);
  return (
    <Layout
      viewer={props.viewer}
      title="任务核验"
      crumbs={[{ href: "/check", label: "任务核验" }]}
      jsonHref="/api/v1/check/townships"
    >
      <h1>任务核验</h1>
      <p class="explain">
        判断上级部门交办的任务属于乡镇的基本履职事项、配合履职事项、上级部门收回事项，还是清单外事项（需职责准入）。先选择乡镇（街道）；县里可对全县各乡镇一并核验。
      </p>
      {props.counties.length === 0 ? <p class="empty">还没有可以核验的乡镇清单。</p> : null}
      {props.counties.length === 1 && props.counties[0]!.townships.length === 1 ? (
        <p class="notice">目前只有{props.counties[0]!.townships[0]!.township}的清单可供核验。</p>
      ) : null}
      {last ? (
        <p class="last-choice">
          上次核验的乡镇：
          <a class="button" href={last.href}>
            继续核验{last.township}
          </a>
        </p>
      ) : null}
      {props.countyFirst ? (
        <>
          <h2>先选择县</h2>
          <ul class="township-links">
            {props.counties.map((k) => (
              <li>
                <a href={countyPickHref(k.county)}>
                  {k.region}
                  {k.county}
                </a>
                （{k.townships.length}）
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.counties.length > 0 && !props.countyFirst ? (
        <form class="picker" method="get" action="/check/go">
          <label for="pick-township">选择乡镇（街道）</label>{" "}
          <select id="pick-township" name="township">
            {props.counties.map((k) => (
              <optgroup label={`${k.region}${k.county}`}>
                {k.townships.map((t) => (
                  <option value={t.ref} selected={t.ref === props.last}>
                    {t.township}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>{" "}
          <button type="submit">进入核验</button>
        </form>
      ) : null}
      {props.countyFirst ? null : <h2>{props.county ? `${props.county}的乡镇` : "按县选择"}</h2>}
      {props.county ? (
        <p>
          <a href="/check">其他县</a>
        </p>
      ) : null}
      {(props.countyFirst ? [] : props.counties).map((k) => (
        <details
          class="county-pick"
          open={props.counties.length <= 3 || k.townships.some((t) => t.ref === props.last)}
        >
          <summary>
            {k.region}
            {k.county}（{k.townships.length} 个乡镇）
          </summary>
          <p>
            <a href={k.href}>全县各乡镇一并核验</a>
          </p>
          <ul class="township-links">
            {k.townships.map((t) => (
              <li>
                <a href={t.href}>{t.township}</a>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </Layout>
  );
}
