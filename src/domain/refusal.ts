/**
 * The one error model: a refusal with a code from a closed set and a message for the user (Chinese).
 * The web maps code → HTTP status and page in one place (web/errors.tsx); the CLI maps it to an exit code.
 */

export const REFUSAL_CODES = [
  "invalid",
  "unauthenticated",
  "forbidden",
  "not-found",
  "conflict",
  "rate-limited",
  "too-large",
  "unavailable",
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** HTTP status of each refusal code. */
export const REFUSAL_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  "too-large": 413,
  "rate-limited": 429,
  unavailable: 503,
} as const satisfies Record<RefusalCode, number>;

/** Exit code of the CLI for each refusal code (2 = usage/input, 3 = access, 4 = state, 5 = capacity). */
export const REFUSAL_EXIT = {
  invalid: 2,
  unauthenticated: 3,
  forbidden: 3,
  "not-found": 2,
  conflict: 4,
  "too-large": 5,
  "rate-limited": 5,
  unavailable: 5,
} as const satisfies Record<RefusalCode, number>;

/** The refusal code of an HTTP error status (from a framework exception); undefined for other statuses. */
export function refusalCodeOf(status: number): RefusalCode | undefined {
  return REFUSAL_CODES.find((code) => REFUSAL_STATUS[code] === status);
}

/** An expected refusal: logged without a stack trace, answered with its code's status. */
export class Refusal extends Error {
  override name = "Refusal";
  constructor(
    readonly code: RefusalCode,
    message: string,
    /** Machine-readable details (field names, limits, retry-after seconds …). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): (typeof REFUSAL_STATUS)[RefusalCode] {
    return REFUSAL_STATUS[this.code];
  }
}
