import { DOCUMENT, effect, inject, Injectable, signal } from '@angular/core';
import { ZH } from './messages-zh';

export type Language = 'en' | 'zh';
const STORAGE_KEY = 'opstage.language';
export const CJK_FONT_LINK_ID = 'opstage-cjk-font';

/**
 * Runtime English/中文 switch. Messages are keyed by their English text, so English needs no dictionary and a
 * missing translation falls back to readable English. `{name}` placeholders are filled from `params`.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly document = inject(DOCUMENT);
  readonly language = signal<Language>(readStored());

  constructor() {
    effect(() => {
      const language = this.language();
      this.document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
      if (language === 'zh') this.loadCjkFont();
      try {
        localStorage.setItem(STORAGE_KEY, language);
      } catch {
        /* storage can be unavailable (private mode); the choice then lasts for this page only */
      }
    });
  }

  /**
   * The bundled Noto Sans SC (`noto-sans-sc.css`, built but not injected, see angular.json) is linked only once 中文 is
   * chosen, so English users never fetch its @font-face rules; its unicode-range subsets load only for the characters
   * a page shows.
   */
  private loadCjkFont(): void {
    if (this.document.getElementById(CJK_FONT_LINK_ID)) return;
    const link = Object.assign(this.document.createElement('link'), { id: CJK_FONT_LINK_ID, rel: 'stylesheet', href: 'noto-sans-sc.css' });
    this.document.head.appendChild(link);
  }

  translate(text: string, params?: Record<string, unknown>): string {
    const template = this.language() === 'zh' ? (ZH[text] ?? text) : text;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
  }
}

function readStored(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    /* ignore */
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
