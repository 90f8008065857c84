import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { KeyValuePipe } from '@angular/common';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { runMaintenance } from '../../api/fn/admin-maintenance/run-maintenance';
import { getMaintenanceSettings } from '../../api/fn/admin-settings/get-maintenance-settings';
import { updateMaintenanceSettings } from '../../api/fn/admin-settings/update-maintenance-settings';
import type { MaintenanceResultDto } from '../../api/models/maintenance-result-dto';
import type { MaintenanceSettingsDto } from '../../api/models/maintenance-settings-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ErrorBanner } from '../../ui/error-banner';
import { LoadState } from '../../ui/load-state';

type SettingKey = keyof MaintenanceSettingsDto;

const FIELDS: { key: SettingKey; label: string; hint: string; min: number }[] = [
  { key: 'agentOfflineThresholdSeconds', label: 'Agent offline after (seconds)', hint: 'No heartbeat for this long marks an agent offline.', min: 10 },
  { key: 'maintenanceIntervalSeconds', label: 'Maintenance interval (seconds)', hint: 'How often the sweep runs.', min: 5 },
  { key: 'auditRetentionDays', label: 'Keep audit events (days)', hint: '0 keeps nothing older than now.', min: 0 },
  { key: 'healthRetentionDays', label: 'Keep health reports (days)', hint: '', min: 0 },
  { key: 'commandRetentionDays', label: 'Keep finished commands (days)', hint: '', min: 0 },
  { key: 'backupRetentionCount', label: 'Keep backups (count)', hint: '', min: 0 },
];

@Component({
  selector: 'ops-settings-page',
  imports: [ReactiveFormsModule, KeyValuePipe, MatButton, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatHint, MatError, MatInput, ErrorBanner, LoadState, TranslatePipe],
  templateUrl: './settings-page.html',
  styles: `mat-card { margin-bottom: 16px; } .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 8px 16px; } .done { color: var(--mat-sys-primary); }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly session = inject(SessionStore);
  protected readonly fields = FIELDS;
  protected readonly form = new FormGroup(
    Object.fromEntries(FIELDS.map((field) => [field.key, new FormControl(0, { nonNullable: true, validators: [Validators.required, Validators.min(field.min)] })])) as Record<SettingKey, FormControl<number>>,
  );
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly saveError = signal<ApiError | null>(null);
  protected readonly saved = signal(false);
  protected readonly maintenance = signal<MaintenanceResultDto | null>(null);
  protected readonly maintenanceError = signal<ApiError | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const settings = await this.client.call(getMaintenanceSettings, undefined);
      this.form.reset(settings);
      if (!this.session.isOwner()) this.form.disable();
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.loading.set(false);
    }
  }

  async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saveError.set(null);
    this.saved.set(false);
    try {
      const values = this.form.getRawValue();
      const settings = await this.client.call(updateMaintenanceSettings, { body: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Number(value)])) });
      this.form.reset(settings);
      this.saved.set(true);
    } catch (error) {
      this.saveError.set(ApiError.from(error));
    }
  }

  async runNow(): Promise<void> {
    this.maintenanceError.set(null);
    try {
      this.maintenance.set(await this.client.call(runMaintenance, undefined));
    } catch (error) {
      this.maintenanceError.set(ApiError.from(error));
    }
  }
}
