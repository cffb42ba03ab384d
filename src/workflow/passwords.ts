/**
 * Password policies. Two profiles: `dengbao` (等保2.0 level 3, the default for government deployments:
 * length and character-class complexity, change every 90 days) and `asvs` (OWASP ASVS 5.0: at least 12
 * characters, no composition rules, no forced rotation). Both refuse common passwords (the shipped list,
 * also through l33t spellings and added digits), trivial ones (one repeated character, runs such as
 * abcd1234 or qwerty), and leading or trailing spaces (refused with a message, never trimmed silently:
 * the password is kept exactly as typed). Reuse of the last 5 is refused in ./password-history.ts.
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { dictionary } from "@zxcvbn-ts/language-common";

export type PolicyName = "dengbao" | "asvs";
export const POLICY_NAMES: readonly PolicyName[] = ["dengbao", "asvs"];

export interface PasswordPolicy {
  name: PolicyName;
  minLength: number;
  /** Character classes (lower, upper, digit, other) of which at least this many must occur. */
  minClasses: number;
  /** Refuse passwords on the shipped common-password list. */
  rejectCommon: boolean;
  /** Days after which the password must be changed; null: never. */
  maxAgeDays: number | null;
}

export const POLICIES: Record<PolicyName, PasswordPolicy> = {
  dengbao: { name: "dengbao", minLength: 8, minClasses: 3, rejectCommon: true, maxAgeDays: 90 },
  asvs: { name: "asvs", minLength: 12, minClasses: 0, rejectCommon: true, maxAgeDays: null },
};

/** Longest password accepted (ASVS: at least 64 must be allowed; argon2 hashes any length). */
export const MAX_PASSWORD_LENGTH = 128;

/** The policy in force: $LVZHI_PASSWORD_POLICY, default dengbao. Throws on an unknown name. */
export function policyFromEnv(value = process.env.LVZHI_PASSWORD_POLICY): PasswordPolicy {
  const name = (value?.trim() || "dengbao") as PolicyName;
  if (!POLICY_NAMES.includes(name)) {
    throw new Error(`未知的密码策略 "${value}"（应为 ${POLICY_NAMES.join(" 或 ")}）`);
  }
  return POLICIES[name];
}

let common: Set<string> | undefined;

/** The common-password list: zxcvbn's general list plus data/common-passwords-zh.txt. */
export function commonPasswords(): Set<string> {
  if (common) return common;
  const zh = readFileSync(new URL("../../data/common-passwords-zh.txt", import.meta.url), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  common = new Set([...(dictionary["passwords-common"] as string[]), ...zh].map((p) => p.toLowerCase()));
  return common;
}

const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "8": "b",
  "3": "e",
  "1": "l",
  "!": "i",
  "0": "o",
  $: "s",
  "5": "s",
  "7": "t",
  "2": "z",
};

/** The spellings a list entry may hide behind: as typed, l33t undone, digits and symbols around stripped. */
function variants(password: string): string[] {
  const lower = password.toLowerCase();
  const unleet = [...lower].map((ch) => LEET[ch] ?? ch).join("");
  const out = new Set<string>();
  for (const v of [lower, unleet]) {
    out.add(v);
    const stem = v.replace(/^[\d\W_]+/u, "").replace(/[\d\W_]+$/u, "");
    if (stem.length >= 4) out.add(stem);
  }
  // "1" stands for "i" as often as for "l": password1 → passwordl is useless, p1ssw0rd needs both.
  out.add([...lower].map((ch) => (ch === "1" ? "i" : (LEET[ch] ?? ch))).join(""));
  return [...out];
}

/** True when the password, or one of its spellings (see variants), is on the common list. */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  return variants(password).some((v) => list.has(v));
}

const KEYBOARD_ROWS = ["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"];

/** Whether b follows a on a keyboard row (either way) or in code points (abc, 123, 987). */
function adjacent(a: string, b: string): boolean {
  const step = b.codePointAt(0)! - a.codePointAt(0)!;
  if (step === 1 || step === -1) return true;
  return KEYBOARD_ROWS.some((row) => {
    const i = row.indexOf(a);
    const j = row.indexOf(b);
    return i >= 0 && j >= 0 && Math.abs(i - j) === 1;
  });
}

/**
 * How many pieces a password falls into when each piece is one character repeated or a run of neighbours
 * (alphabet, digits, keyboard row). "aaaaaaaaaaaa" is 1, "Aa123456" and "abcd1234" are 2, "qwerty123" 2.
 */
export function trivialPieces(password: string): number {
  const chars = [...password.toLowerCase()];
  let pieces = 0;
  let i = 0;
  while (i < chars.length) {
    let j = i + 1;
    if (chars[j] === chars[i]) while (chars[j] === chars[i]) j++;
    else {
      const dir = j < chars.length && adjacent(chars[j - 1]!, chars[j]!) ? 1 : 0;
      if (dir) while (j < chars.length && adjacent(chars[j - 1]!, chars[j]!)) j++;
    }
    pieces++;
    i = j;
  }
  return pieces;
}

function classCount(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/** What is wrong with a new password under a policy (Chinese messages); empty when it is acceptable. */
export function passwordProblems(policy: PasswordPolicy, password: string, userName: string): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (/^\s|\s$/u.test(password)) problems.push("密码首尾不能是空格（密码按输入原样保存，不会自动去掉空格）");
  if (length < policy.minLength) problems.push(`密码至少 ${policy.minLength} 个字符`);
  if (length > MAX_PASSWORD_LENGTH) problems.push(`密码最多 ${MAX_PASSWORD_LENGTH} 个字符`);
  if (policy.minClasses > 0 && classCount(password) < policy.minClasses) {
    problems.push(`密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类`);
  }
  if (userName.length >= 3 && password.toLowerCase().includes(userName.toLowerCase())) {
    problems.push("密码不得包含用户名");
  }
  if (policy.rejectCommon && isCommonPassword(password)) {
    problems.push("该密码过于常见，容易被猜中，请换一个");
  } else if (length > 0 && trivialPieces(password) <= 3) {
    problems.push("密码过于简单（重复字符或连续的字母、数字、键盘按键），请换一个");
  }
  return problems;
}

/** Whether a password set at `changedAt` has expired under the policy. */
export function passwordExpired(policy: PasswordPolicy, changedAt: string, now = new Date()): boolean {
  if (policy.maxAgeDays === null) return false;
  return now.getTime() - Date.parse(changedAt) > policy.maxAgeDays * 86_400_000;
}

const LOWER = "abcdefghijkmnpqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const SYMBOLS = "-_.!@#%+=";

/** A random one-time password of 16 characters that passes both profiles (no look-alike characters). */
export function oneTimePassword(): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => set[randomInt(set.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}
