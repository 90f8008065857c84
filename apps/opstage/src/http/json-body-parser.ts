import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { validationFailed } from './api-error';

export const MAX_JSON_DEPTH = 32;

/** Depth of a parsed JSON value, computed iteratively so hostile nesting cannot exhaust the stack. */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) max = depth;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(node as object)) stack.push([child, depth + 1]);
  }
  return max;
}

/**
 * The path of the first string (value or key) holding a NUL character, if any. The SQLite driver hands statements to
 * C, where a NUL ends the string, so such input would fail inside the database instead of at the door.
 */
export function nulCharacterPath(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) return path;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node as object)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return childPath;
      stack.push([child, childPath]);
    }
  }
  return undefined;
}

/**
 * JSON bodies: an empty body counts as no body; invalid JSON, prototype-poisoning keys, nesting deeper than
 * MAX_JSON_DEPTH and NUL characters are 422 VALIDATION_FAILED rather than a framework 400/500.
 */
export function installJsonBodyParser(fastify: FastifyInstance): void {
  fastify.removeContentTypeParser(['application/json']);
  fastify.addContentTypeParser(/^application\/([\w.+-]+\+)?json(;.*)?$/i, { parseAs: 'string' }, (_req: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
    } catch (error) {
      return done(validationFailed([{ path: '', message: `Body is not valid JSON: ${(error as Error).message}` }], 'Malformed JSON body.'), undefined);
    }
    if (jsonDepth(parsed) > MAX_JSON_DEPTH) {
      return done(validationFailed([{ path: '', message: `Body nesting exceeds ${MAX_JSON_DEPTH} levels.` }], 'Malformed JSON body.'), undefined);
    }
    const nulAt = nulCharacterPath(parsed);
    if (nulAt !== undefined) return done(validationFailed([{ path: nulAt, message: 'must not contain NUL characters' }]), undefined);
    done(null, parsed);
  });
}
