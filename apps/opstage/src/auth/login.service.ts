import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { AuditRecorder } from '../audit/audit-recorder';
import { ApiError } from '../http/api-error';
import { currentRequestMeta } from '../http/request-context';
import { User } from '../users/user.entity';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionService } from './session.service';
import { Session } from './session.entity';

export interface LoginOutcome {
  user: User;
  session: Session;
  rawToken: string;
}

/**
 * Password login with per-IP and per-username throttling and the same work whether or not the user exists. Every
 * login issues a new session; a session cookie the browser presented with the login request is ended, never carried
 * over (no session fixation, and no stray session left behind when a browser switches user).
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditRecorder,
  ) {}

  async login(username: string, password: string, presentedSessionToken?: string): Promise<LoginOutcome> {
    const meta = currentRequestMeta();
    const ip = meta?.ipAddress ?? 'unknown';
    const verdict = await this.throttle.check(ip, username);
    if (!verdict.allowed) {
      throw new ApiError('RATE_LIMITED', 'Too many failed logins; try again later.', { retryAfterSeconds: verdict.retryAfterSeconds }, { headers: { 'retry-after': String(verdict.retryAfterSeconds) } });
    }
    const user = await this.em.findOne(User, { username, status: 'ACTIVE' });
    const ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyDummy(password);
    if (!user || !ok) {
      const lockedOut = await this.throttle.recordFailure(ip, username);
      await this.em.transactional(async (tx) => {
        this.audit.record(tx, { actorType: 'USER', action: 'session.login.failed', result: 'FAILURE', message: 'Invalid login attempt', metadata: { username } });
        if (lockedOut) this.audit.record(tx, { actorType: 'SYSTEM', action: 'session.login.locked', result: 'FAILURE', message: 'Login locked after repeated failures', metadata: { username } });
      });
      throw new ApiError('UNAUTHORIZED', 'Invalid username or password.');
    }
    await this.throttle.recordSuccess(username);
    const now = new Date();
    return this.em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: user.id }, { lastLoginAt: now });
      user.lastLoginAt = now;
      const replacedSessionId = await this.sessions.revokePresented(tx, presentedSessionToken, now);
      const { session, rawToken } = this.sessions.create(tx, user, { ipAddress: meta?.ipAddress ?? null, userAgent: meta?.userAgent ?? null }, now);
      const metadata = replacedSessionId ? { sessionId: session.id, replacedSessionId } : { sessionId: session.id };
      this.audit.record(tx, { actorType: 'USER', actorId: user.id, action: 'session.login.succeeded', targetType: 'User', targetId: user.id, metadata }, now);
      return { user, session, rawToken };
    });
  }
}
