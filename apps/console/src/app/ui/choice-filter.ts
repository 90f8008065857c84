import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { TranslatePipe } from '../core/i18n/translate-pipe';

/**
 * A list filter over a fixed set of values (statuses, roles), each shown translated. With `multiple` it picks any
 * number of them (none: no filter); otherwise one, or Any (null). `V` is the value's type: an array with `multiple`.
 */
@Component({
  selector: 'ops-choice-filter',
  imports: [MatFormField, MatLabel, MatSelect, MatOption, TranslatePipe],
  template: `
    <mat-form-field [attr.data-filter]="name()">
      <mat-label>{{ label() | t }}</mat-label>
      <mat-select [attr.name]="name()" [multiple]="multiple()" [value]="value()" (valueChange)="valueChange.emit($event)">
        @if (!multiple()) { <mat-option [value]="null">{{ 'Any' | t }}</mat-option> }
        @for (option of options(); track option) { <mat-option [value]="option">{{ option | t }}</mat-option> }
      </mat-select>
    </mat-form-field>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChoiceFilter<V> {
  /** The `name` of the select (and `data-filter` of the field), for tests and harnesses. */
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly options = input.required<readonly string[]>();
  /** Read once: a select cannot switch between one and many after it starts. */
  readonly multiple = input(false);
  readonly value = input.required<V>();
  readonly valueChange = output<V>();
}
