// Pieces shared by the question-bank pages: paths, loading, breadcrumbs, confirmation dialog.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Lazy';
import { Status, type StatusMessage } from '../../components/Status';
import { ApiError, errorMessage } from '../../lib/api';
import { usePageTitle } from '../../lib/router';
import { OPTION_LETTERS } from '../../types';

export const BANKS_PATH = '/quan-tri/ngan-hang';

export const bankHref = (bankId: string) => `${BANKS_PATH}/${encodeURIComponent(bankId)}`;
export const importHref = (bankId: string) => `${bankHref(bankId)}/nhap`;
export const newQuestionHref = (bankId: string) => `${bankHref(bankId)}/cau-hoi/moi`;
export const questionHref = (questionId: string) =>
  `/quan-tri/cau-hoi/${encodeURIComponent(questionId)}`;
export const bankApi = (bankId: string) => `/banks/${encodeURIComponent(bankId)}`;
export const questionApi = (questionId: string) => `/questions/${encodeURIComponent(questionId)}`;

/** "A", "B"… for an option index. */
export const letter = (index: number) => OPTION_LETTERS[index] ?? String(index + 1);

/** The first `max` characters of a text, on a word boundary, with an ellipsis. */
export function truncate(text: string, max = 140): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

// The question list's address (search, filters, page) per bank, so that "back to the bank"
// from the editor returns to the same results.
const lastListAddress = new Map<string, string>();

export function rememberListAddress(bankId: string, address: string): void {
  lastListAddress.set(bankId, address);
}

export function bankListAddress(bankId: string): string {
  return lastListAddress.get(bankId) ?? bankHref(bankId);
}

export interface Loaded<T> {
  data: T | null;
  /** `data` was loaded for an earlier key: the new one is on its way. */
  stale: boolean;
  error: ApiError | null;
  reload: () => void;
  setData: (data: T) => void;
}

/** Loads something when `key` changes; keeps the last data (marked stale) while reloading. */
export function useLoaded<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<{ key: string; value: T } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load().then(
      (value) => {
        if (live) setLoaded({ key, value });
      },
      (caught: unknown) => {
        if (!live) return;
        setError(
          caught instanceof ApiError ? caught : new ApiError(0, 'UNKNOWN', errorMessage(caught)),
        );
      },
    );
    return () => {
      live = false;
    };
    // `load` is a new closure each render; `key` says what it loads.
  }, [key, attempt]);
  return {
    data: loaded?.value ?? null,
    stale: loaded !== null && loaded.key !== key,
    error,
    reload: () => {
      setAttempt((n) => n + 1);
    },
    setData: (value) => {
      setLoaded({ key, value });
    },
  };
}

/** A page that could not be loaded: not found, or a network problem with "Thử lại". */
export function LoadFailed({
  title,
  error,
  onRetry,
  back,
}: {
  title: string;
  error: ApiError;
  onRetry: () => void;
  back?: { href: string; label: string };
}) {
  const notFound = error.status === 404 || error.status === 400;
  usePageTitle(notFound ? `Không tìm thấy ${title.toLowerCase()}` : title);
  return (
    <>
      <h1>{notFound ? `Không tìm thấy ${title.toLowerCase()}` : title}</h1>
      <p role="alert" class="status status--error">
        {notFound
          ? `${error.message} Có thể mục này đã bị xóa hoặc đường dẫn không đúng.`
          : error.message}
      </p>
      <div class="actions">
        {!notFound && (
          <button type="button" class="button" onClick={onRetry}>
            Thử lại
          </button>
        )}
        <a href={back?.href ?? BANKS_PATH} class="button button--secondary">
          {back?.label ?? 'Về danh sách ngân hàng câu hỏi'}
        </a>
      </div>
    </>
  );
}

export function PageLoading({ title, text }: { title: string; text: string }) {
  usePageTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <Loading text={text} />
    </>
  );
}

export interface Crumb {
  href?: string;
  label: string;
}

/** "Ngân hàng câu hỏi › Tên ngân hàng › Nhập câu hỏi"; the last one is the current page. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Đường dẫn" class="breadcrumbs">
      <ol>
        {items.map((item, index) => (
          <li key={index}>
            {item.href && index < items.length - 1 ? (
              <a href={item.href}>{item.label}</a>
            ) : (
              <span aria-current={index === items.length - 1 ? 'page' : undefined}>
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * A modal confirmation for something that cannot be undone. With `typeToConfirm`, the button
 * only works once that exact text has been typed (deleting a whole bank).
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busyText,
  typeToConfirm,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  busyText: string;
  typeToConfirm?: string;
  /** Resolves when done (the dialog is then left to the caller); rejects with the error. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | undefined>();
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function confirm(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (typeToConfirm !== undefined && typed.trim() !== typeToConfirm.trim()) {
      const message = typed.trim()
        ? 'Tên bạn gõ chưa khớp. Hãy gõ đúng tên, kể cả dấu.'
        : 'Hãy gõ tên để xác nhận.';
      setTypedError(message);
      setStatus({ kind: 'error', text: message });
      return;
    }
    setTypedError(undefined);
    setBusy(true);
    setStatus({ kind: 'info', text: busyText });
    try {
      await onConfirm();
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
      setBusy(false);
    }
  }

  return (
    <dialog ref={dialogRef} class="dialog" aria-labelledby={titleId} onClose={onClose}>
      <div class="dialog__header">
        <h2 id={titleId}>{title}</h2>
      </div>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          void confirm(event);
        }}
      >
        <div>{children}</div>
        {typeToConfirm !== undefined && (
          <Field
            label="Gõ tên để xác nhận"
            name="confirm"
            value={typed}
            onInput={setTyped}
            error={typedError}
            hint={
              <>
                Gõ chính xác: <strong class="verbatim">{typeToConfirm}</strong>
              </>
            }
            autoComplete="off"
          />
        )}
        <Status message={status} />
        <div class="form__actions">
          <button
            type="submit"
            class="button button--danger"
            aria-disabled={busy ? 'true' : undefined}
          >
            {confirmLabel}
          </button>
          <button
            type="button"
            class="button button--secondary"
            onClick={() => dialogRef.current?.close()}
          >
            Hủy
          </button>
        </div>
      </form>
    </dialog>
  );
}
