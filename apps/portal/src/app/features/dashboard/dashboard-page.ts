import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AuthStore } from '../../core/auth/auth-store';
import { BuyerDashboard } from './buyer-dashboard';
import { SupplierDashboard } from './supplier-dashboard';

/** `/dashboard`: the buyer's VMI dashboard or the supplier's, by the signed-in organisation. */
@Component({
  selector: 'sb-dashboard-page',
  imports: [BuyerDashboard, SupplierDashboard],
  template: `
    @switch (orgType()) {
      @case ('BUYER') {
        <sb-buyer-dashboard />
      }
      @case ('SUPPLIER') {
        <sb-supplier-dashboard />
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DashboardPage {
  private readonly auth = inject(AuthStore);
  protected readonly orgType = computed(
    () => this.auth.user()?.orgType ?? null,
  );
}
