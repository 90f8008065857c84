import type { BusEvent } from '../bus-event.entity';
import type { EventView } from './input-mapping';

/** What mappings read: the stored event with its raw (unredacted) payload and metadata. */
export function eventView(event: BusEvent, rawPayload: Record<string, unknown>, rawMetadata: Record<string, unknown>): EventView {
  return {
    id: event.id,
    eventType: event.eventType,
    sourceServiceCode: event.sourceServiceCode,
    correlationId: event.correlationId,
    causationId: event.causationId,
    occurredAt: event.occurredAt.toISOString(),
    payload: rawPayload,
    metadata: rawMetadata,
  };
}
