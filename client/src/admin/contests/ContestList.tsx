// The contests (/quan-tri/hoi-thi): the list, the sample contest's delete button, a new contest.
import type { Ref } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ContestView } from '../../../../src/shared/rounds';
import { CheckboxField, Field, TextAreaField } from '../../components/Field';
import { Loading } from '../../components/Lazy';
import { Status, useFlashStatus, type StatusMessage } from '../../components/Status';
import { ApiError, apiDelete, apiGet, apiPost, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatDate } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import { ConfirmDialog, useLoaded } from '../banks/shared';
import { contestApi, contestHref } from './shared';

export interface ContestInput {
  name: string;
  description: string;
  requiresCccd: boolean;
}

export interface ContestErrors {
  name?: string | undefined;
  description?: string | undefined;
}

/** The name, description and CCCD question of a contest; used to create and to edit. */
export function ContestFields({
  value,
  onChange,
  errors,
  nameRef,
}: {
  value: ContestInput;
  onChange: (value: ContestInput) => void;
  errors: ContestErrors;
  nameRef?: Ref<HTMLInputElement>;
}) {
  return (
    <>
      <Field
        label="Tên hội thi"
        name="name"
        value={value.name}
        onInput={(name) => {
          onChange({ ...value, name });
        }}
        error={errors.name}
        hint="Ví dụ: Hội thi tìm hiểu về cải cách hành chính phường Thuận Hóa năm 2026."
        maxLength={200}
        required
        autoComplete="off"
        inputRef={nameRef}
      />
      <TextAreaField
        label="Mô tả, thể lệ tóm tắt (không bắt buộc)"
        name="description"
        value={value.description}
        onInput={(description) => {
          onChange({ ...value, description });
        }}
        error={errors.description}
        maxLength={5000}
        rows={3}
      />
      <CheckboxField
        label="Người dự thi phải nhập số căn cước công dân (CCCD) khi đăng ký"
        name="requiresCccd"
        checked={value.requiresCccd}
        onChange={(requiresCccd) => {
          onChange({ ...value, requiresCccd });
        }}
        hint="Giúp phát hiện một người đăng ký nhiều lần. Chỉ bật khi thể lệ yêu cầu: CCCD là dữ liệu cá nhân cần bảo vệ."
      />
    </>
  );
}

/** Field errors of a contest from the server's answer. */
export function contestErrors(error: unknown): ContestErrors {
  if (!(error instanceof ApiError)) return {};
  return { name: error.fieldMessage('name'), description: error.fieldMessage('description') };
}

