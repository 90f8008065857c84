import { inject, Pipe, PipeTransform } from '@angular/core';
import { Language, LanguageService } from '../core/i18n/language';

/** ISO timestamp → local date-time in the language; an unparsable value as it is. */
export function formatWhen(value: string | null | undefined, language: Language): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}

/** ISO timestamp → local date-time in the chosen language. */
@Pipe({ name: 'when', pure: false })
export class WhenPipe implements PipeTransform {
  private readonly language = inject(LanguageService);

  transform(value: string | null | undefined): string {
    return formatWhen(value, this.language.language());
  }
}
