/** Published after a bus transaction commits (an ingest, or a replay that touched the event). */
export class BusEventIngestedEvent {
  constructor(
    readonly eventId: string,
    readonly commandsCreated: number,
  ) {}
}