function CreateContestForm() {
  const [value, setValue] = useState<ContestInput>({
    name: '',
    description: '',
    requiresCccd: false,
  });
  const [errors, setErrors] = useState<ContestErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const request: ContestInput = {
      name: value.name.trim(),
      description: value.description.trim(),
      requiresCccd: value.requiresCccd,
    };
    if (!request.name) {
      setErrors({ name: 'Vui lòng nhập tên hội thi.' });
      setStatus({ kind: 'error', text: 'Chưa tạo được hội thi. Vui lòng nhập tên.' });
      nameRef.current?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang tạo hội thi…' });
    try {
      const contest = await apiPost<ContestView>('/contests', request);
      setFlash(`Đã tạo hội thi “${contest.name}”. Hãy tạo vòng thi đầu tiên.`);
      navigate(contestHref(contest.id));
    } catch (error) {
      const found = contestErrors(error);
      setErrors(found);
      if (found.name) nameRef.current?.focus();
      setStatus({ kind: 'error', text: errorMessage(error) });
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tao-hoi-thi" class="card">
      <h2 id="tao-hoi-thi">Tạo hội thi</h2>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <ContestFields value={value} onChange={setValue} errors={errors} nameRef={nameRef} />
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Tạo hội thi
          </button>
        </div>
        <Status message={status} />
      </form>
    </section>
  );
}

function ContestRow({
  contest,
  onDelete,
}: {
  contest: ContestView;
  onDelete: (contest: ContestView, button: HTMLButtonElement) => void;
}) {
  return (
    <tr>
      <th scope="row" data-label="Tên hội thi">
        <a href={contestHref(contest.id)}>{contest.name}</a>
        {contest.isSample && (
          <>
            {' '}
            <span class="tag tag--info" title="Hội thi mẫu đi kèm phần mềm, để thử">
              Mẫu
            </span>
          </>
        )}
      </th>
      <td data-label="Mô tả">{contest.description || <span class="muted">—</span>}</td>
      <td data-label="Yêu cầu CCCD">{contest.requiresCccd ? 'Có' : 'Không'}</td>
      <td data-label="Ngày tạo" class="nowrap">
        <time dateTime={contest.createdAt}>{formatDate(contest.createdAt)}</time>
      </td>
      <td data-label="Thao tác">
        {contest.isSample ? (
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={(event) => {
              onDelete(contest, event.currentTarget);
            }}
          >
            Xóa<span class="sr-only"> hội thi mẫu “{contest.name}”</span>
          </button>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
    </tr>
  );
}

export function ContestList() {
  usePageTitle('Hội thi');
  const [flash, setFlashStatus] = useFlashStatus();
  const contests = useLoaded('contests', () => apiGet<{ items: ContestView[] }>('/contests'));
  const [deleting, setDeleting] = useState<{
    contest: ContestView;
    button: HTMLButtonElement;
  } | null>(null);

  return (
    <>
      <h1>Hội thi</h1>
      <Status message={flash} />
      <p class="lead">
        Mỗi hội thi có nhiều vòng thi (thường mỗi tuần một vòng), mỗi vòng có giờ mở, giờ đóng và đề
        thi rút ngẫu nhiên từ ngân hàng câu hỏi. Mọi thời gian đều theo giờ Việt Nam.
      </p>

      <section aria-labelledby="danh-sach-hoi-thi">
        <h2 id="danh-sach-hoi-thi">Danh sách hội thi</h2>
        {contests.error ? (
          <>
            <p role="alert" class="status status--error">
              {contests.error.message}
            </p>
            <button type="button" class="button" onClick={contests.reload}>
              Thử lại
            </button>
          </>
        ) : contests.data === null ? (
          <Loading text="Đang tải danh sách hội thi…" />
        ) : contests.data.items.length === 0 ? (
          <p>Chưa có hội thi nào. Hãy tạo hội thi đầu tiên ở bên dưới.</p>
        ) : (
          <table class="table table--stack">
            <caption class="sr-only">Các hội thi ({contests.data.items.length} hội thi)</caption>
            <thead>
              <tr>
                <th scope="col">Tên hội thi</th>
                <th scope="col">Mô tả</th>
                <th scope="col">Yêu cầu CCCD</th>
                <th scope="col">Ngày tạo</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {contests.data.items.map((contest) => (
                <ContestRow
                  key={contest.id}
                  contest={contest}
                  onDelete={(target, button) => {
                    setDeleting({ contest: target, button });
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <CreateContestForm />

      {deleting && (
        <ConfirmDialog
          title={`Xóa hội thi mẫu “${deleting.contest.name}”?`}
          confirmLabel="Xóa hội thi mẫu"
          busyText="Đang xóa hội thi mẫu…"
          onConfirm={async () => {
            await apiDelete(contestApi(deleting.contest.id));
            setDeleting(null);
            setFlashStatus({
              kind: 'success',
              text: `Đã xóa hội thi mẫu “${deleting.contest.name}”.`,
            });
            contests.reload();
          }}
          onClose={() => {
            deleting.button.focus();
            setDeleting(null);
          }}
        >
          <p>
            Hội thi mẫu cùng các vòng thi, người dự thi và bài thi thử của nó sẽ bị xóa. Các hội thi
            khác không bị ảnh hưởng.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
