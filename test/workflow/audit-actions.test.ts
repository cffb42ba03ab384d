/**
 * Issue 12 row 4: every action code written to the audit log anywhere in src/ has its Chinese sentence in
 * workflow/audit-actions.ts, and every field an entry records before/after has a Chinese name
 * (web/audit-text.ts). The compiler checks the codes too (appendAudit takes an AuditAction); this scan
 * also reads the codes built from parts (`admission.${decision.action}`).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { FIELD_LABELS } from "../../src/web/audit-text.ts";
import { ACTION_GROUPS, AUDIT_ACTIONS, actionLabel } from "../../src/workflow/audit-actions.ts";

const SRC = join(import.meta.dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The text of each `appendAudit(…)` call in src/ (balanced parentheses), with its file. */
function auditCalls(): { file: string; text: string }[] {
  const calls: { file: string; text: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = readFileSync(file, "utf8");
    let at = source.indexOf("appendAudit(");
    while (at >= 0) {
      const open = at + "appendAudit".length;
      let depth = 0;
      let end = open;
      for (; end < source.length; end++) {
        if (source[end] === "(") depth++;
        else if (source[end] === ")" && --depth === 0) break;
      }
      const text = source.slice(open + 1, end);
      // The definition itself and imports are not calls that write an entry.
      if (/\baction\s*:/.test(text)) calls.push({ file: file.slice(SRC.length + 1), text });
      at = source.indexOf("appendAudit(", end);
    }
  }
  return calls;
}

/** The expression of a property (`action: …`) up to the next top-level comma or the end. */
function property(text: string, name: string): string | null {
  const match = new RegExp(`\\b${name}\\s*:`).exec(text);
  if (!match) return null;
  let depth = 0;
  let i = match.index + match[0].length;
  const start = i;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if ("({[".includes(ch)) depth++;
    else if (")}]".includes(ch)) {
      if (depth === 0) break;
      depth--;
    } else if (ch === "," && depth === 0) break;
  }
  return text.slice(start, i).trim();
}

/** Every code an action expression can write: its literals, and each template's prefix with its literal parts. */
function codesOf(expression: string): { codes: string[]; prefixes: string[] } {
  const codes = [...expression.matchAll(/"([a-z]+\.[a-z_]+)"/g)].map((m) => m[1]!);
  const prefixes: string[] = [];
  for (const m of expression.matchAll(/`([a-z]+)\.\$\{([^`]*)\}`/g)) {
    // The branches of a conditional (`to === "review" ? "submit" : …`), not what it compares with.
    const inner = [...m[2]!.matchAll(/[?:]\s*"([a-z_]+)"/g)].map((x) => x[1]!);
    if (inner.length) codes.push(...inner.map((part) => `${m[1]}.${part}`));
    else prefixes.push(m[1]!);
  }
  return { codes, prefixes };
}

const known = new Set(Object.keys(AUDIT_ACTIONS));

test("the scan finds the audit writes of every workflow module", () => {
  const files = new Set(auditCalls().map((c) => c.file));
  for (const file of [
    "workflow/users.ts",
    "workflow/auth.ts",
    "workflow/admission.ts",
    "workflow/proposals.ts",
  ]) {
    assert.ok(files.has(file), `${file} writes audit entries`);
  }
  assert.ok(auditCalls().length >= 25, `found ${auditCalls().length} calls`);
});

test("every action code written anywhere in src/ has a Chinese sentence", () => {
  const missing: string[] = [];
  for (const call of auditCalls()) {
    const expression = property(call.text, "action");
    assert.ok(expression, `${call.file}: an appendAudit call without action`);
    const { codes, prefixes } = codesOf(expression);
    assert.ok(codes.length + prefixes.length > 0, `${call.file}: cannot read the code of ${expression}`);
    for (const code of codes) if (!known.has(code)) missing.push(`${call.file}: ${code}`);
    // A code built from a variable (admission.${decision.action}): its group must be labelled; the compiler
    // checks each value (AuditInput.action is an AuditAction).
    for (const prefix of prefixes) {
      if (![...known].some((k) => k.startsWith(`${prefix}.`))) missing.push(`${call.file}: ${prefix}.*`);
    }
  }
  assert.deepEqual(missing, [], "codes without a sentence in src/workflow/audit-actions.ts");
});

test("every sentence is Chinese and every code belongs to a filter group", () => {
  for (const [code, sentence] of Object.entries(AUDIT_ACTIONS)) {
    assert.match(sentence, /^[\p{Script=Han}，、（）]+$/u, code);
    assert.ok(Object.hasOwn(ACTION_GROUPS, code.split(".")[0]!), `${code} has a group`);
    assert.equal(actionLabel(code), sentence);
  }
  assert.equal(actionLabel("admission.approve"), "准入申请已批准");
  assert.equal(actionLabel("old.code"), "old.code", "a code of an older release shows as stored");
});

/** Keys of the object literals given as before/after (spreads of literals included). */
function fieldsOf(expression: string): string[] {
  const keys = new Set<string>();
  for (const m of expression.matchAll(/[{,]\s*([A-Za-z_]\w*)\s*(?=[:,}])/g)) keys.add(m[1]!);
  return [...keys];
}

test("every field an entry records before or after has a Chinese name", () => {
  const missing: string[] = [];
  let seen = 0;
  for (const call of auditCalls()) {
    for (const side of ["before", "after"]) {
      const expression = property(call.text, side);
      if (!expression?.startsWith("{")) continue;
      for (const field of fieldsOf(expression)) {
        seen++;
        if (!Object.hasOwn(FIELD_LABELS, field)) missing.push(`${call.file}: ${side}.${field}`);
      }
    }
  }
  assert.ok(seen >= 30, `read ${seen} fields`);
  assert.deepEqual(missing, [], "fields without a name in src/web/audit-text.ts FIELD_LABELS");
});
