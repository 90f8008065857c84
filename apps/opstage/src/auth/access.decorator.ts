import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { UserRole } from '../../../../libs/contracts/src';
import { ACCESS_RULE, AccessRule } from './access.rule';

function describe(rule: AccessRule): MethodDecorator & ClassDecorator {
  switch (rule.kind) {
    case 'public':
      return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiExtension('x-opstage-access', 'public'));
    case 'agent':
      return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiBearerAuth('AgentBearerToken'), ApiExtension('x-opstage-access', 'agent'));
    case 'session':
      return applyDecorators(
        SetMetadata(ACCESS_RULE, rule),
        ApiCookieAuth('AdminSessionCookie'),
        ApiSecurity('CsrfToken'),
        ApiExtension('x-opstage-access', `session:${rule.role}`),
      );
  }
}

/**
 * The one auth decorator: states who may call the route, drives the global AccessGuard and the OpenAPI security.
 * Session routes also require `X-CSRF-Token` on mutating methods.
 */
export const Access = {
  public: () => describe({ kind: 'public' }),
  agent: () => describe({ kind: 'agent' }),
  viewer: () => describe({ kind: 'session', role: 'viewer' as UserRole }),
  operator: () => describe({ kind: 'session', role: 'operator' as UserRole }),
  owner: () => describe({ kind: 'session', role: 'owner' as UserRole }),
};
