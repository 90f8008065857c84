import { Type } from '@nestjs/common';
import { CommandsModule } from './commands/commands.module';

/** Domain modules beyond the core ones; each new domain module is added here. */
export const FEATURE_MODULES: Type<unknown>[] = [
  CommandsModule,
];
