import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  OnDestroy,
  computed,
  inject,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { map } from 'rxjs';
import { Icon } from '../../shared/ui/icon';
import { AuthStore } from '../auth/auth-store';
import { I18nService } from '../i18n/i18n.service';
import { TranslatePipe } from '../i18n/translate.pipe';
import { NAV_SECTIONS, visibleNavItems } from '../nav';
import { Notifier } from '../notify/notifier';
import { LangSwitch } from './lang-switch';
import { Logo } from './logo';

/** The signed-in frame: toolbar with the user and language, role-aware sidenav, content. */
@Component({
  selector: 'sb-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatButtonModule,
    MatTooltipModule,
    Icon,
    Logo,
    LangSwitch,
    TranslatePipe,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell implements OnDestroy {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly i18n = inject(I18nService);

  protected readonly user = this.auth.user;
  protected readonly handset = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 959.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  protected readonly sections = computed(() => {
    const items = visibleNavItems(this.auth.permissions());
    return NAV_SECTIONS.map((section) => ({
      ...section,
      items: items.filter((item) => item.section === section.id),
    })).filter((section) => section.items.length > 0);
  });

  protected readonly orgTypeLabel = computed(() => {
    const type = this.user()?.orgType;
    return type
      ? this.i18n.t(`orgType.${type}`)
      : this.i18n.t('shell.platform');
  });

  protected readonly rolesLabel = computed(() =>
    (this.user()?.roles ?? [])
      .map((role) => this.i18n.t(`role.${role}`))
      .join(', '),
  );

  protected readonly initial = computed(() =>
    (this.user()?.email ?? '?').charAt(0).toUpperCase(),
  );

  protected closeIfHandset(sidenav: MatSidenav): void {
    if (this.handset()) void sidenav.close();
  }

  protected logout(): void {
    this.auth.clear();
    this.notifier.info('login.signedOut');
    void this.router.navigate(['/login']);
  }

  ngOnDestroy(): void {
    // Leaving the signed-in area (logout, or a 401 mid-edit): no dialog may outlive it.
    this.dialog.closeAll();
  }
}
