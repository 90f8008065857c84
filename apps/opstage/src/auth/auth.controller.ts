import { Body, Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/sqlite';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AuditRecorder } from '../audit/audit-recorder';
import { ApiOkEmpty, ApiOkEnvelope } from '../http/api-envelope.decorators';
import { PostOk } from '../http/post-ok.decorator';
import { UserDto } from '../users/dto/user.dto';
import { Session } from './session.entity';
import { Access } from './access.decorator';
import { CurrentSession } from './current-caller.decorator';
import { AdminSessionDto, CsrfTokenDto, LoginDto, LogoutAllDto } from './dto/auth.dto';
import { LoginService } from './login.service';
import { SESSION_COOKIE, SessionService } from './session.service';
import type { AuthenticatedSession } from './session.service';

@ApiTags('AdminAuth')
@Controller('api/admin/auth')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly sessions: SessionService,
    private readonly em: EntityManager,
    private readonly audit: AuditRecorder,
  ) {}

  @PostOk('login')
  @Access.public()
  @ApiOperation({ operationId: 'adminLogin', summary: 'Log in; sets the opstage_session cookie and returns the CSRF token.' })
  @ApiOkEnvelope(AdminSessionDto)
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AdminSessionDto> {
    const { user, session, rawToken } = await this.logins.login(body.username, body.password, request.cookies?.[SESSION_COOKIE]);
    reply.header('set-cookie', this.sessions.cookie(rawToken));
    return { user: UserDto.from(user), csrfToken: this.sessions.csrfToken(rawToken, session.csrfNonce), expiresAt: this.sessions.expiresAt(session).toISOString() };
  }

  @PostOk('logout')
  @Access.viewer()
  @ApiOperation({ operationId: 'adminLogout', summary: 'End the current session and clear the cookie.' })
  @ApiOkEmpty()
  async logout(@CurrentSession() auth: AuthenticatedSession, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(Session, { id: auth.session.id }, { revokedAt: new Date() });
      this.audit.record(tx, { actorType: 'USER', actorId: auth.user.id, action: 'session.logout', targetType: 'User', targetId: auth.user.id, metadata: { sessionId: auth.session.id } });
    });
    reply.header('set-cookie', this.sessions.clearedCookie());
  }

  @PostOk('logout-all')
  @Access.viewer()
  @ApiOperation({ operationId: 'adminLogoutEverywhere', summary: 'End every session of the current user, this one included.' })
  @ApiOkEnvelope(LogoutAllDto)
  async logoutEverywhere(@CurrentSession() auth: AuthenticatedSession, @Res({ passthrough: true }) reply: FastifyReply): Promise<LogoutAllDto> {
    const revokedSessions = await this.em.transactional(async (tx) => {
      const count = await this.sessions.revokeAllForUser(tx, auth.user.id);
      this.audit.record(tx, { actorType: 'USER', actorId: auth.user.id, action: 'session.logout.all', targetType: 'User', targetId: auth.user.id, metadata: { revokedSessions: count } });
      return count;
    });
    reply.header('set-cookie', this.sessions.clearedCookie());
    return { revokedSessions };
  }

  @Get('me')
  @Access.viewer()
  @ApiOperation({ operationId: 'adminMe', summary: 'The current session, its user and CSRF token.' })
  @ApiOkEnvelope(AdminSessionDto)
  me(@CurrentSession() auth: AuthenticatedSession): AdminSessionDto {
    return { user: UserDto.from(auth.user), csrfToken: this.sessions.csrfToken(auth.rawToken, auth.session.csrfNonce), expiresAt: this.sessions.expiresAt(auth.session).toISOString() };
  }

  @Get('csrf')
  @Access.viewer()
  @ApiOperation({ operationId: 'adminCsrf', summary: 'Rotate the CSRF token of the current session.' })
  @ApiOkEnvelope(CsrfTokenDto)
  async csrf(@CurrentSession() auth: AuthenticatedSession): Promise<CsrfTokenDto> {
    const nonce = randomBytes(16).toString('base64url');
    await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(Session, { id: auth.session.id }, { csrfNonce: nonce });
      this.audit.record(tx, { actorType: 'USER', actorId: auth.user.id, action: 'session.csrf.refreshed', targetType: 'User', targetId: auth.user.id });
    });
    return { csrfToken: this.sessions.csrfToken(auth.rawToken, nonce), expiresAt: this.sessions.expiresAt(auth.session).toISOString() };
  }
}
