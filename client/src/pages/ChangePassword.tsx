import { useRef, useState } from 'preact/hooks';
import { PasswordField } from '../components/Field';
import { RequireSession } from '../components/RequireSession';
import { Status, type StatusMessage } from '../components/Status';
import { ApiError, apiPost, errorMessage } from '../lib/api';
import { setFlash } from '../lib/flash';
import { checkNewPassword } from '../lib/password';
import { navigate, usePageTitle } from '../lib/router';
import { setAccount } from '../lib/session';
import {
  MIN_PASSWORD_LENGTH,
  type Account,
  type AccountResponse,
  type ChangePasswordRequest,
} from '../types';

interface Errors {
  currentPassword?: string | undefined;
  newPassword?: string | undefined;
  confirm?: string | undefined;
}

function ChangePasswordForm({ account }: { account: Account }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };

  function focusFirst(found: Errors) {
    const first = (['currentPassword', 'newPassword', 'confirm'] as const).find(
      (key) => found[key],
    );
    if (first) refs[first].current?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {
      currentPassword: currentPassword ? undefined : 'Vui lòng nhập mật khẩu hiện tại.',
      newPassword:
        checkNewPassword(newPassword) ??
        (newPassword === currentPassword ? 'Mật khẩu mới phải khác mật khẩu hiện tại.' : undefined),
      confirm: !confirm
        ? 'Vui lòng nhập lại mật khẩu mới.'
        : confirm !== newPassword
          ? 'Hai mật khẩu mới không giống nhau.'
          : undefined,
    };
    setErrors(found);
    if (found.currentPassword || found.newPassword || found.confirm) {
      setStatus({ kind: 'error', text: 'Vui lòng sửa các lỗi bên dưới.' });
      focusFirst(found);
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang đổi mật khẩu…' });
    try {
      const { account: updated } = await apiPost<AccountResponse>('/auth/change-password', {
        currentPassword,
        newPassword,
      } satisfies ChangePasswordRequest);
      setFlash('Đã đổi mật khẩu thành công.');
      setAccount(updated);
      navigate('/quan-tri', { replace: true });
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) {
        const fromServer: Errors = {
          currentPassword: error.fieldMessage('currentPassword'),
          newPassword: error.fieldMessage('newPassword'),
        };
        setErrors(fromServer);
        focusFirst(fromServer);
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <>
      {account.mustChangePassword && (
        <p class="notice">
          Đây là lần đăng nhập đầu tiên hoặc mật khẩu của bạn vừa được quản trị viên đặt lại. Vui
          lòng đặt mật khẩu mới của riêng bạn để tiếp tục.
        </p>
      )}
      <Status message={status} />
      <form
        class="card form"
        onSubmit={(event) => {
          void submit(event);
        }}
        noValidate
      >
        {/* Lets password managers save the new password for the right account. */}
        <input
          type="text"
          name="username"
          value={account.username}
          autoComplete="username"
          hidden
          readOnly
        />
        <PasswordField
          label="Mật khẩu hiện tại"
          name="currentPassword"
          value={currentPassword}
          onInput={setCurrentPassword}
          error={errors.currentPassword}
          autoComplete="current-password"
          required
          inputRef={refs.currentPassword}
        />
        <PasswordField
          label="Mật khẩu mới"
          name="newPassword"
          value={newPassword}
          onInput={setNewPassword}
          error={errors.newPassword}
          hint={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự. Nên dùng một cụm từ dễ nhớ với bạn nhưng khó đoán với người khác.`}
          autoComplete="new-password"
          required
          inputRef={refs.newPassword}
        />
        <PasswordField
          label="Nhập lại mật khẩu mới"
          name="confirm"
          value={confirm}
          onInput={setConfirm}
          error={errors.confirm}
          autoComplete="new-password"
          required
          inputRef={refs.confirm}
        />
        <button type="submit" class="button button--wide" aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Đang đổi mật khẩu…' : 'Đổi mật khẩu'}
        </button>
      </form>
      {!account.mustChangePassword && (
        <p>
          <a href="/quan-tri">Quay lại trang quản trị</a>
        </p>
      )}
    </>
  );
}

export default function ChangePassword() {
  usePageTitle('Đổi mật khẩu');
  return (
    <div class="container page page--narrow">
      <h1>Đổi mật khẩu</h1>
      <RequireSession allowPasswordChange>
        {(account) => <ChangePasswordForm account={account} />}
      </RequireSession>
    </div>
  );
}
