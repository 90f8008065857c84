import { Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { filter, map, merge, Observable } from 'rxjs';
import { CommandCancelledEvent } from '../../commands/events/impl/command-cancelled.event';
import { CommandFinishedEvent } from '../../commands/events/impl/command-finished.event';
import { OpstageConfig } from '../../config/opstage-config';
import { RecordBusCommandOutcomeCommand } from '../commands/impl/record-bus-command-outcome.command';

/**
 * The asynchronous half of the bus (ADR 0010): routing itself runs inside the ingest transaction, and this saga follows
 * each bus-created command to its end, turning CommandFinished / CommandCancelled into the dispatch's recorded outcome,
 * which the route diagnostics count; commands no route created are not its business. It is idle while the bus is off.
 */
@Injectable()
export class BusCommandOutcomeSaga {
  constructor(private readonly config: OpstageConfig) {}

  @Saga()
  commandEnded = (events$: Observable<IEvent>): Observable<ICommand> =>
    merge(
      events$.pipe(ofType(CommandFinishedEvent), filter((e) => e.causationEventId !== null), map((e) => new RecordBusCommandOutcomeCommand(e.commandId, e.status))),
      events$.pipe(ofType(CommandCancelledEvent), filter((e) => e.causationEventId !== null), map((e) => new RecordBusCommandOutcomeCommand(e.commandId, 'CANCELLED'))),
    ).pipe(filter(() => this.config.busEnabled));
}
