import { Query } from '@nestjs/cqrs';
import type { UserRole } from '../../../../../../libs/contracts/src';
import type { CommandDetailDto } from '../../dto/command.dto';

/** The reader matters: the command's creator or an operator/owner receives a pending one-time `generatedKey`. */
export class GetCommandDetailQuery extends Query<CommandDetailDto> {
  constructor(
    readonly commandId: string,
    readonly reader: { userId: string; role: UserRole },
  ) {
    super();
  }
}
