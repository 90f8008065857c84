import type { Readable } from 'node:stream';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../auth/access.decorator';
import { AdminStream } from './admin-stream';

@ApiTags('AdminStream')
@Controller('api/admin/stream')
export class AdminStreamController {
  constructor(private readonly stream: AdminStream) {}

  @Get()
  @Access.viewer()
  @ApiOperation({
    operationId: 'streamAdminEvents',
    summary: 'Server-sent events for the console: `ready` first, then one `data:` JSON line per change (e.g. {"type":"command",…}); a comment heartbeat every 15 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless text/event-stream.', schema: { type: 'string' } })
  open(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Readable {
    const body = this.stream.open();
    request.raw.once('close', () => body.destroy());
    reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('connection', 'keep-alive')
      .header('x-accel-buffering', 'no');
    return body;
  }
}
