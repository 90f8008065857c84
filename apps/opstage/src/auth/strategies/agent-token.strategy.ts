import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { EntityManager } from '@mikro-orm/sqlite';
import { Strategy } from 'passport-custom';
import type { FastifyRequest } from 'fastify';
import { AgentTokenAuthenticator, AuthenticatedAgent, bearerToken } from '../agent-token-authenticator';

/** Passport strategy `agent-token`: `Authorization: Bearer opstage_agent_…` for the agent in the path. */
@Injectable()
export class AgentTokenStrategy extends PassportStrategy(Strategy, 'agent-token') {
  constructor(
    private readonly authenticator: AgentTokenAuthenticator,
    private readonly em: EntityManager,
  ) {
    super();
  }

  validate(request: FastifyRequest): Promise<AuthenticatedAgent> {
    const params = request.params as Record<string, string> | undefined;
    return this.authenticator.authenticate(this.em, bearerToken(request.headers.authorization), params?.agentId);
  }
}
