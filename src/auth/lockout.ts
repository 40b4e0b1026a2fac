/**
 * Sign-in lock-out rules, pure. After `maxFailures` wrong passwords in a row an account is locked
 * for `lockMinutes`; a success resets the count. Combined with the per-address throttle on the
 * sign-in route, this stops password guessing against one account from many addresses.
 */
export interface LockoutPolicy {
  maxFailures: number;
  lockMinutes: number;
}

export interface LockoutState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more wrong password. */
export function afterFailure(state: LockoutState, policy: LockoutPolicy, now: Date): LockoutState {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil && !isLocked(state, now) ? 0 : state.failedLoginCount;
  const failedLoginCount = previous + 1;
  if (failedLoginCount >= policy.maxFailures) {
    return { failedLoginCount, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedLoginCount, lockedUntil: null };
}

export function afterSuccess(): LockoutState {
  return { failedLoginCount: 0, lockedUntil: null };
}
