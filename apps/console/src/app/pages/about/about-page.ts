import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { getSystemVersion } from '../../api/fn/system/get-system-version';
import type { SystemVersionDto } from '../../api/models/system-version-dto';
import { ApiClient } from '../../core/http/api-client';
import { ApiError } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { LoadState } from '../../ui/load-state';

@Component({
  selector: 'ops-about-page',
  imports: [MatCard, MatCardContent, LoadState, TranslatePipe],
  template: `
    <section class="page">
      <div class="page-header"><h1>{{ 'About' | t }}</h1></div>
      <ops-load-state [loading]="loading()" [error]="error()" (retry)="load()" />
      <mat-card appearance="outlined">
        <mat-card-content>
          <p>Xtrape Capsule — Opstage ({{ 'Community edition' | t }})</p>
          @if (version(); as v) {
            <dl class="kv">
              <dt>{{ 'Version' | t }}</dt><dd class="version">{{ v.version }}</dd>
              <dt>{{ 'Edition' | t }}</dt><dd>{{ v.edition }}</dd>
              @if (v.commit) { <dt>{{ 'Commit' | t }}</dt><dd class="mono">{{ v.commit }}</dd> }
              @if (v.buildTime) { <dt>{{ 'Built' | t }}</dt><dd>{{ v.buildTime }}</dd> }
            </dl>
          }
          <p><a class="link api-docs" href="/api/docs" target="_blank" rel="noopener">{{ 'API documentation' | t }} (/api/docs)</a></p>
        </mat-card-content>
      </mat-card>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AboutPage implements OnInit {
  private readonly client = inject(ApiClient);
  protected readonly version = signal<SystemVersionDto | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.version.set(await this.client.call(getSystemVersion, undefined));
    } catch (error) {
      this.error.set(ApiError.from(error));
    } finally {
      this.loading.set(false);
    }
  }
}
