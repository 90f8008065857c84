import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { LanguageService } from '../core/i18n/language';
import { ChoiceFilter } from './choice-filter';

@Component({
  imports: [ChoiceFilter],
  template: `
    <ops-choice-filter name="status" label="Status" [options]="statuses" [multiple]="true" [value]="many()" (valueChange)="many.set($event)" />
    <ops-choice-filter name="health" label="Health" [options]="health" [value]="one()" (valueChange)="one.set($event)" />
  `,
})
class Host {
  readonly statuses = ['ONLINE', 'OFFLINE', 'DISABLED'];
  readonly health = ['UP', 'DOWN'];
  readonly many = signal<string[]>(['OFFLINE']);
  readonly one = signal<string | null>(null);
}

async function setUp() {
  localStorage.setItem('opstage.language', 'en');
  const fixture = TestBed.createComponent(Host);
  fixture.detectChanges();
  const loader = TestbedHarnessEnvironment.loader(fixture);
  return {
    host: fixture.componentInstance,
    element: fixture.nativeElement as HTMLElement,
    status: await loader.getHarness(MatSelectHarness.with({ selector: '[name="status"]' })),
    health: await loader.getHarness(MatSelectHarness.with({ selector: '[name="health"]' })),
  };
}

describe('ChoiceFilter', () => {
  // The language service stores its choice; leave English behind for the specs that follow.
  afterEach(() => {
    TestBed.inject(LanguageService).language.set('en');
    TestBed.tick();
    localStorage.setItem('opstage.language', 'en');
  });

  it('picks several values at once with multiple, without an Any option', async () => {
    const { host, status, element } = await setUp();
    expect(await status.isMultiple()).toBe(true);
    expect(await status.getValueText()).toBe('OFFLINE');
    await status.open();
    expect(await Promise.all((await status.getOptions()).map((o) => o.getText()))).toEqual(['ONLINE', 'OFFLINE', 'DISABLED']);
    await status.clickOptions({ text: 'DISABLED' });
    expect(host.many()).toEqual(['OFFLINE', 'DISABLED']);
    expect(element.querySelector('[data-filter="status"] mat-label')?.textContent?.trim()).toBe('Status');
  });

  it('picks one value or Any (null), with translated labels', async () => {
    const { host, health } = await setUp();
    expect(await health.isMultiple()).toBe(false);
    // Any is the select's reset option: nothing chosen, the label alone shows.
    expect(await health.getValueText()).toBe('');
    await health.open();
    await health.clickOptions({ text: 'DOWN' });
    expect(host.one()).toBe('DOWN');
    expect(await health.getValueText()).toBe('DOWN');
    await health.open();
    await health.clickOptions({ text: 'Any' });
    expect(host.one()).toBeNull();
    TestBed.inject(LanguageService).language.set('zh');
    await health.open();
    expect(await Promise.all((await health.getOptions()).map((o) => o.getText()))).toEqual(['任意', '正常', '宕机']);
  });
});
