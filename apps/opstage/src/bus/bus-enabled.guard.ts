import { CanActivate, Injectable } from '@nestjs/common';
import { OpstageConfig } from '../config/opstage-config';
import { ApiError } from '../http/api-error';

/**
 * 404 CAPSULE_BUS_DISABLED while OPSTAGE_CAPSULE_BUS_ENABLED is off. Controller guards run after the global
 * AccessGuard, so the flag is only revealed to callers who authenticated and hold the route's role.
 */
@Injectable()
export class BusEnabledGuard implements CanActivate {
  constructor(private readonly config: OpstageConfig) {}

  canActivate(): boolean {
    if (!this.config.busEnabled) throw new ApiError('CAPSULE_BUS_DISABLED', 'The Capsule Bus is disabled; set OPSTAGE_CAPSULE_BUS_ENABLED=true to enable it.');
    return true;
  }
}
