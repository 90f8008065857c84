import { Injectable } from '@nestjs/common';

/** Live in-process counters of the command loop, read by the metrics endpoint. */
@Injectable()
export class CommandMetrics {
  agentCommandPolls = 0;
  commandsDispatched = 0;
  commandsCompleted = 0;
  commandsFailed = 0;
  commandsExpired = 0;
  commandsCancelled = 0;
  oversizedCommandResultsRejected = 0;

  snapshot(): Record<string, number> {
    return {
      agentCommandPolls: this.agentCommandPolls,
      commandsDispatched: this.commandsDispatched,
      commandsCompleted: this.commandsCompleted,
      commandsFailed: this.commandsFailed,
      commandsExpired: this.commandsExpired,
      commandsCancelled: this.commandsCancelled,
      oversizedCommandResultsRejected: this.oversizedCommandResultsRejected,
    };
  }
}
