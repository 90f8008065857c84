import { Agent } from '../agents/agent.entity';
import { AgentToken } from '../agents/agent-token.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { BusDispatch } from '../bus/bus-dispatch.entity';
import { BusEvent } from '../bus/bus-event.entity';
import { BusRoute } from '../bus/bus-route.entity';
import { Session } from '../auth/session.entity';
import { ActionDefinition } from '../capsule-services/action-definition.entity';
import { CapsuleService } from '../capsule-services/capsule-service.entity';
import { ConfigItem } from '../capsule-services/config-item.entity';
import { HealthReport } from '../capsule-services/health-report.entity';
import { Command } from '../commands/command.entity';
import { CommandResult } from '../commands/command-result.entity';
import { RegistrationToken } from '../registration-tokens/registration-token.entity';
import { SystemSetting } from '../settings/system-setting.entity';
import { User } from '../users/user.entity';

/** Every persisted entity. Migrations in `migrations/` must agree with these (checked by `npm run migration:check`). */
export const ENTITIES = [
  User,
  Session,
  RegistrationToken,
  Agent,
  AgentToken,
  CapsuleService,
  HealthReport,
  ConfigItem,
  ActionDefinition,
  Command,
  CommandResult,
  AuditEvent,
  SystemSetting,
  BusEvent,
  BusRoute,
  BusDispatch,
];
