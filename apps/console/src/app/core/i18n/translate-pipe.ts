import { inject, Pipe, PipeTransform } from '@angular/core';
import { LanguageService } from './language';

/** `{{ 'Agents' | t }}`. Impure so a language switch re-renders; the lookup is a map read. */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(text: string | null | undefined, params?: Record<string, unknown>): string {
    return text == null ? '' : this.language.translate(text, params);
  }
}
