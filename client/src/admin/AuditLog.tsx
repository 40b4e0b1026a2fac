import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../components/Field';
import { Loading } from '../components/Lazy';
import { apiGet, errorMessage } from '../lib/api';
import { formatDateTime, formatNumber } from '../lib/format';
import { navigate, useLocation, usePageTitle } from '../lib/router';
import type { Account, AccountListResponse, AuditEntry, Page } from '../types';
import {
  AUDIENCE_LABELS,
  AUDIT_ACTION_LABELS,
  auditActionLabel,
  DIFFICULTY_LABELS,
  entityLabel,
  enumLabel,
  fieldLabel,
  QUESTION_STATUS_LABELS,
  QUESTION_TYPE_LABELS,
  roleLabel,
} from './labels';

const PAGE_SIZE = 50;
const BASE = '/quan-tri/nhat-ky';

const ACTION_OPTIONS = [
  { value: '', label: 'Tất cả hành động' },
  ...Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
];

function href(params: { page: number; action: string; actorId: string }): string {
  const query = new URLSearchParams();
  if (params.action) query.set('action', params.action);
  if (params.actorId) query.set('actorId', params.actorId);
  if (params.page > 1) query.set('page', String(params.page));
  const text = query.toString();
  return text ? `${BASE}?${text}` : BASE;
}

/** Vietnamese labels of enum values, by the field they appear in. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  type: QUESTION_TYPE_LABELS,
  difficulty: DIFFICULTY_LABELS,
  audience: AUDIENCE_LABELS,
  status: QUESTION_STATUS_LABELS,
};

const LETTERS = 'ABCDEF';

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (field === 'role' && typeof value === 'string') return roleLabel(value);
  const labels = VALUE_LABELS[field];
  if (labels && typeof value === 'string') return enumLabel(labels, value);
  if (field === 'correct' && Array.isArray(value)) {
    return value
      .map((index) => (typeof index === 'number' ? LETTERS.charAt(index) : '?'))
      .join(', ');
  }
  if (field === 'options' && Array.isArray(value)) {
    return value.map((option, index) => `${LETTERS.charAt(index)}. ${String(option)}`).join(' · ');
  }
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(trống)';
  if (field === 'source' && typeof value === 'object') {
    const source = value as { document?: unknown; article?: unknown };
    return (
      [source.article, source.document]
        .filter((part) => typeof part === 'string' && part)
        .join(', ') || '(trống)'
    );
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function Changes({ entry }: { entry: AuditEntry }) {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed =
    entry.before && entry.after
      ? fields.filter((field) => !same(before[field], after[field]))
      : fields;
  if (changed.length === 0) return <p class="muted">Không có thay đổi về dữ liệu.</p>;
  return (
    <table class="table table--compact diff">
      <caption class="sr-only">Thay đổi</caption>
      <thead>
        <tr>
          <th scope="col">Trường</th>
          <th scope="col">Trước</th>
          <th scope="col">Sau</th>
        </tr>
      </thead>
      <tbody>
        {changed.map((field) => (
          <tr key={field}>
            <th scope="row">{fieldLabel(field)}</th>
            <td class="diff__before">{entry.before ? formatValue(field, before[field]) : '—'}</td>
            <td class="diff__after">{entry.after ? formatValue(field, after[field]) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The name of what an entry is about, when the entry tells it. */
function targetName(entry: AuditEntry, usernames: Map<string, string>): string | undefined {
  if (entry.entityType === 'account') {
    return entry.entityId ? usernames.get(entry.entityId) : undefined;
  }
  const data = { ...entry.before, ...entry.after };
  for (const key of ['name', 'bank', 'code', 'text']) {
    const value = data[key];
    if (typeof value === 'string' && value) {
      return value.length > 60 ? `${value.slice(0, 59)}…` : value;
    }
  }
  return undefined;
}

