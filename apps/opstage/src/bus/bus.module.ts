import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { AgentBusController } from './agent-bus.controller';
import { BusActivityController } from './bus-activity.controller';
import { BusEnabledGuard } from './bus-enabled.guard';
import { BusQueriesService } from './bus-queries.service';
import { BusRoutesController } from './bus-routes.controller';
import { BusRoutesService } from './bus-routes.service';
import { IngestBusEventHandler } from './commands/handlers/ingest-bus-event.handler';
import { RecordBusCommandOutcomeHandler } from './commands/handlers/record-bus-command-outcome.handler';
import { ReplayBusDispatchHandler } from './commands/handlers/replay-bus-dispatch.handler';
import { BusDispatcher } from './domain/bus-dispatcher';
import { BusRejections } from './domain/bus-rejections';
import { RoutePlanner } from './domain/route-planner';
import { BusNotificationsHandler } from './events/bus-notifications.handler';
import { BusCommandOutcomeSaga } from './sagas/bus-command-outcome.saga';

/**
 * The Capsule Bus (v0.4, experimental; ADR 0010): events published by agents become commands on other services
 * through operator-defined routes. Always loaded; every endpoint answers 404 CAPSULE_BUS_DISABLED while the flag is off.
 */
@Module({
  imports: [CommandsModule],
  controllers: [AgentBusController, BusRoutesController, BusActivityController],
  providers: [
    BusEnabledGuard,
    IngestBusEventHandler,
    ReplayBusDispatchHandler,
    RecordBusCommandOutcomeHandler,
    BusNotificationsHandler,
    BusCommandOutcomeSaga,
    RoutePlanner,
    BusDispatcher,
    BusRejections,
    BusRoutesService,
    BusQueriesService,
  ],
})
export class BusModule {}
