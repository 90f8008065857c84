import type { ColumnFormat } from './result-shapes';

/** Renders one cell value as text according to its column format. */
export function formatValue(value: unknown, format: ColumnFormat | undefined, locale: string, now = Date.now()): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (format) {
    case 'datetime': {
      const date = new Date(value as string | number);
      return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
    }
    case 'relativeTime': {
      const date = new Date(value as string | number);
      if (Number.isNaN(date.getTime())) return String(value);
      return relative(date.getTime() - now, locale);
    }
    case 'boolean':
      return value === true || value === 'true' ? '✓' : '✗';
    case 'duration':
      return duration(Number(value));
    case 'bytes':
      return bytes(Number(value));
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function relative(deltaMs: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round(deltaMs / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(seconds, 'second');
}

/** Milliseconds as e.g. `1h 2m`, `3.5 s`, `120 ms`. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m ${Math.round((ms % 60_000) / 1000)}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export function bytes(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let size = value;
  let unit = 0;
  while (Math.abs(size) >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit++;
  }
  return unit === 0 ? `${size} B` : `${size.toFixed(1)} ${units[unit]}`;
}
