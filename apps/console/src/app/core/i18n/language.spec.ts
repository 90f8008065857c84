import { TestBed } from '@angular/core/testing';
import { CJK_FONT_LINK_ID, LanguageService } from './language';

describe('LanguageService', () => {
  beforeEach(() => {
    localStorage.setItem('opstage.language', 'en');
    document.getElementById(CJK_FONT_LINK_ID)?.remove();
  });

  it('links the bundled Chinese font only once 中文 is chosen, and only once', () => {
    const language = TestBed.inject(LanguageService);
    TestBed.tick();
    expect(document.getElementById(CJK_FONT_LINK_ID)).toBeNull();
    language.language.set('zh');
    TestBed.tick();
    const link = document.getElementById(CJK_FONT_LINK_ID) as HTMLLinkElement;
    expect(link.getAttribute('href')).toBe('noto-sans-sc.css');
    expect(document.documentElement.lang).toBe('zh-CN');
    language.language.set('en');
    TestBed.tick();
    language.language.set('zh');
    TestBed.tick();
    expect(document.querySelectorAll(`#${CJK_FONT_LINK_ID}`)).toHaveLength(1);
    expect(language.translate('Dashboard')).toBe('仪表盘');
  });
});
