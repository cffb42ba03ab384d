/**
 * Reads a form of a page as a browser would submit it: its inputs (checked boxes only), textareas and
 * selects, in document order, entities decoded. Enough for the server-rendered forms of lvzhi.
 */

function decode(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
}

/** The fields of the first form posting to `action` (without its buttons), as [name, value] pairs. */
export function formFields(html: string, action: string): [string, string][] {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const end = html.indexOf("</form>", start);
  const form = html.slice(start, end);
  const out: [string, string][] = [];
  const re =
    /<input\b[^>]*>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/g;
  for (let m = re.exec(form); m; m = re.exec(form)) {
    const tag = m[0];
    if (tag.startsWith("<input")) {
      const name = attr(tag, "name");
      const type = attr(tag, "type") ?? "text";
      if (!name || type === "submit") continue;
      if ((type === "checkbox" || type === "radio") && !/\schecked(?:=""|\s|>|\/)/.test(tag)) continue;
      out.push([name, attr(tag, "value") ?? (type === "checkbox" ? "on" : "")]);
    } else if (tag.startsWith("<textarea")) {
      const name = attr(` ${m[1]}`, "name");
      if (name) out.push([name, decode(m[2]!)]);
    } else {
      const name = attr(` ${m[3]}`, "name");
      const options = [...m[4]!.matchAll(/<option\b([^>]*)>/g)].map((o) => o[1]!);
      const chosen = options.find((o) => /\sselected/.test(o)) ?? options[0];
      if (name && chosen !== undefined) out.push([name, attr(` ${chosen}`, "value") ?? ""]);
    }
  }
  return out;
}

/** Fields as the Client's post() takes them: repeated names as arrays, in order. */
export function asFields(pairs: [string, string][]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of pairs) {
    const had = out[k];
    out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}
