import { ApiError } from '../../http/api-error';

/**
 * An ApiError whose code or status this domain fixes itself rather than taking the catalogue default: the action
 * readiness check answers 409 for every agent code (unlike the 403/404 those codes carry elsewhere), `AGENT_OFFLINE`
 * is not yet in the shared catalogue, and a failed prepare surfaces the agent's own error code with 424.
 */
export class CommandDomainError extends ApiError {
  constructor(code: string, status: number, message: string, details?: Record<string, unknown>) {
    super('CONFLICT', message, details);
    Object.defineProperty(this, 'code', { value: code, enumerable: true });
    Object.defineProperty(this, 'status', { value: status, enumerable: true });
  }
}
