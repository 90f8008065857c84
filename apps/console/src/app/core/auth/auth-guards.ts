import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Role, roleAtLeast } from './role';
import { SessionStore } from './session-store';

export const signedIn: CanActivateFn = async (_route, state) => {
  const router = inject(Router);
  return (await inject(SessionStore).restore()) ? true : router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

export function roleAtLeastGuard(needed: Role): CanActivateFn {
  return async () => {
    // inject() only works before the first await.
    const session = inject(SessionStore);
    const router = inject(Router);
    await session.restore();
    return roleAtLeast(session.role(), needed) ? true : router.createUrlTree(['/dashboard']);
  };
}
