import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({ selector: 'ops-stub', template: '<section class="page">TODO</section>', changeDetection: ChangeDetectionStrategy.OnPush })
export class ServicesPage {}
