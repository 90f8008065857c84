/** Every error the SDK reports is one of these; `retryable` says whether the SDK keeps trying by itself. */
export class CapsuleAgentError extends Error {
  readonly retryable: boolean = false;

  constructor(
    message: string,
    /** The server's error code (`REGISTRATION_TOKEN_INVALID`, …) or a local one. */
    readonly code?: string,
    /** The HTTP status, when the error came from a response. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The registration token was refused (invalid, expired, used or revoked). Not retried: a new token is needed. */
export class RegistrationError extends CapsuleAgentError {}

/** The agent token was refused (revoked, or unknown to this backend). The agent stops; the host keeps running. */
export class AgentAuthError extends CapsuleAgentError {}

/** An operator disabled this agent. The token is kept and the agent retries slowly until it is enabled again. */
export class AgentDisabledError extends CapsuleAgentError {
  override readonly retryable = true;
}

/** The backend could not be reached, timed out or answered 5xx. Retried with backoff. */
export class NetworkError extends CapsuleAgentError {
  override readonly retryable = true;
}

/** Any other refusal by the backend (4xx): a bug or a contract mismatch, not retried. */
export class ApiRequestError extends CapsuleAgentError {}

/** The options cannot work (no token file and no registration token, a duplicate action, …). */
export class AgentConfigurationError extends CapsuleAgentError {}

/** A handler returned a result larger than the backend accepts; the command is reported FAILED instead. */
export class ResultTooLargeError extends CapsuleAgentError {}

/** The Capsule Bus is disabled on this backend (404 `CAPSULE_BUS_DISABLED`): permanent, not retried. */
export class BusDisabledError extends CapsuleAgentError {}

/** The backend's per-agent bus ingest limit was hit (429). */
export class BusRateLimitedError extends CapsuleAgentError {
  override readonly retryable = true;
}

/**
 * Throw this from an action handler to fail the command with your own error code (shown to operators and stored as
 * the command's `errorCode`). Any other thrown error fails it with `ACTION_FAILED`.
 */
export class ActionError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}
