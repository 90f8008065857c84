import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/sqlite';
import { OpstageConfig } from '../config/opstage-config';
import { constantTimeEquals, hmacBase64Url } from '../crypto/secret-tokens';
import { rowDate, rowMillis } from '../database/row-time';
import { newId } from '../ids/new-id';
import type { UserProfile } from '../users/dto/user.dto';
import { User } from '../users/user.entity';
import { Session } from './session.entity';

export const SESSION_COOKIE = 'opstage_session';
const TOUCH_EVERY_MS = 60_000;

/**
 * Who is calling the console API: plain values read in one statement, not entities (ADR 0003). Every console request
 * authenticates, and the entity layer (a unit of work forked for the request, a joined load, two managed entities)
 * cost about a millisecond of CPU per request, several times the query itself; a route that writes loads what it
 * changes in its own transaction anyway.
 */
export interface AuthenticatedSession {
  session: Pick<Session, 'id' | 'csrfNonce' | 'expiresAt' | 'lastSeenAt'>;
  user: UserProfile;
  rawToken: string;
}

interface SessionRow {
  id: string;
  csrf_nonce: string;
  expires_at: number | bigint | string;
  last_seen_at: number | bigint | string;
  user_id: string;
  username: string;
  display_name: string | null;
  role: User['role'];
  status: User['status'];
  last_login_at: number | bigint | string | null;
  created_at: number | bigint | string;
  updated_at: number | bigint | string;
}

const SESSION_LOOKUP = `select s.id, s.csrf_nonce, s.expires_at, s.last_seen_at,
    u.id as user_id, u.username, u.display_name, u.role, u.status, u.last_login_at, u.created_at, u.updated_at
  from sessions s join users u on u.id = s.user_id
  where s.token_hash = ? and s.revoked_at is null limit 1`;

/** Persisted admin sessions: hashed ids, idle and absolute expiry, CSRF token derived from the session. */
@Injectable()
export class SessionService {
  constructor(private readonly config: OpstageConfig) {}

  hashToken(raw: string): string {
    return hmacBase64Url(this.config.sessionSecret, `session:${raw}`);
  }

  csrfToken(raw: string, nonce: string): string {
    return hmacBase64Url(this.config.sessionSecret, `csrf:${raw}:${nonce}`);
  }

  csrfMatches(auth: AuthenticatedSession, presented: string | undefined): boolean {
    if (!presented) return false;
    return constantTimeEquals(this.csrfToken(auth.rawToken, auth.session.csrfNonce), presented);
  }

  /** Adds a new session to the unit of work; returns the raw cookie value (never stored). */
  create(em: EntityManager, user: User, meta: { ipAddress: string | null; userAgent: string | null }, now = new Date()): { session: Session; rawToken: string } {
    const rawToken = randomBytes(32).toString('base64url');
    const session = em.create(Session, {
      id: newId('ses', now.getTime()),
      tokenHash: this.hashToken(rawToken),
      user: user.id,
      csrfNonce: randomBytes(16).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionTtlSeconds * 1000),
      ipAddress: meta.ipAddress,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
    return { session, rawToken };
  }

  async authenticate(em: EntityManager, rawToken: string | undefined, now = new Date()): Promise<AuthenticatedSession | null> {
    if (!rawToken || rawToken.length > 200) return null;
    const [row] = await em.getConnection().execute<SessionRow[]>(SESSION_LOOKUP, [this.hashToken(rawToken)]);
    if (!row) return null;
    const session = { id: row.id, csrfNonce: row.csrf_nonce, expiresAt: new Date(rowMillis(row.expires_at)), lastSeenAt: new Date(rowMillis(row.last_seen_at)) };
    const idleLimit = now.getTime() - this.config.sessionIdleTimeoutSeconds * 1000;
    if (session.expiresAt.getTime() <= now.getTime() || session.lastSeenAt.getTime() <= idleLimit) return null;
    if (row.status !== 'ACTIVE') return null;
    const user: UserProfile = {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      status: row.status,
      lastLoginAt: rowDate(row.last_login_at),
      createdAt: new Date(rowMillis(row.created_at)),
      updatedAt: new Date(rowMillis(row.updated_at)),
    };
    if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await em.nativeUpdate(Session, { id: session.id }, { lastSeenAt: now });
      session.lastSeenAt = now;
    }
    return { session, user, rawToken };
  }

  /** Session expiry as the client sees it: the earlier of the absolute and the idle limit. */
  expiresAt(session: AuthenticatedSession['session']): Date {
    const idle = session.lastSeenAt.getTime() + this.config.sessionIdleTimeoutSeconds * 1000;
    return new Date(Math.min(session.expiresAt.getTime(), idle));
  }

  /** Ends the session behind a cookie presented at login, if it is still active; returns its id. */
  async revokePresented(em: EntityManager, rawToken: string | undefined, now = new Date()): Promise<string | null> {
    if (!rawToken || rawToken.length > 200) return null;
    const session = await em.findOne(Session, { tokenHash: this.hashToken(rawToken), revokedAt: null }, { fields: ['id'] });
    if (!session) return null;
    await em.nativeUpdate(Session, { id: session.id, revokedAt: null }, { revokedAt: now });
    return session.id;
  }

  async revokeAllForUser(em: EntityManager, userId: string, exceptSessionId?: string, now = new Date()): Promise<number> {
    const where = exceptSessionId ? { user: userId, revokedAt: null, id: { $ne: exceptSessionId } } : { user: userId, revokedAt: null };
    return em.nativeUpdate(Session, where, { revokedAt: now });
  }

  cookie(rawToken: string): string {
    return this.serializeCookie(rawToken, this.config.sessionTtlSeconds);
  }

  clearedCookie(): string {
    return this.serializeCookie('', 0);
  }

  private serializeCookie(value: string, maxAge: number): string {
    const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`];
    if (this.config.cookieSecure) parts.push('Secure');
    return parts.join('; ');
  }
}
