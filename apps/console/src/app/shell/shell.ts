import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { BreakpointObserver } from '@angular/cdk/layout';
import { map } from 'rxjs';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { MatIconButton, MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatListItem, MatListItemIcon, MatNavList } from '@angular/material/list';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { MatTooltip } from '@angular/material/tooltip';
import { roleAtLeast } from '../core/auth/role';
import { SessionStore } from '../core/auth/session-store';
import { LanguageService } from '../core/i18n/language';
import { TranslatePipe } from '../core/i18n/translate-pipe';
import { AdminStream } from '../core/stream/admin-stream';
import { ThemeService } from '../core/theme/theme';
import { BusAvailability } from '../pages/bus/bus-availability';
import { NAVIGATION } from './navigation';

@Component({
  selector: 'ops-shell',
  imports: [
    RouterOutlet, RouterLink, RouterLinkActive, MatToolbar, MatIconButton, MatButton, MatIcon, MatSidenav, MatSidenavContainer,
    MatSidenavContent, MatNavList, MatListItem, MatListItemIcon, MatMenu, MatMenuItem, MatMenuTrigger, MatTooltip, TranslatePipe,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly session = inject(SessionStore);
  protected readonly theme = inject(ThemeService);
  protected readonly language = inject(LanguageService);
  private readonly stream = inject(AdminStream);
  private readonly router = inject(Router);

  /** Below 960 px the navigation floats over the page and closes after a choice. */
  protected readonly narrow = toSignal(inject(BreakpointObserver).observe('(max-width: 959.98px)').pipe(map((state) => state.matches)), { initialValue: false });
  private readonly bus = inject(BusAvailability);
  protected readonly navigation = computed(() => NAVIGATION.filter((item) => roleAtLeast(this.session.role(), item.minRole) && (!item.bus || this.bus.state() === 'enabled')));

  constructor() {
    this.bus.check().catch(() => undefined);
  }

  async logout(): Promise<void> {
    this.stream.close();
    await this.session.logout();
    await this.router.navigate(['/login']);
  }
}
