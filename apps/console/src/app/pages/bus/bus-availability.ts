import { inject, Injectable, signal } from '@angular/core';
import { getBusDiagnostics } from '../../api/fn/admin-bus/get-bus-diagnostics';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';

export type BusState = 'unknown' | 'enabled' | 'disabled';

/**
 * Whether the Capsule Bus is switched on (OPSTAGE_CAPSULE_BUS_ENABLED). Asked through the bus diagnostics endpoint,
 * which every role may read and which answers 404 CAPSULE_BUS_DISABLED when the flag is off (the runtime diagnostics
 * that also carry the flag are for operators only). Asked once per session; the page asks again on each visit.
 */
@Injectable({ providedIn: 'root' })
export class BusAvailability {
  private readonly client = inject(ApiClient);
  readonly state = signal<BusState>('unknown');
  private pending: Promise<BusState> | null = null;
  private asking = false;

  /**
   * Resolves with the state; rejects (as ApiError) when the server could not tell, leaving the state as it was.
   * `force` asks again, unless a question is still on its way (the shell's, when the console opens on /bus).
   */
  check(force = false): Promise<BusState> {
    if (this.pending && (this.asking || !force)) return this.pending;
    this.asking = true;
    const pending = this.client
      .call(getBusDiagnostics, undefined)
      .then(
        (diagnostics): BusState => (diagnostics.enabled ? 'enabled' : 'disabled'),
        (failure: unknown): BusState => {
          const error = ApiError.from(failure);
          if (error.code === 'CAPSULE_BUS_DISABLED') return 'disabled';
          if (this.pending === pending) this.pending = null;
          throw error;
        },
      )
      .finally(() => (this.asking = false));
    this.pending = pending;
    return pending.then((state) => {
      this.state.set(state);
      return state;
    });
  }
}
