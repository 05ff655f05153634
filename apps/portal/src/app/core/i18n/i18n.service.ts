import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { Dictionary, TranslationKey, en } from './en';
import { zh } from './zh';

export type Lang = 'en' | 'zh';
export type TranslationParams = Record<
  string,
  string | number | null | undefined
>;

const STORAGE_KEY = 'sb.lang';
const DICTIONARIES: Record<Lang, Dictionary> = { en, zh };
const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };

function readStoredLang(): Lang | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'en' || stored === 'zh' ? stored : null;
  } catch {
    return null;
  }
}

/**
 * The portal's language as a signal. Everything that renders text reads `lang()` (directly or
 * through the `t` pipe), so switching re-renders only the views that show text.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  // English until the person picks otherwise: the same URL shows the same page to everyone
  // (and to browser tests), whatever the browser's locale.
  private readonly current = signal<Lang>(readStoredLang() ?? 'en');

  readonly lang = this.current.asReadonly();
  /** BCP 47 locale for `Intl` formatting. */
  readonly locale = computed(() =>
    this.current() === 'zh' ? 'zh-CN' : 'en-GB',
  );

  constructor() {
    this.document.documentElement.lang = HTML_LANG[this.current()];
  }

  use(lang: Lang): void {
    this.current.set(lang);
    this.document.documentElement.lang = HTML_LANG[lang];
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }

  toggle(): void {
    this.use(this.current() === 'en' ? 'zh' : 'en');
  }

  t(key: TranslationKey, params?: TranslationParams): string {
    const text = DICTIONARIES[this.current()][key] ?? en[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      return value === null || value === undefined ? match : String(value);
    });
  }

  /** For keys built at run time (`errors.${code}`): true when the dictionary has it. */
  has(key: string): key is TranslationKey {
    return Object.prototype.hasOwnProperty.call(en, key);
  }
}
