import { Pipe, PipeTransform, inject } from '@angular/core';
import { TranslationKey } from './en';
import { I18nService, TranslationParams } from './i18n.service';

/**
 * `{{ 'nav.locations' | t }}`, `{{ 'admin.orgs.created' | t: { code } }}`.
 *
 * The result is a pure function of (key, params, language), but the language is a signal the
 * arguments do not carry. Angular memoises `pure: true` pipes on their arguments only, so such
 * a pipe would keep the old language after a switch. Declared `pure: false`, `transform` runs
 * whenever its view is checked (a dictionary look-up), and because it reads `lang()` the
 * switch itself marks every OnPush view that shows text for refresh.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: TranslationKey, params?: TranslationParams): string {
    return this.i18n.t(key, params);
  }
}
