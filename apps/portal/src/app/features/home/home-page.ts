import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../../core/auth/auth-store';
import { TranslationKey } from '../../core/i18n/en';
import { I18nService } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { visibleNavItems } from '../../core/nav';
import { Icon } from '../../shared/ui/icon';
import { PageHeader } from '../../shared/ui/page-header';

/** A welcome per role: the organisation, what the role can do, and where to go. */
@Component({
  selector: 'sb-home-page',
  imports: [
    MatCardModule,
    MatButtonModule,
    RouterLink,
    TranslatePipe,
    Icon,
    PageHeader,
  ],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  private readonly auth = inject(AuthStore);
  private readonly i18n = inject(I18nService);

  protected readonly user = this.auth.user;
  protected readonly shortcuts = computed(() =>
    visibleNavItems(this.auth.permissions()),
  );
  protected readonly capabilities = computed(() =>
    [...this.auth.permissions()].map(
      (p) => `perm.${p}` as const satisfies TranslationKey,
    ),
  );
  protected readonly readOnly = computed(
    () =>
      this.auth.can('masterdata:read') && !this.auth.can('masterdata:write'),
  );

  protected readonly intros = computed(() => {
    const keys: TranslationKey[] = [];
    if (this.auth.can('admin:manage')) keys.push('home.intro.admin');
    const type = this.user()?.orgType;
    if (type === 'BUYER') keys.push('home.intro.buyer');
    if (type === 'SUPPLIER') keys.push('home.intro.supplier');
    return keys;
  });

  protected readonly signedInAs = computed(() => {
    const user = this.user();
    if (!user) return '';
    const type = user.orgType
      ? this.i18n.t(`orgType.${user.orgType}`)
      : this.i18n.t('shell.platform');
    const roles = user.roles.map((r) => this.i18n.t(`role.${r}`)).join(', ');
    // `/auth/me` names the organisation only when the API sends its code or name.
    const name = user.orgName ?? user.orgCode;
    if (!name) return this.i18n.t('home.signedInAsRole', { type, roles });
    const org =
      user.orgName && user.orgCode ? `${user.orgName} (${user.orgCode})` : name;
    return this.i18n.t('home.signedInAs', { org: `${org} · ${type}`, roles });
  });
}
