import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { channels, Notifier } from '../../../notifier/notifier';
import { CommandCancelledEvent } from '../impl/command-cancelled.event';
import { CommandDispatchedEvent } from '../impl/command-dispatched.event';
import { CommandFinishedEvent } from '../impl/command-finished.event';
import { CommandQueuedEvent } from '../impl/command-queued.event';

type CommandEvent = CommandQueuedEvent | CommandDispatchedEvent | CommandFinishedEvent | CommandCancelledEvent;

/** The small payload the admin SSE stream carries for command changes. */
export interface CommandStreamMessage {
  type: 'command.queued' | 'command.dispatched' | 'command.finished' | 'command.cancelled';
  commandId: string;
  status: string;
}

/**
 * Turns committed command events into in-process wake-ups: a queued command (or a cancel of a running one) wakes the
 * agent's long poll, a finished one wakes the prepare waiting for it, and every change goes to the admin stream.
 */
@EventsHandler(CommandQueuedEvent, CommandDispatchedEvent, CommandFinishedEvent, CommandCancelledEvent)
export class CommandNotificationsHandler implements IEventHandler<CommandEvent> {
  constructor(private readonly notifier: Notifier) {}

  handle(event: CommandEvent): void {
    if (event instanceof CommandQueuedEvent) {
      this.notifier.notify(channels.agentCommands(event.agentId), { commandId: event.commandId });
      this.stream({ type: 'command.queued', commandId: event.commandId, status: 'PENDING' });
    } else if (event instanceof CommandDispatchedEvent) {
      this.stream({ type: 'command.dispatched', commandId: event.commandId, status: 'RUNNING' });
    } else if (event instanceof CommandFinishedEvent) {
      this.notifier.notify(channels.commandFinished(event.commandId), { status: event.status });
      this.stream({ type: 'command.finished', commandId: event.commandId, status: event.status });
    } else {
      if (event.wasRunning) this.notifier.notify(channels.agentCommands(event.agentId), { cancelledCommandId: event.commandId });
      this.notifier.notify(channels.commandFinished(event.commandId), { status: 'CANCELLED' });
      this.stream({ type: 'command.cancelled', commandId: event.commandId, status: 'CANCELLED' });
    }
  }

  private stream(message: CommandStreamMessage): void {
    this.notifier.notify(channels.adminStream, message);
  }
}
