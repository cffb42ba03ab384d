/** Refusals the workflow raises; the web layer turns `status` into the HTTP status, the CLI into a message. */

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 429;

/** A request the workflow refuses, with a message for the user (Chinese). */
export class WorkflowError extends Error {
  override name = "WorkflowError";
  constructor(
    readonly status: RefusalStatus,
    message: string,
  ) {
    super(message);
  }
}

/** 403: the principal may not do this. */
export function forbidden(message = "没有权限执行此操作。"): WorkflowError {
  return new WorkflowError(403, message);
}

/** 400: the input is wrong. */
export function invalid(message: string): WorkflowError {
  return new WorkflowError(400, message);
}

/** 404: no such thing. */
export function missing(message: string): WorkflowError {
  return new WorkflowError(404, message);
}

/** 409: not in a state that allows it. */
export function conflict(message: string): WorkflowError {
  return new WorkflowError(409, message);
}
