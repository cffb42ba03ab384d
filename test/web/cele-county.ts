/** A county of six townships for page tests: 策勒乡 (the bundled lists) and five derived from it. */
import { deriveTownship } from "../../src/bench/derive.ts";
import type { EditionDraft } from "../../src/domain/edition.ts";
import { bundledDraft } from "../workflow/helpers.ts";

export const CELE_TOWNSHIPS = ["固拉哈玛镇", "达玛沟乡", "乌鲁克萨依乡", "奴尔乡", "博斯坦乡"];

/** 策勒乡 and five townships of 策勒县 derived from it (reworded, renumbered, some items dropped). */
export async function celeCounty(): Promise<EditionDraft[]> {
  const cele = await bundledDraft();
  return [
    cele,
    ...CELE_TOWNSHIPS.map((township, i) =>
      deriveTownship(cele, { county: cele.county, region: cele.region, township, seed: 101 + i }),
    ),
  ];
}
