import { eventTypeMatches, EVENT_TYPE_PATTERN } from './event-type-pattern';
import { EventView, mappingIssues, resolveMapping } from './input-mapping';

const event: EventView = {
  id: 'bev_1',
  eventType: 'order.created',
  sourceServiceCode: 'shop',
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-11-24T10:00:00.000Z',
  payload: { orderId: 'o-42', total: 99.5, lines: [{ sku: 'a' }], customer: { email: 'x@example.com' }, flag: false },
  metadata: { tenant: 't1' },
};

describe('event type patterns', () => {
  it.each([
    ['order.created', 'order.created', true],
    ['order.created', 'order.created.v2', false],
    ['order.*', 'order.created', true],
    ['order.*', 'orders.created', false],
    ['*', 'anything.at.all', true],
  ])('%s matches %s: %s', (pattern, type, expected) => {
    expect(eventTypeMatches(pattern, type)).toBe(expected);
  });

  it('accepts a trailing star only', () => {
    expect(EVENT_TYPE_PATTERN.test('order.*')).toBe(true);
    expect(EVENT_TYPE_PATTERN.test('*.created')).toBe(false);
    expect(EVENT_TYPE_PATTERN.test('order.*.x')).toBe(false);
    expect(EVENT_TYPE_PATTERN.test('')).toBe(false);
  });
});

describe('input mapping', () => {
  it('dispatches the event payload unchanged when the mapping is empty (a copy, not the same object)', () => {
    const out = resolveMapping({}, event);
    expect(out).toEqual(event.payload);
    expect(out).not.toBe(event.payload);
  });

  it('resolves templates, nested objects, arrays and literals', () => {
    const out = resolveMapping(
      {
        orderId: '$event.payload.orderId',
        amount: '$event.payload.total',
        email: '$event.payload.customer.email',
        from: '$event.sourceServiceCode',
        trace: { correlation: '$event.correlationId', tenant: '$event.metadata.tenant' },
        tags: ['bus', '$event.eventType'],
        priority: 3,
        urgent: true,
        note: '$$event.payload is literal',
        paid: '$event.payload.flag',
      },
      event,
    );
    expect(out).toEqual({
      orderId: 'o-42',
      amount: 99.5,
      email: 'x@example.com',
      from: 'shop',
      trace: { correlation: 'corr-1', tenant: 't1' },
      tags: ['bus', 'order.created'],
      priority: 3,
      urgent: true,
      note: '$event.payload is literal',
      paid: false,
    });
  });

  it('leaves out a key whose template names a missing field, and copies objects it reads', () => {
    const out = resolveMapping({ missing: '$event.payload.nope.deeper', lines: '$event.payload.lines', all: '$event.payload' }, event);
    expect(out).toEqual({ lines: [{ sku: 'a' }], all: event.payload });
    (out.lines as Array<Record<string, unknown>>)[0].sku = 'changed';
    expect(event.payload.lines).toEqual([{ sku: 'a' }]);
  });

  it('does not read inherited properties', () => {
    expect(resolveMapping({ x: '$event.payload.constructor', y: '$event.payload.__proto__' }, event)).toEqual({});
  });

  it('reports malformed templates with their path, and accepts good ones', () => {
    expect(mappingIssues({ a: '$event.payload.x', b: { c: '$event.sourceServiceCode' }, d: ['$$literal', 'plain'] })).toEqual([]);
    const issues = mappingIssues({ a: '$evnt.payload.x', b: { c: '$event.sourceServiceCode.more' }, d: ['$event.unknown'], e: '$event' });
    expect(issues.map((i) => i.path)).toEqual(['inputMapping.a', 'inputMapping.b.c', 'inputMapping.d.0', 'inputMapping.e']);
  });
});
