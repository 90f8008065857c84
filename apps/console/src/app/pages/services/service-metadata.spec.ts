import { TestBed } from '@angular/core/testing';
import { ServiceMetadata } from './service-metadata';

const ORDER_SCHEMA = { type: 'object', required: ['orderId', 'total'], properties: { orderId: { type: 'string' }, customer: { type: 'string' }, total: { type: 'number' } } };
const NONE = { capabilities: [], events: { published: [], consumed: [] }, permissions: [], actions: [] };

function render(service: unknown) {
  localStorage.setItem('opstage.language', 'en');
  const fixture = TestBed.createComponent(ServiceMetadata);
  fixture.componentRef.setInput('service', service);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const texts = (element: HTMLElement, selector: string) => [...element.querySelectorAll(selector)].map((e) => e.textContent!.replace(/\s+/g, ' ').trim());

describe('ServiceMetadata', () => {
  it('lists capabilities, published and consumed events with their payload schemas, and permissions with the actions they cover', () => {
    const element = render({
      capabilities: [{ code: 'demo.orders' }, { code: 'llm.chat', name: 'Chat', description: 'Talks back' }],
      events: {
        published: [{ type: 'order.created', version: '2', description: 'A customer placed an order.', payloadSchema: ORDER_SCHEMA }, { type: 'loop.ping' }],
        consumed: [{ type: 'stock.low', payloadSchema: { type: 'string' } }],
      },
      permissions: [{ code: 'orders.create', description: 'Create orders', dangerLevel: 'LOW', actions: ['createOrder', 'dropTables'] }, { code: 'orders.read' }],
      actions: [{ name: 'createOrder', label: 'Create order' }],
    });
    expect(texts(element, '.capability > .mono')).toEqual(['demo.orders', 'llm.chat']);
    expect(texts(element, '[data-capability="demo.orders"] > span')).toEqual(['demo.orders']);
    expect(texts(element, '[data-capability="llm.chat"] > span')).toEqual(['llm.chat', 'Chat', 'Talks back']);

    const created = element.querySelector('.events-published [data-event-type="order.created"]')!;
    expect(texts(created as HTMLElement, '.event-head > span')).toEqual(['order.created', 'v2', 'A customer placed an order.']);
    const schema = created.querySelector('details.schema') as HTMLDetailsElement;
    expect(schema.open).toBe(false);
    expect(schema.querySelector('.schema-shape')!.textContent).toBe('(fields: 3, required: 2)');
    expect(JSON.parse(schema.querySelector('pre.payload-schema')!.textContent!)).toEqual(ORDER_SCHEMA);
    expect(element.querySelector('[data-event-type="loop.ping"] .no-schema')!.textContent).toContain('any payload is accepted');
    // A schema that is not an object schema has no field count.
    const consumed = element.querySelector('.events-consumed [data-event-type="stock.low"]')!;
    expect(consumed.querySelector('details.schema')).not.toBeNull();
    expect(consumed.querySelector('.schema-shape')).toBeNull();

    const create = element.querySelector('[data-permission="orders.create"]')!;
    expect(create.querySelector('[data-status="LOW"]')).not.toBeNull();
    expect(create.querySelector('[data-action-name="createOrder"]')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Create order createOrder');
    expect(create.querySelector('[data-action-name="createOrder"]')!.classList).not.toContain('undeclared');
    expect(create.querySelector('[data-action-name="dropTables"]')!.classList).toContain('undeclared');
    expect(create.querySelector('[data-action-name="dropTables"]')!.textContent).toContain('not an action of this service');
    expect(element.querySelector('[data-permission="orders.read"] .covers')!.textContent).toContain('no actions');
    expect(element.querySelector('.metadata-none')).toBeNull();
  });

  it('says "none declared" for an empty part, and once for a service that reports no v0.3 metadata at all', () => {
    const partial = render({ ...NONE, capabilities: [{ code: 'health.probe' }] });
    expect(texts(partial, '.events-published p.muted, .events-consumed p.muted, .permissions p.muted')).toEqual(['None declared.', 'None declared.', 'None declared.']);
    const none = render(NONE);
    expect(none.querySelectorAll('section')).toHaveLength(0);
    expect(none.querySelector('.metadata-none')!.textContent).toContain('reports no capabilities, events or permissions');
  });
});
