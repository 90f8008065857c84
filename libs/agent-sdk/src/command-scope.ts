import { AsyncLocalStorage } from 'node:async_hooks';

/** What the SDK knows about the command whose handler is running, for events it publishes. */
export interface CommandScope {
  commandId: string;
  serviceCode: string;
  /** The bus event that caused this command, when the bus created it. */
  causationEventId?: string;
  correlationId?: string;
}

const scope = new AsyncLocalStorage<CommandScope>();

export function runInCommandScope<T>(command: CommandScope, fn: () => T): T {
  return scope.run(command, fn);
}

export function currentCommand(): CommandScope | undefined {
  return scope.getStore();
}
