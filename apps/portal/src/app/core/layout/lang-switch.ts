import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Icon } from '../../shared/ui/icon';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';

/** English ⇄ 简体中文. The button names the language it switches to, in that language. */
@Component({
  selector: 'sb-lang-switch',
  imports: [MatButtonModule, Icon, TranslatePipe],
  template: `
    <button
      mat-button
      type="button"
      class="switch"
      (click)="i18n.toggle()"
      data-testid="lang-switch"
      [attr.data-lang]="i18n.lang()"
      [attr.aria-label]="'shell.langSwitchAria' | t"
    >
      <sb-icon name="translate" />
      <span [attr.lang]="targetLang()">{{ 'shell.langSwitch' | t }}</span>
    </button>
  `,
  styles: `
    .switch {
      color: inherit;
    }
    sb-icon {
      --sb-icon-size: 20px;
      margin-right: 6px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LangSwitch {
  protected readonly i18n = inject(I18nService);
  protected readonly targetLang = computed(() =>
    this.i18n.lang() === 'en' ? 'zh-CN' : 'en',
  );
}
