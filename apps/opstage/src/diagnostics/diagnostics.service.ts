import { Injectable } from '@nestjs/common';
import { OpstageConfig } from '../config/opstage-config';
import { MaintenanceSettingsService } from '../settings/maintenance-settings.service';
import { RuntimeDiagnosticsDto } from './diagnostics.dto';

@Injectable()
export class DiagnosticsService {
  constructor(
    private readonly config: OpstageConfig,
    private readonly settings: MaintenanceSettingsService,
  ) {}

  /** Built field by field from an allow-list, so a secret added to the config can never leak here by accident. */
  async runtime(): Promise<RuntimeDiagnosticsDto> {
    const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    return {
      version: this.config.version,
      edition: 'CE',
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      uptimeSeconds: Math.floor(process.uptime()),
      pid: process.pid,
      memory: { rss, heapTotal, heapUsed, external, arrayBuffers },
      config: {
        host: this.config.host,
        port: this.config.port,
        databasePath: this.config.databasePath,
        staticDir: this.config.staticDir,
        backupDir: this.config.backupDir,
        maintenance: await this.settings.effective(),
        capsuleBusEnabled: this.config.busEnabled,
      },
    };
  }
}
