// Who is signed in, shared by every organizer page. Loaded lazily: participant pages never
// ask the server about a session.
import { useEffect, useState } from 'preact/hooks';
import type { Account, AccountResponse } from '../types';
import { ApiError, apiGet, apiPost, onApiError } from './api';
import { navigate } from './router';

export type SessionState =
  | { status: 'unknown' }
  | { status: 'loading' }
  | { status: 'signed-in'; account: Account }
  | { status: 'signed-out' }
  | { status: 'error'; error: ApiError };

let state: SessionState = { status: 'unknown' };
let inFlight: Promise<void> | null = null;
const subscribers = new Set<(state: SessionState) => void>();

function set(next: SessionState): void {
  state = next;
  for (const subscriber of subscribers) subscriber(state);
}

export function getSession(): SessionState {
  return state;
}

export function setAccount(account: Account): void {
  set({ status: 'signed-in', account });
}

export function setSignedOut(): void {
  set({ status: 'signed-out' });
}

/** Asks the server who is signed in, unless it is known already (or `force`). */
export function loadSession(force = false): Promise<void> {
  if (!force && (state.status === 'signed-in' || state.status === 'signed-out')) {
    return Promise.resolve();
  }
  inFlight ??= (async () => {
    set({ status: 'loading' });
    try {
      const { account } = await apiGet<AccountResponse>('/auth/me');
      setAccount(account);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setSignedOut();
      else if (error instanceof ApiError) set({ status: 'error', error });
      else throw error;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

export async function logout(): Promise<void> {
  try {
    await apiPost<undefined>('/auth/logout');
  } finally {
    setSignedOut();
  }
}

export function useSession(): SessionState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    subscribers.add(setCurrent);
    setCurrent(state);
    return () => void subscribers.delete(setCurrent);
  }, []);
  return current;
}

// The server refuses organizer calls until a first or reset password is changed, and any
// call can find the session expired: react to both wherever they happen.
onApiError((error) => {
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') {
    if (state.status === 'signed-in' && !state.account.mustChangePassword) {
      setAccount({ ...state.account, mustChangePassword: true });
    }
    if (window.location.pathname !== '/doi-mat-khau') navigate('/doi-mat-khau', { replace: true });
  } else if (error.code === 'UNAUTHENTICATED') {
    if (state.status === 'signed-in') setSignedOut();
  }
});

/** Where the sign-in page sends someone back to; only organizer pages are allowed. */
export function safeNext(next: string | null): string {
  return next && /^\/quan-tri(\/|$|\?)/.test(next) ? next : '/quan-tri';
}
