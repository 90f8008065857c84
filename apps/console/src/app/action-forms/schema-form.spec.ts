import { Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HarnessLoader } from '@angular/cdk/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatCheckboxHarness } from '@angular/material/checkbox/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { JsonSchema } from './json-schema';
import { SchemaForm } from './schema-form';

const SCHEMA: JsonSchema = {
  type: 'object',
  required: ['message', 'colour'],
  properties: {
    message: { type: 'string', title: 'Message', maxLength: 5 },
    times: { type: 'integer', title: 'Times', minimum: 1, maximum: 5, default: 2 },
    ratio: { type: 'number', title: 'Ratio' },
    loud: { type: 'boolean', title: 'Loud', default: true },
    colour: { type: 'string', title: 'Colour', enum: ['red', 'green'], enumLabels: ['Bright red', 'Leaf green'] },
    secret: { type: 'string', title: 'Secret', format: 'password' },
    notes: { type: 'string', title: 'Notes', format: 'textarea' },
    tags: { type: 'array', title: 'Tags', items: { type: 'string', title: 'Tag' } },
    target: { type: 'object', title: 'Target', required: ['host'], properties: { host: { type: 'string', title: 'Host', default: 'localhost' }, port: { type: 'integer', title: 'Port' } } },
  },
};

@Component({
  imports: [SchemaForm],
  template: `<ops-schema-form [schema]="schema()" [initialValue]="initial()" />`,
})
class Host {
  readonly schema = signal<JsonSchema>(SCHEMA);
  readonly initial = signal<Record<string, unknown> | null>(null);
  readonly form = viewChild.required(SchemaForm);
}

async function setUp(initial: Record<string, unknown> | null = null) {
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.initial.set(initial);
  fixture.detectChanges();
  const loader: HarnessLoader = TestbedHarnessEnvironment.loader(fixture);
  return { fixture, loader, form: fixture.componentInstance.form() };
}

async function input(loader: HarnessLoader, label: string): Promise<MatInputHarness> {
  const field = await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: new RegExp(`^${label}`) }));
  return (await field.getControl(MatInputHarness))!;
}

describe('SchemaForm', () => {
  it('renders each schema type with the matching Material control and the schema defaults', async () => {
    const { loader } = await setUp();
    expect(await (await input(loader, 'Times')).getValue()).toBe('2');
    expect(await (await input(loader, 'Times')).getType()).toBe('number');
    expect(await (await input(loader, 'Secret')).getType()).toBe('password');
    expect(await (await (await input(loader, 'Notes')).host()).matchesSelector('textarea')).toBe(true);
    expect(await (await input(loader, 'Host')).getValue()).toBe('localhost');
    const loud = await loader.getHarness(MatCheckboxHarness.with({ label: 'Loud' }));
    expect(await loud.isChecked()).toBe(true);
    const colour = await loader.getHarness(MatSelectHarness);
    await colour.open();
    const options = await colour.getOptions();
    expect(await Promise.all(options.map((o) => o.getText()))).toEqual(['Bright red', 'Leaf green']);
  });

  it('seeds fields from the initial payload over the schema defaults', async () => {
    const { loader } = await setUp({ message: 'hi', times: 4, loud: false, target: { host: 'db', port: 5432 } });
    expect(await (await input(loader, 'Message')).getValue()).toBe('hi');
    expect(await (await input(loader, 'Times')).getValue()).toBe('4');
    expect(await (await input(loader, 'Port')).getValue()).toBe('5432');
    expect(await (await loader.getHarness(MatCheckboxHarness.with({ label: 'Loud' }))).isChecked()).toBe(false);
  });

  it('blocks submission and shows validation messages for required, length and range rules', async () => {
    const { loader, form, fixture } = await setUp();
    await (await input(loader, 'Times')).setValue('9');
    await (await input(loader, 'Message')).setValue('too long');
    expect(form.validate()).toBe(false);
    fixture.detectChanges();
    const errorsOf = async (label: string) => (await loader.getHarness(MatFormFieldHarness.with({ floatingLabelText: new RegExp(`^${label}`) }))).getTextErrors();
    expect(await errorsOf('Message')).toEqual(['At most 5 characters']);
    expect(await errorsOf('Times')).toEqual(['Must be at most 5']);
    expect(await errorsOf('Colour')).toEqual(['Required']);
    await (await input(loader, 'Times')).setValue('2.5');
    fixture.detectChanges();
    expect(await errorsOf('Times')).toEqual(['Must be a whole number']);
  });

  it('produces a typed payload: numbers as numbers, nested objects, arrays, empty optional fields omitted', async () => {
    const { loader, form } = await setUp();
    await (await input(loader, 'Message')).setValue('hello');
    await (await input(loader, 'Ratio')).setValue('0.5');
    const colour = await loader.getHarness(MatSelectHarness);
    await colour.open();
    await colour.clickOptions({ text: 'Leaf green' });
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add item/ }))).click();
    await (await loader.getHarness(MatButtonHarness.with({ text: /Add item/ }))).click();
    const tags = await loader.getAllHarnesses(MatFormFieldHarness.with({ floatingLabelText: /^Tag/ }));
    expect(tags.length).toBe(2);
    await ((await tags[0].getControl(MatInputHarness))!).setValue('a');
    await ((await tags[1].getControl(MatInputHarness))!).setValue('b');
    await (await loader.getAllHarnesses(MatButtonHarness.with({ selector: '.remove-item' })))[0].click();
    expect(form.validate()).toBe(true);
    expect(form.payload()).toEqual({ message: 'hello', times: 2, ratio: 0.5, loud: true, colour: 'green', tags: ['b'], target: { host: 'localhost' } });
  });

  it('omits optional fields left empty, as the server’s default initialPayload fills them with empty strings', async () => {
    const { form } = await setUp({ message: 'm', colour: 'red', secret: '', notes: '', ratio: '', tags: [], target: { host: 'h', port: '' } });
    expect(form.validate()).toBe(true);
    expect(form.payload()).toEqual({ message: 'm', colour: 'red', times: 2, loud: true, tags: [], target: { host: 'h' } });
  });

  it('requires the nested object’s required fields', async () => {
    const { loader, form } = await setUp({ message: 'x', colour: 'red' });
    expect(form.validate()).toBe(true);
    await (await input(loader, 'Host')).setValue('');
    expect(form.validate()).toBe(false);
  });

  it('renders nothing for an action without inputs and submits an empty payload', async () => {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.schema.set({ type: 'object', properties: {} });
    fixture.detectChanges();
    const loader = TestbedHarnessEnvironment.loader(fixture);
    expect((await loader.getAllHarnesses(MatFormFieldHarness)).length).toBe(0);
    expect(fixture.componentInstance.form().validate()).toBe(true);
    expect(fixture.componentInstance.form().payload()).toEqual({});
  });
});
