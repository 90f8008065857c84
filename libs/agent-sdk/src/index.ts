export { CapsuleAgent, type AgentState, type BusEventOptions, type ServiceHandle } from './capsule-agent';
export {
  ActionError,
  AgentAuthError,
  AgentConfigurationError,
  AgentDisabledError,
  ApiRequestError,
  BusDisabledError,
  BusRateLimitedError,
  CapsuleAgentError,
  NetworkError,
  RegistrationError,
  ResultTooLargeError,
} from './errors';
export { Backoff, type BackoffOptions } from './backoff';
export { FileTokenStore, type StoredAgentToken } from './token-store';
export { jsonLineLogger, type AgentLogger, type LogLevel } from './logger';
export { CommandAbort } from './command-runner';
export { BusForwarder, type AdapterEvent, type AdapterPage, type BusAdapterOptions } from './bus-forwarder';
export type {
  ActionContext,
  ActionDefinition,
  ActionHandler,
  AgentIdentity,
  AgentIntervals,
  CapsuleAgentOptions,
  ConfigItem,
  DangerLevel,
  HealthReport,
  HealthStatus,
  PreparedAction,
  PrepareHandler,
  ServiceOptions,
} from './options';
export { SDK_VERSION } from './options';
