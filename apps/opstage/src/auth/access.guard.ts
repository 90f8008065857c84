import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';
import { ACCESS_RULE, AccessRule, roleAllows } from './access.rule';
import { AuthenticatedSession, SessionService } from './session.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const SessionPassport = AuthGuard('session');
const AgentPassport = AuthGuard('agent-token');

/**
 * The global guard. Order matters for status codes: authenticate (401), then CSRF on mutating admin requests
 * (403 CSRF_INVALID), then the role (403 FORBIDDEN). A route without an `@Access` rule is refused.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  private readonly sessionPassport = new SessionPassport();
  private readonly agentPassport = new AgentPassport();

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`Route ${context.getClass().name}.${context.getHandler().name} declares no @Access rule; refusing.`);
      throw new ApiError('FORBIDDEN', 'Route has no access rule.');
    }
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: unknown }>();
    if (rule.kind === 'agent') return (await this.agentPassport.canActivate(context)) as boolean;

    await this.sessionPassport.canActivate(context);
    const auth = request.user as AuthenticatedSession;
    if (!SAFE_METHODS.has(request.method) && !this.sessions.csrfMatches(auth, headerValue(request.headers['x-csrf-token']))) {
      throw new ApiError('CSRF_INVALID', 'CSRF token missing or invalid.');
    }
    if (!roleAllows(auth.user.role, rule.role)) throw new ApiError('FORBIDDEN', 'Insufficient permissions.');
    return true;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