function EntryRow({ entry, usernames }: { entry: AuditEntry; usernames: Map<string, string> }) {
  const target = targetName(entry, usernames);
  return (
    <tr>
      <td data-label="Thời gian" class="nowrap">
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      </td>
      <td data-label="Người thực hiện">
        {entry.actor ? (
          entry.actor.username
        ) : (
          // Nobody signed in did it: the server itself (the sample bank loaded at start-up).
          <span class="muted">Hệ thống</span>
        )}
        {entry.ip && (
          <>
            <br />
            <span class="muted small">IP {entry.ip}</span>
          </>
        )}
      </td>
      <td data-label="Hành động">
        <span title={entry.action}>{auditActionLabel(entry.action)}</span>
      </td>
      <td data-label="Đối tượng">
        {entityLabel(entry.entityType)}
        {target && ` “${target}”`}
      </td>
      <td data-label="Chi tiết">
        {entry.before || entry.after ? (
          <details class="details">
            <summary>Xem thay đổi</summary>
            <Changes entry={entry} />
          </details>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
    </tr>
  );
}

function Filters({
  action,
  actorId,
  accounts,
}: {
  action: string;
  actorId: string;
  accounts: Account[];
}) {
  const [draftAction, setDraftAction] = useState(action);
  const [draftActor, setDraftActor] = useState(actorId);
  useEffect(() => {
    setDraftAction(action);
    setDraftActor(actorId);
  }, [action, actorId]);
  const actorOptions = [
    { value: '', label: 'Tất cả mọi người' },
    ...accounts.map((account) => ({
      value: account.id,
      label: `${account.displayName} (${account.username})`,
    })),
  ];
  // Keep an unknown action from the address bar selectable.
  const actionOptions =
    action && !ACTION_OPTIONS.some((option) => option.value === action)
      ? [...ACTION_OPTIONS, { value: action, label: action }]
      : ACTION_OPTIONS;
  return (
    <form
      class="filters"
      role="search"
      aria-label="Lọc nhật ký"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(href({ page: 1, action: draftAction, actorId: draftActor }));
      }}
    >
      <SelectField
        label="Hành động"
        name="action"
        value={draftAction}
        options={actionOptions}
        onChange={setDraftAction}
      />
      <SelectField
        label="Người thực hiện"
        name="actorId"
        value={draftActor}
        options={actorOptions}
        onChange={setDraftActor}
      />
      <div class="filters__actions">
        <button type="submit" class="button">
          Lọc
        </button>
        {(action || actorId) && (
          <a href={BASE} class="button button--secondary">
            Bỏ lọc
          </a>
        )}
      </div>
    </form>
  );
}

function Pagination({
  data,
  action,
  actorId,
}: {
  data: Page<AuditEntry>;
  action: string;
  actorId: string;
}) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <nav class="pagination" aria-label="Phân trang">
      {data.page > 1 ? (
        <a class="button button--secondary" href={href({ page: data.page - 1, action, actorId })}>
          Trang trước
        </a>
      ) : (
        <span />
      )}
      <p class="pagination__info">
        Trang {formatNumber(data.page)}/{formatNumber(pages)} · {formatNumber(data.total)} mục
      </p>
      {data.page < pages ? (
        <a class="button button--secondary" href={href({ page: data.page + 1, action, actorId })}>
          Trang sau
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

export function AuditLog() {
  usePageTitle('Nhật ký hoạt động');
  const { query } = useLocation();
  const action = query.get('action') ?? '';
  const actorId = query.get('actorId') ?? '';
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);

  const [data, setData] = useState<Page<AuditEntry> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    apiGet<AccountListResponse>('/accounts').then(
      (response) => {
        setAccounts(response.items);
      },
      () => {
        setAccounts([]);
      }, // The filter still works without names.
    );
  }, []);

  useEffect(() => {
    let live = true;
    setError(null);
    const params = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    if (action) params.set('action', action);
    if (actorId) params.set('actorId', actorId);
    apiGet<Page<AuditEntry>>(`/audit-log?${params.toString()}`).then(
      (response) => {
        if (live) setData(response);
      },
      (caught: unknown) => {
        if (live) setError(errorMessage(caught));
      },
    );
    return () => {
      live = false;
    };
  }, [page, action, actorId, attempt]);

  const usernames = new Map(accounts.map((account) => [account.id, account.username]));

  return (
    <>
      <h1>Nhật ký hoạt động</h1>
      <p>
        Mọi lần đăng nhập, mọi thay đổi về tài khoản và về ngân hàng câu hỏi đều được ghi lại. Thời
        gian tính theo giờ Việt Nam.
      </p>
      <Filters action={action} actorId={actorId} accounts={accounts} />
      {error ? (
        <>
          <p role="alert" class="status status--error">
            {error}
          </p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setAttempt((n) => n + 1);
            }}
          >
            Thử lại
          </button>
        </>
      ) : data === null ? (
        <Loading text="Đang tải nhật ký…" />
      ) : data.items.length === 0 ? (
        <p role="status">Không có mục nào phù hợp.</p>
      ) : (
        <>
          <table class="table table--stack">
            <caption class="sr-only">
              Nhật ký hoạt động, trang {data.page}, {data.total} mục
            </caption>
            <thead>
              <tr>
                <th scope="col">Thời gian</th>
                <th scope="col">Người thực hiện</th>
                <th scope="col">Hành động</th>
                <th scope="col">Đối tượng</th>
                <th scope="col">Chi tiết</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((entry) => (
                <EntryRow key={entry.id} entry={entry} usernames={usernames} />
              ))}
            </tbody>
          </table>
          <Pagination data={data} action={action} actorId={actorId} />
        </>
      )}
    </>
  );
}
