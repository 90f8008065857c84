import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { KeyValuePipe } from '@angular/common';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { createSqliteBackup } from '../../api/fn/admin-backup/create-sqlite-backup';
import { runMaintenance } from '../../api/fn/admin-maintenance/run-maintenance';
import { getMaintenanceSettings } from '../../api/fn/admin-settings/get-maintenance-settings';
import { updateMaintenanceSettings } from '../../api/fn/admin-settings/update-maintenance-settings';
import type { MaintenanceSettingsDto } from '../../api/models/maintenance-settings-dto';
import { SessionStore } from '../../core/auth/session-store';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { ErrorBanner } from '../../ui/error-banner';
import { bytes } from '../../action-results/format-value';
import { LoadState } from '../../ui/load-state';
import { Loader, Operation } from '../../ui/loader';
import { RuntimeCard } from './runtime-card';

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
  imports: [ReactiveFormsModule, KeyValuePipe, MatButton, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatFormField, MatLabel, MatHint, MatError, MatInput, ErrorBanner, LoadState, RuntimeCard, TranslatePipe],
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
  protected readonly settings = new Loader(async () => {
    const settings = await this.client.call(getMaintenanceSettings, undefined);
    this.form.reset(settings);
    if (!this.session.isOwner()) this.form.disable();
    return settings;
  });
  protected readonly saving = new Operation();
  protected readonly saved = signal(false);
  protected readonly maintenance = new Operation();
  protected readonly maintenanceResult = signal<Record<string, unknown> | null>(null);
  protected readonly backup = new Operation();
  protected readonly backupTaken = signal<{ filename: string; size: string } | null>(null);

  ngOnInit(): void {
    void this.settings.load();
  }

  async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saved.set(false);
    const body = Object.fromEntries(Object.entries(this.form.getRawValue()).map(([key, value]) => [key, Number(value)]));
    const settings = await this.saving.run(() => this.client.call(updateMaintenanceSettings, { body }));
    if (!settings) return;
    this.form.reset(settings);
    this.saved.set(true);
  }

  async runNow(): Promise<void> {
    const result = await this.maintenance.run(() => this.client.call(runMaintenance, undefined));
    if (result) this.maintenanceResult.set(result as unknown as Record<string, unknown>);
  }

  /** Takes an online backup on the server and hands the file to the browser as a download. */
  async downloadBackup(): Promise<void> {
    this.backupTaken.set(null);
    const file = await this.backup.run(() => this.client.download(createSqliteBackup, undefined));
    if (!file) return;
    const url = URL.createObjectURL(file.blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.backupTaken.set({ filename: file.filename, size: bytes(file.blob.size) });
  }
}
