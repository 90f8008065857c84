import { PassThrough } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { EnvelopeFastifyAdapter } from './envelope-fastify-adapter';
import { RawResponse, toSuccessEnvelope } from './envelope';
import { Paginated } from './paginated';

describe('toSuccessEnvelope', () => {
  it('wraps a result as data, and a missing result as bare success', () => {
    expect(toSuccessEnvelope({ id: 'x' })).toEqual({ success: true, data: { id: 'x' } });
    expect(toSuccessEnvelope([1, 2])).toEqual({ success: true, data: [1, 2] });
    expect(toSuccessEnvelope(null)).toEqual({ success: true, data: null });
    expect(toSuccessEnvelope(undefined)).toEqual({ success: true });
  });

  it('spreads a page into data, pagination and its extra fields', () => {
    const page = new Paginated([{ id: 'a' }], { page: 2, pageSize: 1, total: 3 }, { counts: { ONLINE: 1 } });
    expect(toSuccessEnvelope(page)).toEqual({ success: true, data: [{ id: 'a' }], pagination: { page: 2, pageSize: 1, total: 3 }, counts: { ONLINE: 1 } });
  });

  it('passes raw responses, streams, files and buffers through untouched', () => {
    const own = { success: true, data: [], cancelledCommandIds: ['cmd_1'] };
    expect(toSuccessEnvelope(new RawResponse(own))).toBe(own);
    const stream = new PassThrough();
    expect(toSuccessEnvelope(stream)).toBe(stream);
    const file = new StreamableFile(Buffer.from('x'));
    expect(toSuccessEnvelope(file)).toBe(file);
    const buffer = Buffer.from('bytes');
    expect(toSuccessEnvelope(buffer)).toBe(buffer);
  });
});

describe('EnvelopeFastifyAdapter.reply', () => {
  const sent = (statusCode: number | undefined, body: unknown) => {
    const reply = { sent: false, status: jest.fn(), send: jest.fn(), getHeader: jest.fn() };
    reply.status.mockReturnValue(reply);
    new EnvelopeFastifyAdapter().reply(reply as never, body, statusCode);
    return reply.send.mock.calls[0]?.[0];
  };

  it('envelopes what a controller returned', () => {
    expect(sent(200, { ok: 1 })).toEqual({ success: true, data: { ok: 1 } });
    expect(sent(undefined, 'text')).toEqual({ success: true, data: 'text' });
  });

  it('leaves an error answer (status 400 and above) as it is', () => {
    const error = { statusCode: 404, message: 'Cannot GET /x' };
    expect(sent(404, error)).toBe(error);
  });
});
