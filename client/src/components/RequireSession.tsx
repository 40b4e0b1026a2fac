import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { navigate } from '../lib/router';
import { loadSession, useSession } from '../lib/session';
import type { Account } from '../types';
import { Loading } from './Lazy';

/**
 * Renders its children with the signed-in account; sends everyone else to the sign-in page,
 * and someone who must change their password to /doi-mat-khau (unless `allowPasswordChange`).
 */
export function RequireSession({
  children,
  allowPasswordChange = false,
}: {
  children: (account: Account) => ComponentChildren;
  allowPasswordChange?: boolean;
}) {
  const session = useSession();

  useEffect(() => {
    void loadSession();
  }, []);

  const mustChange = session.status === 'signed-in' && session.account.mustChangePassword;
  useEffect(() => {
    if (session.status === 'signed-out') {
      const here = window.location.pathname + window.location.search;
      navigate(`/dang-nhap?next=${encodeURIComponent(here)}`, { replace: true });
    } else if (mustChange && !allowPasswordChange) {
      navigate('/doi-mat-khau', { replace: true });
    }
  }, [session.status, mustChange, allowPasswordChange]);

  if (session.status === 'error') {
    return (
      <div class="container page">
        <h1>Không kiểm tra được phiên đăng nhập</h1>
        <p role="alert">{session.error.message}</p>
        <button type="button" class="button" onClick={() => void loadSession(true)}>
          Thử lại
        </button>
      </div>
    );
  }
  if (session.status !== 'signed-in' || (mustChange && !allowPasswordChange)) {
    return <Loading text="Đang kiểm tra phiên đăng nhập…" />;
  }
  return <>{children(session.account)}</>;
}
