import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, PasswordField } from '../components/Field';
import { Status, useFlashStatus } from '../components/Status';
import { ApiError, apiPost, errorMessage } from '../lib/api';
import { navigate, useLocation, usePageTitle } from '../lib/router';
import { getSession, safeNext, setAccount } from '../lib/session';
import type { AccountResponse, LoginRequest } from '../types';

type Errors = Partial<Record<keyof LoginRequest, string>>;

export default function Login() {
  usePageTitle('Đăng nhập');
  const { query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useFlashStatus();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // Already signed in during this visit (browser back button): no need to sign in again.
  useEffect(() => {
    const session = getSession();
    if (session.status === 'signed-in' && !session.account.mustChangePassword) {
      navigate(safeNext(query.get('next')), { replace: true });
    }
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {};
    if (!username.trim()) found.username = 'Vui lòng nhập tên đăng nhập.';
    if (!password) found.password = 'Vui lòng nhập mật khẩu.';
    setErrors(found);
    if (found.username || found.password) {
      setStatus({ kind: 'error', text: 'Vui lòng điền đủ tên đăng nhập và mật khẩu.' });
      (found.username ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang đăng nhập…' });
    try {
      const { account } = await apiPost<AccountResponse>('/auth/login', {
        username: username.trim(),
        password,
      } satisfies LoginRequest);
      setAccount(account);
      navigate(account.mustChangePassword ? '/doi-mat-khau' : safeNext(query.get('next')), {
        replace: true,
      });
    } catch (error) {
      setBusy(false);
      setPassword('');
      if (error instanceof ApiError) {
        setErrors({
          username: error.fieldMessage('username'),
          password: error.fieldMessage('password'),
        });
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
      passwordRef.current?.focus();
    }
  }

  return (
    <div class="container page page--narrow">
      <h1>Đăng nhập dành cho ban tổ chức</h1>
      <p>
        Trang này dành cho quản trị viên, ban tổ chức và người dẫn chương trình. Người dự thi không
        cần đăng nhập ở đây.
      </p>
      <Status message={status} />
      <form
        class="card form"
        onSubmit={(event) => {
          void submit(event);
        }}
        noValidate
      >
        <Field
          label="Tên đăng nhập"
          name="username"
          value={username}
          onInput={setUsername}
          error={errors.username}
          autoComplete="username"
          verbatim
          required
          inputRef={usernameRef}
        />
        <PasswordField
          label="Mật khẩu"
          name="password"
          value={password}
          onInput={setPassword}
          error={errors.password}
          autoComplete="current-password"
          required
          inputRef={passwordRef}
        />
        <button type="submit" class="button button--wide" aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
      <p class="muted">
        Quên mật khẩu? Vui lòng liên hệ quản trị viên của hội thi để được đặt lại mật khẩu.
      </p>
    </div>
  );
}
