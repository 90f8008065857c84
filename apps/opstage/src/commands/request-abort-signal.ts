import type { FastifyReply } from 'fastify';

/** Aborts when the client closes the connection before the response was written (long poll, prepare). */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  const onClose = () => {
    if (!response.writableFinished) controller.abort();
  };
  response.once('close', onClose);
  return controller.signal;
}
