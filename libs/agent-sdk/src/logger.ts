import { redactSecrets } from './redaction';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Any console-like object works; each method takes a message and optional structured fields. */
export interface AgentLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** JSON lines on stderr (`service: "opstage-agent"`), secret-looking fields redacted, below `level` dropped. */
export function jsonLineLogger(level: LogLevel | 'silent' = 'info', write: (line: string) => void = (line) => process.stderr.write(line)): AgentLogger {
  const log = (at: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    if (ORDER[at] < ORDER[level]) return;
    try {
      write(`${JSON.stringify({ time: new Date().toISOString(), level: at, service: 'opstage-agent', msg: message, ...(meta ? (redactSecrets(meta) as object) : {}) })}\n`);
    } catch {
      /* a logger must never throw into the agent */
    }
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** Wraps a user-supplied logger so that it can neither throw into the agent nor receive raw secrets. */
export function safeLogger(logger: Partial<AgentLogger>): AgentLogger {
  const wrap = (at: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    try {
      logger[at]?.(message, meta ? (redactSecrets(meta) as Record<string, unknown>) : undefined);
    } catch {
      /* ignore */
    }
  };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

export function parseLogLevel(value: string | undefined): LogLevel | 'silent' {
  return value && value in ORDER ? (value as LogLevel | 'silent') : 'info';
}
