import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { EntityManager } from '@mikro-orm/sqlite';
import { Strategy } from 'passport-custom';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../http/api-error';
import { AuthenticatedSession, SESSION_COOKIE, SessionService } from '../session.service';

/** Passport strategy `session`: the `opstage_session` cookie → an active session and its user. */
@Injectable()
export class SessionStrategy extends PassportStrategy(Strategy, 'session') {
  constructor(
    private readonly sessions: SessionService,
    private readonly em: EntityManager,
  ) {
    super();
  }

  async validate(request: FastifyRequest): Promise<AuthenticatedSession> {
    const auth = await this.sessions.authenticate(this.em, request.cookies?.[SESSION_COOKIE]);
    if (!auth) throw new ApiError('UNAUTHORIZED', 'Authentication required.');
    return auth;
  }
}
