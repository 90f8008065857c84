import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/sqlite';
import { ApiError } from '../../../http/api-error';
import { Command } from '../../command.entity';
import { CommandResult } from '../../command-result.entity';
import { EphemeralSecretStore } from '../../domain/ephemeral-secrets';
import { CommandDetailDto, CommandDto, CommandResultDto } from '../../dto/command.dto';
import { GetCommandDetailQuery } from '../impl/get-command-detail.query';

/**
 * Command + result. Reading is not quite side-effect free: a one-time `generatedKey` (ADR-0001) is handed to the first
 * qualifying reader — the creator or an operator/owner; a viewer's read never consumes it.
 */
@QueryHandler(GetCommandDetailQuery)
export class GetCommandDetailHandler implements IQueryHandler<GetCommandDetailQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly secrets: EphemeralSecretStore,
  ) {}

  async execute({ commandId, reader }: GetCommandDetailQuery): Promise<CommandDetailDto> {
    const em = this.em.fork();
    const command = await em.findOne(Command, { id: commandId });
    if (!command) throw new ApiError('COMMAND_NOT_FOUND', 'Command not found.');
    const result = await em.findOne(CommandResult, { commandId });
    let resultDto: CommandResultDto | null = null;
    if (result) {
      const mayReveal = reader.role !== 'viewer' || reader.userId === command.createdByUserId;
      const generatedKey = mayReveal ? this.secrets.take(commandId) : undefined;
      resultDto = CommandResultDto.from(result, generatedKey === undefined ? result.data : { ...result.data, generatedKey });
    }
    return { ...CommandDto.from(command), result: resultDto };
  }
}
