import { QueryOrder } from '@mikro-orm/core';
import { validationFailed } from './api-error';

/**
 * Turns `sort=-createdAt,name` into an ORM order map using only the endpoint's allowed fields (wire name → entity
 * property); an unknown field is 422 VALIDATION_FAILED. The entity id breaks ties so pages are stable.
 */
export function parseSort(sort: string | undefined, allowed: Record<string, string>, fallback: string): Record<string, QueryOrder> {
  const order: Record<string, QueryOrder> = {};
  for (const part of (sort ?? fallback).split(',')) {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    // Own keys only: `sort=toString` must not find Object.prototype.toString.
    const property = Object.hasOwn(allowed, field) ? allowed[field] : undefined;
    if (!property) {
      throw validationFailed([{ path: 'sort', message: `unknown sort field "${field}"; allowed: ${Object.keys(allowed).join(', ')}` }]);
    }
    order[property] = descending ? QueryOrder.DESC : QueryOrder.ASC;
  }
  if (!('id' in order)) order.id = Object.values(order)[0] ?? QueryOrder.DESC;
  return order;
}
