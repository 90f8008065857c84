import { bytes, duration, formatValue } from './format-value';
import { fillTemplate, valueAt } from './result-shapes';

describe('formatValue', () => {
  it('formats by column format', () => {
    expect(formatValue(null, 'text', 'en-GB')).toBe('—');
    expect(formatValue({ a: 1 }, undefined, 'en-GB')).toBe('{"a":1}');
    expect(formatValue(true, 'boolean', 'en-GB')).toBe('✓');
    expect(formatValue(1024 * 1024 * 3, 'bytes', 'en-GB')).toBe('3.0 MiB');
    expect(formatValue(new Date(Date.UTC(2026, 0, 1, 10)).toISOString(), 'relativeTime', 'en-GB', Date.UTC(2026, 0, 1, 12))).toBe('2 hours ago');
    expect(formatValue('not a date', 'datetime', 'en-GB')).toBe('not a date');
  });

  it('renders durations and sizes', () => {
    expect(duration(250)).toBe('250 ms');
    expect(duration(3_723_000)).toBe('1h 2m');
    expect(bytes(512)).toBe('512 B');
  });

  it('reads dot paths and fills $row templates recursively', () => {
    const row = { a: { b: [1, 2] }, id: 'x' };
    expect(valueAt(row, 'a.b.1')).toBe(2);
    expect(valueAt(row, 'a.c.d')).toBeUndefined();
    expect(fillTemplate({ id: '$row.id', nested: ['$row.a.b.0', 'literal'] }, row)).toEqual({ id: 'x', nested: [1, 'literal'] });
  });
});
