import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { PageHeader } from '../../shared/ui/page-header';

@Component({
  selector: 'sb-not-found-page',
  imports: [MatButtonModule, RouterLink, TranslatePipe, PageHeader],
  template: `
    <sb-page-header
      [heading]="'notFound.title' | t"
      [subtitle]="'notFound.text' | t"
    />
    <a mat-flat-button routerLink="/" data-testid="not-found-home">{{
      'notFound.home' | t
    }}</a>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
