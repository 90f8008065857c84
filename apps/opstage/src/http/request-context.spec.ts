import { MikroORM, RequestContext } from '@mikro-orm/sqlite';
import { User } from '../users/user.entity';
import { openOrm } from '../cli/open-orm';
import { currentRequestMeta, requestContext, RequestScope } from './request-context';

describe('RequestScope', () => {
  let orm: MikroORM;
  const meta = { requestId: 'req_1', ipAddress: '127.0.0.1', userAgent: 'jest' };

  beforeAll(async () => {
    orm = await openOrm(':memory:');
    await orm.schema.create();
  });
  afterAll(() => orm.close());

  it('forks only when something asks for an EntityManager, then keeps that one fork for the request', async () => {
    const fork = jest.spyOn(orm.em, 'fork');
    try {
      const scope = new RequestScope(meta, orm.em);
      await requestContext.run(scope, async () => {
        expect(currentRequestMeta()).toBe(meta);
        await orm.em.getConnection().execute('select 1'); // a plain statement needs no unit of work
        expect(fork).not.toHaveBeenCalled();

        const context = orm.em.getContext();
        expect(context).not.toBe(orm.em);
        expect(context).toBe(scope.entityManager());
        expect(context.getContext()).toBe(context); // the fork resolves to itself, not to a fork of its own
        expect(fork).toHaveBeenCalledTimes(1);
      });
    } finally {
      fork.mockRestore();
    }
  });

  it('gives each request its own identity map', async () => {
    const seen: unknown[] = [];
    const request = () =>
      requestContext.run(new RequestScope(meta, orm.em), async () => {
        const em = orm.em.getContext();
        seen.push(em);
        expect(await orm.em.count(User)).toBe(0); // the global EntityManager works inside the scope
      });
    await Promise.all([request(), request()]);
    expect(seen[0]).not.toBe(seen[1]);
  });

  it('refuses the global EntityManager outside any request, as before', () => {
    expect(() => orm.em.getContext()).toThrow(/global EntityManager/i);
  });

  it('falls back to MikroORM when the scope has no root (metadata only)', async () => {
    await requestContext.run(new RequestScope(meta), async () => {
      expect(currentRequestMeta()).toBe(meta);
      expect(() => orm.em.getContext()).toThrow(/global EntityManager/i);
    });
    // inside MikroORM's own request context, a metadata-only scope resolves to MikroORM's fork
    await RequestContext.create(orm.em, () =>
      requestContext.run(new RequestScope(meta), async () => {
        expect(orm.em.getContext()).toBe(RequestContext.getEntityManager());
      }),
    );
  });
});
