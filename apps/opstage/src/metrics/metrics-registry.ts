import { Registry } from 'prom-client';

/**
 * The Prometheus registry of this application instance (not prom-client's global one, so several instances can live
 * in one process, as they do in tests).
 */
export class MetricsRegistry extends Registry {}
