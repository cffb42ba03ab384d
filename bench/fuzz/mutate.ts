/**
 * Mutations of a seed document, all driven by one seeded random generator so that an input is rebuilt
 * exactly from (run seed, input number): byte flips, truncation, inserted bytes, huge repetition, random
 * Unicode, and for zip containers the same inside one part (XML corrupted, attributes set to absurd
 * numbers, rows repeated thousands of times), entries removed or duplicated.
 */
import JSZip from "jszip";
import type { Seed } from "./seeds.ts";

/** mulberry32: small, fast, good enough to pick mutations; the same seed gives the same inputs. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** A repetition count: mostly small, one time in 20 huge (huge inputs test the caps, but cost seconds). */
  times(huge: number): number {
    return this.chance(0.05) ? huge : this.pick([2, 3, 10, 50, 200]);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Strings that have broken parsers before: regex syntax, huge names, markup, numbering and entity tricks. */
const HOSTILE = [
  "县(((((((((((局：",
  "县[[[[局：",
  "县.*+?^$\u007b}()|[]\\局：", // regex syntax (\u007b: a brace the linter would take for a placeholder)
  `县${"(".repeat(3000)}局：`,
  `县${"应急".repeat(20000)}管理局：`,
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  "&a;&amp;&#0;&#xFFFFFF;",
  "\u0000\u0001\u0002",
  "\ud800\udfff\ud800",
  "\u202e\u200b\u200d\ufeff",
  "1.1.1.1.1.1.1.1.1.1.1.2.3.4.5.6.7.8.9.10.11.12",
  "一、二、三、四、五、六、七、八、九、十、",
  "其他负有安全监管职责的部门：其他相关部门：有关部门：",
  "承接部门：无 工作方式：工作标准：工作方式：",
  "序号\t事项类别\t事项名称\t备注",
  "策勒县策勒乡基本履职事项清单",
  "%1%2%3%9%0",
];

function randomUnicode(rng: Rng, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    const range = rng.pick([
      [0x20, 0x7e],
      [0x0, 0x1f],
      [0x4e00, 0x9fff],
      [0x3000, 0x303f],
      [0xff00, 0xffef],
      [0xd800, 0xdfff],
      [0x1f300, 0x1faff],
      [0x200b, 0x202e],
      [0x10000, 0x10ffff],
    ] as const);
    out += String.fromCodePoint(range[0] + rng.int(range[1] - range[0] + 1));
  }
  return out;
}

/** A text mutation (used on plain text, JSON, and the inside of zip parts). */
type TextMutation = (text: string, rng: Rng) => string;

function at(text: string, rng: Rng): number {
  return rng.int(text.length + 1);
}

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  "text-truncate": (t, rng) => t.slice(0, at(t, rng)),
  "text-delete": (t, rng) => {
    const a = at(t, rng);
    return t.slice(0, a) + t.slice(a + rng.int(2000));
  },
  "text-unicode": (t, rng) => {
    const a = at(t, rng);
    return t.slice(0, a) + randomUnicode(rng, 1 + rng.int(64)) + t.slice(a);
  },
  "text-hostile": (t, rng) => {
    const a = at(t, rng);
    return t.slice(0, a) + rng.pick(HOSTILE) + t.slice(a);
  },
  "text-repeat": (t, rng) => {
    const a = at(t, rng);
    const slice = t.slice(a, a + 1 + rng.int(4000));
    const times = rng.times(20_000);
    return (
      t.slice(0, a) +
      slice.repeat(Math.max(1, Math.min(times, Math.floor(12_000_000 / (slice.length + 1))))) +
      t.slice(a)
    );
  },
  "lines-repeat": (t, rng) => {
    const lines = t.split("\n");
    const i = rng.int(lines.length);
    const times = Math.min(
      rng.pick([2, 50, 5000, 1_000_000]),
      Math.floor(8_000_000 / (lines[i]!.length + 1)),
    );
    // Joined, not spliced: a million arguments would overflow the stack.
    const copies = `${lines[i]}\n`.repeat(times);
    return `${lines.slice(0, i).join("\n")}\n${copies}${lines.slice(i).join("\n")}`;
  },
  "lines-shuffle": (t, rng) => {
    const lines = t.split("\n");
    for (let k = 0; k < 1 + rng.int(20); k++) {
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines.join("\n");
  },
  "cells-break": (t, rng) =>
    t.replace(/\t/g, () => (rng.chance(0.05) ? rng.pick(["", "\t\t", " ", "\n", "\t1\t"]) : "\t")),
  "numbers-absurd": (t, rng) =>
    t.replace(/(["=>\t])(\d{1,3})(?=["<\t])/g, (_m, before: string) =>
      rng.chance(0.2)
        ? before + rng.pick(["-1", "99999999", "1e309", "NaN", "0", "4294967296", "1.5", "", "٣"])
        : _m,
    ),
};

