import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ACCESS_RULE, AccessRule } from '../src/auth/access.rule';

export interface RouteInfo {
  method: string;
  path: string;
  rule: AccessRule | undefined;
  handler: string;
}

/** Every route the app registered, read from the controllers' metadata, with its declared access rule. */
export function routeCatalogue(app: NestFastifyApplication): RouteInfo[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string) ?? '';
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (subPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${[base, subPath].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
      const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [handler, wrapper.metatype]);
      routes.push({ method, path, rule, handler: `${wrapper.metatype.name}.${name}` });
    }
  }
  return routes;
}

const SAMPLE_IDS: Record<string, string> = {
  userId: 'usr_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  tokenId: 'tok_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  serviceId: 'svc_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  commandId: 'cmd_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  auditEventId: 'aud_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  routeId: 'brt_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  eventId: 'bev_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  dispatchId: 'bdp_01ZZZZZZZZZZZZZZZZZZZZZZZZ',
  actionName: 'echo',
};

/**
 * Fills path parameters: on the agent API the agent's own id for `:agentId`; elsewhere (admin routes, which could
 * disable or revoke it) an absent id of the right kind.
 */
export function concretePath(path: string, agentId: string): string {
  const agentApi = path.startsWith('/api/agents/');
  return path.replace(/:(\w+)/g, (_m, name: string) => (name === 'agentId' ? (agentApi ? agentId : 'agt_01ZZZZZZZZZZZZZZZZZZZZZZZZ') : (SAMPLE_IDS[name] ?? `${name}_x`)));
}
