import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Subscription } from 'rxjs';
import { MaintenanceSettingsService } from '../settings/maintenance-settings.service';
import { MaintenanceService } from './maintenance.service';

export const MAINTENANCE_INTERVAL = 'maintenance-sweep';

/**
 * Runs the sweep every effective `maintenanceIntervalSeconds` (0 disables it). The first run comes one interval after
 * boot; a settings change re-arms the timer at once. A tick is skipped while the previous run is still going, errors
 * are logged and the schedule continues. The timer never keeps the process alive.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceScheduler.name);
  private subscription?: Subscription;
  private running = false;
  private stopped = false;
  intervalSeconds = 0;

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly settings: MaintenanceSettingsService,
    private readonly maintenance: MaintenanceService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.settings.changes.subscribe((next) => this.arm(next.maintenanceIntervalSeconds));
    this.arm((await this.settings.effective()).maintenanceIntervalSeconds);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.disarm();
    await this.maintenance.idle();
  }

  get armed(): boolean {
    return this.registry.doesExist('interval', MAINTENANCE_INTERVAL);
  }

  arm(seconds: number): void {
    this.disarm();
    this.intervalSeconds = seconds;
    if (this.stopped || seconds <= 0) return;
    const timer = setInterval(() => void this.tick(), seconds * 1000);
    timer.unref();
    this.registry.addInterval(MAINTENANCE_INTERVAL, timer);
  }

  private disarm(): void {
    if (this.armed) this.registry.deleteInterval(MAINTENANCE_INTERVAL);
  }

  private async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      await this.maintenance.run();
    } catch (error) {
      this.logger.error({ err: error }, 'Scheduled maintenance failed; the schedule continues.');
    } finally {
      this.running = false;
    }
  }
}
