/** An event type: letters, digits and `_ . : -`, starting with a letter or digit. */
export const EVENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/** A route's event-type pattern: an exact type, a prefix ending in `*` (`order.*`), or `*` alone (every event). */
export const EVENT_TYPE_PATTERN = /^(\*|[A-Za-z0-9][A-Za-z0-9_.:-]*\*?)$/;

/** Whether `eventType` matches a route's pattern. */
export function eventTypeMatches(pattern: string, eventType: string): boolean {
  if (pattern.endsWith('*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}
