import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

export type LoginOutcome = 'success' | 'failure' | 'rate_limited';

/**
 * In-process event counters, monotonic since the process started. Other modules inject this (the metrics module is
 * global) and call the method for the event they observe; each call increments a Prometheus counter and the value
 * shown in the admin metrics. One gauge besides: the long polls parked right now (Prometheus only).
 */
@Injectable()
export class OperationalCounters {
  private readonly values = {
    agentCommandPolls: 0,
    commandsDispatched: 0,
    commandsCompleted: 0,
    commandsFailed: 0,
    commandsExpired: 0,
    commandsCancelled: 0,
    actionPrepareRequested: 0,
    actionPrepareTimeouts: 0,
    oversizedCommandResultsRejected: 0,
  };
  private readonly counters: Record<keyof OperationalCounters['values'], Counter>;
  private readonly logins: Counter<'result'>;
  private readonly pollsWaiting: Gauge;

  constructor(registry: MetricsRegistry) {
    const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
    this.counters = {
      agentCommandPolls: counter('opstage_agent_command_polls_total', 'Agent command polls served.'),
      commandsDispatched: counter('opstage_commands_dispatched_total', 'Commands handed to an agent (claimed).'),
      commandsCompleted: counter('opstage_commands_completed_total', 'Commands completed successfully.'),
      commandsFailed: counter('opstage_commands_failed_total', 'Commands that reported a failure.'),
      commandsExpired: counter('opstage_commands_expired_total', 'Commands that expired before completing.'),
      commandsCancelled: counter('opstage_commands_cancelled_total', 'Commands cancelled by an operator.'),
      actionPrepareRequested: counter('opstage_action_prepare_requested_total', 'ACTION_PREPARE requests from the console.'),
      actionPrepareTimeouts: counter('opstage_action_prepare_timeouts_total', 'ACTION_PREPARE requests that timed out.'),
      oversizedCommandResultsRejected: counter('opstage_oversized_command_results_rejected_total', 'Command results rejected for exceeding the size limit.'),
    };
    this.logins = new Counter({ name: 'opstage_admin_logins_total', help: 'Admin login attempts by outcome.', labelNames: ['result'], registers: [registry] });
    this.pollsWaiting = new Gauge({ name: 'opstage_agent_polls_waiting', help: 'Agent command long polls parked on this process, waiting for a command.', registers: [registry] });
  }

  /** Counts a long poll as parked while `wait` is pending, however it ends. */
  pollWaiting<T>(wait: Promise<T>): Promise<T> {
    this.pollsWaiting.inc();
    return wait.finally(() => this.pollsWaiting.dec());
  }

  agentCommandPolled(): void {
    this.bump('agentCommandPolls');
  }
  commandDispatched(count = 1): void {
    this.bump('commandsDispatched', count);
  }
  commandCompleted(): void {
    this.bump('commandsCompleted');
  }
  commandFailed(): void {
    this.bump('commandsFailed');
  }
  commandsExpired(count: number): void {
    if (count > 0) this.bump('commandsExpired', count);
  }
  commandCancelled(): void {
    this.bump('commandsCancelled');
  }
  actionPrepareRequested(): void {
    this.bump('actionPrepareRequested');
  }
  actionPrepareTimedOut(): void {
    this.bump('actionPrepareTimeouts');
  }
  oversizedCommandResultRejected(): void {
    this.bump('oversizedCommandResultsRejected');
  }
  adminLogin(result: LoginOutcome): void {
    this.logins.inc({ result });
  }

  snapshot(): Readonly<OperationalCounters['values']> {
    return { ...this.values };
  }

  private bump(name: keyof OperationalCounters['values'], count = 1): void {
    this.values[name] += count;
    this.counters[name].inc(count);
  }
}
