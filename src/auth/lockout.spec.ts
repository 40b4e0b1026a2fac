import { afterFailure, afterSuccess, isLocked, LockoutPolicy, LockoutState } from './lockout';

const policy: LockoutPolicy = { maxFailures: 3, lockMinutes: 15 };
const t0 = new Date('2026-11-26T08:00:00Z');
const fresh: LockoutState = { failedLoginCount: 0, lockedUntil: null };

describe('sign-in lock-out', () => {
  it('does not lock before the limit is reached', () => {
    const s = afterFailure(afterFailure(fresh, policy, t0), policy, t0);
    expect(s).toEqual({ failedLoginCount: 2, lockedUntil: null });
    expect(isLocked(s, t0)).toBe(false);
  });

  it('locks for the configured minutes on the last allowed failure', () => {
    let s = fresh;
    for (let i = 0; i < 3; i++) s = afterFailure(s, policy, t0);
    expect(s.lockedUntil?.toISOString()).toBe('2026-11-26T08:15:00.000Z');
    expect(isLocked(s, new Date('2026-11-26T08:14:59Z'))).toBe(true);
    expect(isLocked(s, new Date('2026-11-26T08:15:00Z'))).toBe(false);
  });

  it('starts counting afresh once a lock has expired', () => {
    const locked: LockoutState = {
      failedLoginCount: 3,
      lockedUntil: new Date('2026-11-26T08:15:00Z'),
    };
    const s = afterFailure(locked, policy, new Date('2026-11-26T09:00:00Z'));
    expect(s).toEqual({ failedLoginCount: 1, lockedUntil: null });
  });

  it('resets the count after a successful sign-in', () => {
    expect(afterSuccess()).toEqual({ failedLoginCount: 0, lockedUntil: null });
  });
});
