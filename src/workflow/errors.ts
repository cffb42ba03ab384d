/**
 * Refusals the workflow raises. WorkflowError is a Refusal (domain/refusal.ts) built from an HTTP status,
 * as older callers write it; the web and the CLI map it like any other refusal.
 */
import { Refusal, type RefusalCode } from "../domain/refusal.ts";

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 429;

const CODE_OF: Record<RefusalStatus, RefusalCode> = {
  400: "invalid",
  401: "unauthenticated",
  403: "forbidden",
  404: "not-found",
  409: "conflict",
  429: "rate-limited",
};

/** A request the workflow refuses, with a message for the user (Chinese). */
export class WorkflowError extends Refusal {
  override name = "WorkflowError";
  constructor(status: RefusalStatus, message: string, details?: Record<string, unknown>) {
    super(CODE_OF[status], message, details);
  }
}

/** 403: the principal may not do this. */
export function forbidden(message = "没有权限执行此操作。"): WorkflowError {
  return new WorkflowError(403, message);
}

/** 400: the input is wrong. */
export function invalid(message: string, details?: Record<string, unknown>): WorkflowError {
  return new WorkflowError(400, message, details);
}

/** 404: no such thing. */
export function missing(message: string): WorkflowError {
  return new WorkflowError(404, message);
}

/** 409: not in a state that allows it. */
export function conflict(message: string): WorkflowError {
  return new WorkflowError(409, message);
}
