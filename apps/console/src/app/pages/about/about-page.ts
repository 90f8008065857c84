import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import { MatCard, MatCardContent } from '@angular/material/card';
import { getSystemVersion } from '../../api/fn/system/get-system-version';
import { ApiClient } from '../../core/http/api-client';
import { TranslatePipe } from '../../core/i18n/translate-pipe';
import { LoadState } from '../../ui/load-state';
import { Loader } from '../../ui/loader';

@Component({
  selector: 'ops-about-page',
  imports: [MatCard, MatCardContent, LoadState, TranslatePipe],
  template: `
    <section class="page">
      <div class="page-header"><h1>{{ 'About' | t }}</h1></div>
      <ops-load-state [loading]="version.loading()" [error]="version.error()" (retry)="version.load()" />
      <mat-card appearance="outlined">
        <mat-card-content>
          <p>Xtrape Capsule — Opstage ({{ 'Community edition' | t }})</p>
          @if (version.value(); as v) {
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
  protected readonly version = new Loader(() => this.client.call(getSystemVersion, undefined));

  ngOnInit(): void {
    void this.version.load();
  }
}
