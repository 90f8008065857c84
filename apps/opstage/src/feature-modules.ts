import { Type } from '@nestjs/common';

/** Domain modules beyond the core ones; each new domain module is added here. */
export const FEATURE_MODULES: Type<unknown>[] = [];