/** XML-only corruption: unbalanced and stray tags, a DTD, a huge attribute. */
const XML_MUTATIONS: Record<string, TextMutation> = {
  "xml-unbalance": (t, rng) => {
    const a = at(t, rng);
    return (
      t.slice(0, a) +
      rng.pick(["<w:p>", "</w:tbl>", "<w:tc>", "</row>", '<c r="A1"><v>', "<", "&", "]]>"]) +
      t.slice(a)
    );
  },
  "xml-tag-repeat": (t, rng) => {
    const tag = rng.pick(["w:tr", "w:p", "w:tc", "row", "si", "w:lvl", "w:style", "w:abstractNum"]);
    const m = new RegExp(`<${tag}[ >][\\s\\S]*?</${tag}>`).exec(t);
    if (!m) return t;
    const times = rng.times(3000);
    return (
      t.slice(0, m.index) +
      m[0].repeat(Math.min(times, Math.floor(6_000_000 / m[0].length))) +
      t.slice(m.index)
    );
  },
  "xml-dtd": (t) =>
    t.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'),
  "xml-deep": (t, rng) => {
    const a = t.indexOf("<w:body>") >= 0 ? t.indexOf("<w:body>") + 8 : at(t, rng);
    const depth = rng.chance(0.05) ? 50_000 : rng.pick([10, 100, 1000]);
    return `${t.slice(0, a)}${"<w:sdt><w:sdtContent>".repeat(depth)}<w:p/>${"</w:sdtContent></w:sdt>".repeat(depth)}${t.slice(a)}`;
  },
};

export interface Mutated {
  bytes: Uint8Array;
  /** The mutations applied, in order (the input's kind in the report). */
  steps: string[];
}

const utf8 = new TextEncoder();
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function byteMutation(bytes: Uint8Array, rng: Rng): { name: string; bytes: Uint8Array } {
  const name = rng.pick(["byte-flip", "byte-truncate", "byte-insert", "byte-repeat"]);
  const out = Buffer.from(bytes);
  switch (name) {
    case "byte-flip":
      for (let k = 0; k < 1 + rng.int(8); k++) if (out.length) out[rng.int(out.length)] = rng.int(256);
      return { name, bytes: out };
    case "byte-truncate":
      return { name, bytes: out.subarray(0, rng.int(out.length + 1)) };
    case "byte-insert": {
      const a = rng.int(out.length + 1);
      const junk = Buffer.from(Array.from({ length: 1 + rng.int(64) }, () => rng.int(256)));
      return { name, bytes: Buffer.concat([out.subarray(0, a), junk, out.subarray(a)]) };
    }
    default: {
      const a = rng.int(out.length + 1);
      const slice = out.subarray(a, a + 1 + rng.int(512));
      const copies = Array<Buffer>(1 + rng.int(200)).fill(slice);
      return { name, bytes: Buffer.concat([out.subarray(0, a), ...copies, out.subarray(a)]) };
    }
  }
}

/** Mutates one zip part, or removes, duplicates or adds entries; the container is written anew. */
async function zipMutation(bytes: Uint8Array, rng: Rng, steps: string[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const textual = names.filter((n) => /\.(xml|rels|csv)$/i.test(n));
  const main = textual.filter((n) => /document\.xml|sheet\d*\.xml|sharedStrings|\.csv$/i.test(n));
  const choice = rng.pick(["part", "part", "part", "part", "remove", "duplicate", "add"] as const);
  if (choice === "remove" && names.length > 0) {
    const name = rng.pick(names);
    zip.remove(name);
    steps.push(`zip-remove(${name})`);
  } else if (choice === "duplicate" && names.length > 1) {
    const from = rng.pick(names);
    const to = rng.pick(names);
    zip.file(to, await zip.file(from)!.async("uint8array"));
    steps.push(`zip-copy(${from}→${to})`);
  } else if (choice === "add") {
    const name = rng.pick([
      "word/numbering.xml",
      "word/styles.xml",
      "xl/sharedStrings.xml",
      "a/../../x.xml",
      "说明.csv",
    ]);
    zip.file(name, rng.pick(HOSTILE));
    steps.push(`zip-add(${name})`);
  } else {
    const name = rng.chance(0.6) && main.length ? rng.pick(main) : rng.pick(textual.length ? textual : names);
    const text = await zip.file(name)!.async("string");
    const table = /\.csv$/i.test(name) || rng.chance(0.5) ? TEXT_MUTATIONS : XML_MUTATIONS;
    const key = rng.pick(Object.keys(table));
    zip.file(name, table[key]!(text, rng));
    steps.push(`${key}(${name})`);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

/** One mutated input from a seed: one to three mutations, mostly structure-aware, sometimes raw bytes. */
export async function mutate(seed: Seed, rng: Rng): Promise<Mutated> {
  let bytes = seed.bytes;
  const steps: string[] = [];
  const isZip = seed.format === "docx" || seed.format === "xlsx" || seed.format === "csv";
  const count = 1 + rng.int(3);
  for (let k = 0; k < count; k++) {
    if (rng.chance(0.2)) {
      const mutated = byteMutation(bytes, rng);
      bytes = mutated.bytes;
      steps.push(mutated.name);
    } else if (isZip) {
      try {
        bytes = await zipMutation(bytes, rng, steps);
      } catch {
        // An earlier byte mutation broke the container: later mutations work on bytes only.
        const mutated = byteMutation(bytes, rng);
        bytes = mutated.bytes;
        steps.push(mutated.name);
      }
    } else {
      const key = rng.pick(Object.keys(TEXT_MUTATIONS));
      bytes = utf8.encode(TEXT_MUTATIONS[key]!(decode(bytes), rng));
      steps.push(key);
    }
  }
  return { bytes, steps };
}
