import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, PasswordField, SelectField } from '../components/Field';
import { Loading } from '../components/Lazy';
import { Status, type StatusMessage } from '../components/Status';
import { ApiError, apiGet, apiPatch, apiPost, errorMessage } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { checkNewPassword, randomPassword } from '../lib/password';
import { usePageTitle } from '../lib/router';
import { setAccount } from '../lib/session';
import {
  ROLES,
  type Account,
  type AccountListResponse,
  type AccountResponse,
  type CreateAccountRequest,
  type ResetPasswordRequest,
  type Role,
  type UpdateAccountRequest,
} from '../types';
import { ROLE_LABELS, roleLabel } from './labels';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

type CreateErrors = Partial<Record<keyof CreateAccountRequest, string | undefined>>;

function CreateAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const empty = { username: '', displayName: '', role: 'organizer' as Role, password: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<CreateErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [revealToken, setRevealToken] = useState(0);
  const refs = {
    username: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const update =
    <K extends keyof typeof form>(key: K) =>
    (value: (typeof form)[K]) => {
      setForm((current) => ({ ...current, [key]: value }));
    };

  function focusFirst(found: CreateErrors) {
    const first = (['username', 'displayName', 'password'] as const).find((key) => found[key]);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const request: CreateAccountRequest = {
      username: form.username.trim(),
      displayName: form.displayName.trim(),
      role: form.role,
      password: form.password,
    };
    const found: CreateErrors = {
      username: request.username ? undefined : 'Vui lòng nhập tên đăng nhập.',
      displayName: request.displayName ? undefined : 'Vui lòng nhập tên hiển thị.',
      password: checkNewPassword(request.password),
    };
    setErrors(found);
    if (found.username || found.displayName || found.password) {
      setStatus({ kind: 'error', text: 'Chưa tạo được tài khoản. Vui lòng sửa các lỗi bên dưới.' });
      focusFirst(found);
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang tạo tài khoản…' });
    try {
      const { account } = await apiPost<AccountResponse>('/accounts', request);
      setForm(empty);
      setStatus({
        kind: 'success',
        text: `Đã tạo tài khoản “${account.username}” (${ROLE_LABELS[account.role]}). Hãy gửi mật khẩu ban đầu cho người dùng; họ sẽ phải đổi mật khẩu ở lần đăng nhập đầu tiên.`,
      });
      onCreated(account);
    } catch (error) {
      if (error instanceof ApiError) {
        const fromServer: CreateErrors = {
          username:
            error.fieldMessage('username') ??
            (error.code === 'USERNAME_TAKEN' ? error.message : undefined),
          displayName: error.fieldMessage('displayName'),
          role: error.fieldMessage('role'),
          password: error.fieldMessage('password'),
        };
        setErrors(fromServer);
        focusFirst(fromServer);
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tao-tai-khoan" class="card">
      <h2 id="tao-tai-khoan">Tạo tài khoản</h2>
      <form
        class="form form--grid"
        onSubmit={(event) => {
          void submit(event);
        }}
        noValidate
      >
        <Field
          label="Tên đăng nhập"
          name="username"
          value={form.username}
          onInput={update('username')}
          error={errors.username}
          hint="Viết liền, không dấu, ví dụ: nguyenvanan."
          autoComplete="off"
          verbatim
          required
          inputRef={refs.username}
        />
        <Field
          label="Tên hiển thị"
          name="displayName"
          value={form.displayName}
          onInput={update('displayName')}
          error={errors.displayName}
          hint="Họ tên đầy đủ, có dấu, ví dụ: Nguyễn Văn An."
          autoComplete="off"
          required
          inputRef={refs.displayName}
        />
        <SelectField
          label="Vai trò"
          name="role"
          value={form.role}
          options={ROLE_OPTIONS}
          onChange={update('role')}
          error={errors.role}
          hint="Quản trị viên quản lý tài khoản; ban tổ chức quản lý hội thi; người dẫn chương trình điều khiển chung kết."
        />
        <div class="field-group">
          <PasswordField
            label="Mật khẩu ban đầu"
            name="password"
            value={form.password}
            onInput={update('password')}
            error={errors.password}
            hint="Ít nhất 10 ký tự. Người dùng sẽ phải đổi mật khẩu khi đăng nhập lần đầu."
            autoComplete="new-password"
            required
            inputRef={refs.password}
            revealToken={revealToken}
          />
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              update('password')(randomPassword());
              setRevealToken((token) => token + 1);
            }}
          >
            Tạo mật khẩu ngẫu nhiên
          </button>
        </div>
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Tạo tài khoản
          </button>
        </div>
        {/* Next to the button, where the eye is after pressing it. */}
        <div class="form__status">
          <Status message={status} />
        </div>
      </form>
    </section>
  );
}

function ManageDialog({
  account,
  me,
  onUpdated,
  onClose,
}: {
  account: Account;
  me: Account;
  onUpdated: (account: Account) => void;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [displayName, setDisplayName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [password, setPassword] = useState('');
  const [revealToken, setRevealToken] = useState(0);
  const [errors, setErrors] = useState<{ displayName?: string; role?: string; password?: string }>(
    {},
  );
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const isMe = account.id === me.id;
  const titleId = `quan-ly-${account.id}`;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function run(
    working: string,
    call: () => Promise<AccountResponse>,
    done: (account: Account) => string,
  ) {
    if (busy) return;
    setBusy(true);
    setStatus({ kind: 'info', text: working });
    try {
      const { account: updated } = await call();
      onUpdated(updated);
      setStatus({ kind: 'success', text: done(updated) });
      return true;
    } catch (error) {
      if (error instanceof ApiError) {
        const found: typeof errors = {};
        for (const key of ['displayName', 'role', 'password'] as const) {
          const message = error.fieldMessage(key);
          if (message) found[key] = message;
        }
        setErrors(found);
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  function saveDetails(event: Event) {
    event.preventDefault();
    const patch: UpdateAccountRequest = {};
    if (displayName.trim() !== account.displayName) patch.displayName = displayName.trim();
    if (role !== account.role) patch.role = role;
    if (!displayName.trim()) {
      setErrors({ displayName: 'Vui lòng nhập tên hiển thị.' });
      setStatus({ kind: 'error', text: 'Vui lòng nhập tên hiển thị.' });
      return;
    }
    setErrors({});
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'info', text: 'Không có thay đổi nào để lưu.' });
      return;
    }
    void run(
      'Đang lưu thay đổi…',
      () => apiPatch<AccountResponse>(`/accounts/${encodeURIComponent(account.id)}`, patch),
      () => 'Đã lưu thay đổi.',
    );
  }

  function toggleDisabled() {
    const disabled = !account.disabled;
    void run(
      disabled ? 'Đang khóa tài khoản…' : 'Đang mở khóa tài khoản…',
      () =>
        apiPatch<AccountResponse>(`/accounts/${encodeURIComponent(account.id)}`, {
          disabled,
        } satisfies UpdateAccountRequest),
      (updated) =>
        updated.disabled
          ? `Đã khóa tài khoản “${updated.username}”. Người này không thể đăng nhập.`
          : `Đã mở khóa tài khoản “${updated.username}”.`,
    );
  }

  function resetPassword(event: Event) {
    event.preventDefault();
    const problem = checkNewPassword(password);
    if (problem) {
      setErrors({ password: problem });
      setStatus({ kind: 'error', text: problem });
      return;
    }
    setErrors({});
    void run(
      'Đang đặt lại mật khẩu…',
      () =>
        apiPost<AccountResponse>(`/accounts/${encodeURIComponent(account.id)}/reset-password`, {
          password,
        } satisfies ResetPasswordRequest),
      (updated) =>
        updated.mustChangePassword
          ? 'Đã đặt lại mật khẩu. Hãy gửi mật khẩu tạm thời cho người dùng; họ sẽ phải đổi mật khẩu khi đăng nhập.'
          : 'Đã đặt lại mật khẩu.',
    ).then((ok) => {
      if (ok) setPassword('');
    });
  }

  return (
    <dialog ref={dialogRef} class="dialog" aria-labelledby={titleId} onClose={onClose}>
      <div class="dialog__header">
        <h2 id={titleId}>Quản lý tài khoản “{account.username}”</h2>
        <button
          type="button"
          class="button button--secondary"
          onClick={() => dialogRef.current?.close()}
        >
          Đóng
        </button>
      </div>
      <Status message={status} />

      <form class="form" onSubmit={saveDetails} noValidate>
        <h3>Thông tin</h3>
        <Field
          label="Tên hiển thị"
          name="displayName"
          value={displayName}
          onInput={setDisplayName}
          error={errors.displayName}
          autoComplete="off"
          required
        />
        <SelectField
          label="Vai trò"
          name="role"
          value={role}
          options={ROLE_OPTIONS}
          onChange={setRole}
          error={errors.role}
          disabled={isMe}
          hint={isMe ? 'Bạn không thể tự đổi vai trò của chính mình.' : undefined}
        />
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Lưu thay đổi
          </button>
        </div>
      </form>

      <div class="dialog__section">
        <h3>Trạng thái</h3>
        <p>
          {account.disabled
            ? 'Tài khoản đang bị khóa: người này không thể đăng nhập.'
            : 'Tài khoản đang hoạt động.'}
        </p>
        {isMe ? (
          <p class="muted">Bạn không thể tự khóa tài khoản của chính mình.</p>
        ) : (
          <button
            type="button"
            class={account.disabled ? 'button' : 'button button--danger'}
            onClick={toggleDisabled}
            aria-disabled={busy ? 'true' : undefined}
          >
            {account.disabled ? 'Mở khóa tài khoản' : 'Khóa tài khoản'}
          </button>
        )}
      </div>

      <form class="form dialog__section" onSubmit={resetPassword} noValidate>
        <h3>Đặt lại mật khẩu</h3>
        <div class="field-group">
          <PasswordField
            label="Mật khẩu tạm thời"
            name="password"
            value={password}
            onInput={setPassword}
            error={errors.password}
            hint="Ít nhất 10 ký tự. Người dùng sẽ phải đổi mật khẩu khi đăng nhập."
            autoComplete="new-password"
            required
            revealToken={revealToken}
          />
          <button
            type="button"
            class="button button--secondary"
            onClick={() => {
              setPassword(randomPassword());
              setRevealToken((token) => token + 1);
            }}
          >
            Tạo mật khẩu ngẫu nhiên
          </button>
        </div>
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Đặt lại mật khẩu
          </button>
        </div>
      </form>
    </dialog>
  );
}

function AccountRow({
  account,
  me,
  onManage,
}: {
  account: Account;
  me: Account;
  onManage: () => void;
}) {
  return (
    <tr>
      <th scope="row" data-label="Tên đăng nhập">
        {account.username}
        {account.id === me.id && <span class="muted"> (bạn)</span>}
      </th>
      <td data-label="Tên hiển thị">{account.displayName}</td>
      <td data-label="Vai trò">{roleLabel(account.role)}</td>
      <td data-label="Trạng thái">
        {account.disabled ? (
          <span class="tag tag--danger">Đã khóa</span>
        ) : account.mustChangePassword ? (
          <span class="tag tag--warning">Chờ đổi mật khẩu</span>
        ) : (
          <span class="tag tag--ok">Đang hoạt động</span>
        )}
      </td>
      <td data-label="Đăng nhập gần nhất">
        {account.lastLoginAt ? (
          <time dateTime={account.lastLoginAt}>{formatDateTime(account.lastLoginAt)}</time>
        ) : (
          'Chưa đăng nhập'
        )}
      </td>
      <td>
        <button type="button" class="button button--secondary button--small" onClick={onManage}>
          Quản lý<span class="sr-only"> tài khoản {account.username}</span>
        </button>
      </td>
    </tr>
  );
}

export function Accounts({ me }: { me: Account }) {
  usePageTitle('Tài khoản');
  const [items, setItems] = useState<Account[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [managing, setManaging] = useState<string | null>(null);

  function load() {
    setLoadError(null);
    apiGet<AccountListResponse>('/accounts').then(
      (response) => {
        setItems(response.items);
      },
      (error: unknown) => {
        setLoadError(errorMessage(error));
      },
    );
  }
  useEffect(load, []);

  function upsert(account: Account) {
    if (account.id === me.id) setAccount(account);
    setItems((current) => {
      const list = current ?? [];
      return list.some((item) => item.id === account.id)
        ? list.map((item) => (item.id === account.id ? account : item))
        : [...list, account];
    });
  }

  const managed = items?.find((item) => item.id === managing) ?? null;

  return (
    <>
      <h1>Tài khoản</h1>
      <p>
        Tài khoản dành cho quản trị viên, ban tổ chức và người dẫn chương trình. Người dự thi không
        cần tài khoản.
      </p>

      <section aria-labelledby="danh-sach" class="card">
        <h2 id="danh-sach">Danh sách tài khoản</h2>
        {loadError ? (
          <>
            <p role="alert" class="status status--error">
              {loadError}
            </p>
            <button type="button" class="button" onClick={load}>
              Thử lại
            </button>
          </>
        ) : items === null ? (
          <Loading text="Đang tải danh sách tài khoản…" />
        ) : items.length === 0 ? (
          <p>Chưa có tài khoản nào.</p>
        ) : (
          <table class="table table--stack">
            <caption class="sr-only">Danh sách tài khoản ({items.length})</caption>
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Tên hiển thị</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Đăng nhập gần nhất</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {items.map((account) => (
                <AccountRow
                  key={account.id}
                  account={account}
                  me={me}
                  onManage={() => {
                    setManaging(account.id);
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <CreateAccountForm onCreated={upsert} />

      {managed && (
        <ManageDialog
          key={managed.id}
          account={managed}
          me={me}
          onUpdated={upsert}
          onClose={() => {
            setManaging(null);
          }}
        />
      )}
    </>
  );
}
