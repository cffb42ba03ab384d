/**
 * The document properties of an Office file (docProps/core.xml): its title, which Word and Excel show under
 * File → Info. A workbook may name its township and county only there ("策勒县策勒乡履职事项清单").
 */
import { decodeEntities } from "./html.ts";
import type { LimitedZip } from "./zip-limits.ts";

const TITLE = /<dc:title(?:\s[^>]*)?>([^<]*)<\/dc:title>/;

/** The title in docProps/core.xml, trimmed; undefined when the file has none. */
export async function documentTitle(zip: LimitedZip): Promise<string | undefined> {
  if (!zip.has("docProps/core.xml")) return undefined;
  const match = TITLE.exec(await zip.text("docProps/core.xml"));
  const title = match?.[1] ? decodeEntities(match[1]).replace(/\s+/g, " ").trim() : "";
  return title || undefined;
}
