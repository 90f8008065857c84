import type { ReadStream } from 'node:fs';
import { Controller, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { userActor } from '../audit/audit-recorder';
import { Access } from '../auth/access.decorator';
import { CurrentSession } from '../auth/current-caller.decorator';
import type { AuthenticatedSession } from '../auth/session.service';
import { PostOk } from '../http/post-ok.decorator';
import { BackupService } from './backup.service';

@ApiTags('AdminBackup')
@Controller('api/admin/backup')
export class BackupController {
  constructor(private readonly backups: BackupService) {}

  @PostOk('sqlite')
  @Access.owner()
  @ApiOperation({ operationId: 'createSqliteBackup', summary: 'Take an online backup of the SQLite database and download it.' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The backup file.', schema: { type: 'string', format: 'binary' } })
  async sqlite(@CurrentSession() auth: AuthenticatedSession, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReadStream> {
    const backup = await this.backups.createSqliteBackup(userActor(auth.user.id));
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename=${backup.filename}`)
      .header('content-length', String(backup.sizeBytes))
      .header('cache-control', 'no-store');
    return backup.open();
  }
}
