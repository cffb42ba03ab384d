/** Password hashes: argon2id (@node-rs/argon2) with OWASP's minimum (19 MiB, 2 passes). */
import { hash, verify } from "@node-rs/argon2";

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** Whether `password` matches `stored`; false (never a throw) for a malformed hash. */
export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return verify(stored, password).catch(() => false);
}
