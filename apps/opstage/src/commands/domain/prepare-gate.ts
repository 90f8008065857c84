import { Injectable } from '@nestjs/common';
import { OpstageConfig } from '../../config/opstage-config';
import { ApiError } from '../../http/api-error';

/** Caps the prepares that hold an HTTP request open at OPSTAGE_PREPARE_MAX_IN_FLIGHT (429 beyond it). */
@Injectable()
export class PrepareGate {
  private inFlight = 0;

  constructor(private readonly config: OpstageConfig) {}

  get current(): number {
    return this.inFlight;
  }

  /** Takes a slot or throws ACTION_PREPARE_BUSY; the returned function gives it back (idempotent). */
  acquire(): () => void {
    if (this.inFlight >= this.config.prepareMaxInFlight) {
      throw new ApiError('ACTION_PREPARE_BUSY', 'Too many action prepares are in flight; retry shortly.', undefined, { headers: { 'retry-after': '1' } });
    }
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}
