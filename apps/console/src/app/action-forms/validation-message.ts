import type { ValidationErrors } from '@angular/forms';

/** The first validation error as an English message with parameters (translated by the caller). */
export function validationMessage(errors: ValidationErrors | null | undefined): { text: string; params?: Record<string, unknown> } | null {
  if (!errors) return null;
  if (errors['required']) return { text: 'Required' };
  if (errors['minlength']) return { text: 'At least {n} characters', params: { n: errors['minlength'].requiredLength } };
  if (errors['maxlength']) return { text: 'At most {n} characters', params: { n: errors['maxlength'].requiredLength } };
  if (errors['min']) return { text: 'Must be at least {n}', params: { n: errors['min'].min } };
  if (errors['max']) return { text: 'Must be at most {n}', params: { n: errors['max'].max } };
  if (errors['pattern']) return { text: 'Does not match the expected format' };
  if (errors['integer']) return { text: 'Must be a whole number' };
  if (errors['json']) return { text: 'Not valid JSON' };
  if (errors['minItems']) return { text: 'Add at least {n} items', params: { n: errors['minItems'].min } };
  if (errors['maxItems']) return { text: 'At most {n} items', params: { n: errors['maxItems'].max } };
  return { text: 'Invalid value' };
}
