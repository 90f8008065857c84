import { userInfo } from 'node:os';
import type { AuditActor } from '../audit/audit-recorder';
import type { RequestMeta } from '../http/request-context';
import { newId } from '../ids/new-id';

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}

/** CLI changes are audited as the SYSTEM actor `cli:<os user>`, so they can be told apart from the API's. */
export function cliActor(): AuditActor {
  return { actorType: 'SYSTEM', actorId: `cli:${osUser()}`.slice(0, 40) };
}

/** What the audit rows of one CLI run record in place of an HTTP request. */
export function cliRequestMeta(version: string): RequestMeta {
  return { requestId: newId('req'), ipAddress: null, userAgent: `opstage-cli/${version}` };
}
