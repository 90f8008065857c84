import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedAgent } from './agent-token-authenticator';
import type { AuthenticatedSession } from './session.service';

/** The authenticated admin session (routes with a session rule). */
export const CurrentSession = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedSession => ctx.switchToHttp().getRequest().user);

/** The authenticated agent (routes with the agent rule). */
export const CurrentAgent = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthenticatedAgent => ctx.switchToHttp().getRequest().user);
