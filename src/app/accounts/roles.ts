/** Account roles, weakest first: each may do everything the ones before it may. */
export const ACCOUNT_ROLES = ['viewer', 'analyst', 'admin'] as const;

/**
 * An account role: `viewer` reads; `analyst` also screens, runs batches and watchlists and
 * records decisions; `admin` also manages keys, imports, sync and settings.
 */
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** What a route needs: `public` (anyone, no key) or the least role. */
export type Access = 'public' | AccountRole;

/** True when `role` may do what needs `access`. */
export function roleAllows(role: AccountRole, access: Access): boolean {
  return access === 'public' || ACCOUNT_ROLES.indexOf(role) >= ACCOUNT_ROLES.indexOf(access);
}

/** True for one of the account roles. */
export function isAccountRole(v: unknown): v is AccountRole {
  return typeof v === 'string' && (ACCOUNT_ROLES as readonly string[]).includes(v);
}
