import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { LanguageService } from '../core/i18n/language';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { enumOptions, fieldKind, fieldLabel, JsonSchema } from './json-schema';
import { buildArrayItem } from './schema-controls';
import { validationMessage } from './validation-message';

/** One schema node as a Material field; objects and arrays render their children with this same component. */
@Component({
  selector: 'ops-schema-field',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatSelect, MatOption, MatCheckbox, MatButton, MatIconButton, MatIcon, TranslatePipe],
  templateUrl: './schema-field.html',
  styleUrl: './schema-field.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SchemaField {
  private readonly language = inject(LanguageService);
  readonly name = input.required<string>();
  readonly schema = input.required<JsonSchema>();
  readonly control = input.required<AbstractControl>();
  readonly required = input(false);

  protected readonly kind = computed(() => fieldKind(this.schema()));
  protected readonly label = computed(() => fieldLabel(this.name(), this.schema()));
  protected readonly options = computed(() => enumOptions(this.schema()));
  protected readonly properties = computed(() => Object.entries(this.schema().properties ?? {}).map(([name, schema]) => ({ name, schema })));

  protected asControl(control: AbstractControl): FormControl {
    return control as FormControl;
  }

  protected asGroup(control: AbstractControl): FormGroup {
    return control as FormGroup;
  }

  protected asArray(control: AbstractControl): FormArray {
    return control as FormArray;
  }

  protected isRequired(name: string): boolean {
    return this.schema().required?.includes(name) ?? false;
  }

  protected error(control: AbstractControl): string {
    const message = validationMessage(control.errors);
    return message ? this.language.translate(message.text, message.params) : '';
  }

  protected addItem(): void {
    const array = this.asArray(this.control());
    array.push(buildArrayItem(this.schema()));
    array.markAsDirty();
  }

  protected removeItem(index: number): void {
    const array = this.asArray(this.control());
    array.removeAt(index);
    array.markAsDirty();
  }
}
