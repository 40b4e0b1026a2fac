import { useEffect, useRef, useState } from 'preact/hooks';
import { CheckboxField, Field, SelectField, TextAreaField } from '../../components/Field';
import { Loading } from '../../components/Lazy';
import { Status, useFlashStatus, type StatusMessage } from '../../components/Status';
import { ApiError, apiDelete, apiGet, apiPatch, apiPost, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatDay, formatNumber } from '../../lib/format';
import { navigate, useLocation, usePageTitle } from '../../lib/router';
import {
  AUDIENCES,
  DIFFICULTIES,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  type BankDetail,
  type BankStats,
  type CreateTopicRequest,
  type ExportFormat,
  type Page,
  type QuestionAdminView,
  type TopicView,
  type UpdateBankRequest,
} from '../../types';
import {
  AUDIENCE_LABELS,
  DIFFICULTY_LABELS,
  QUESTION_STATUS_LABELS,
  QUESTION_TYPE_LABELS,
} from '../labels';
import {
  BANKS_PATH,
  bankApi,
  bankHref,
  Breadcrumbs,
  ConfirmDialog,
  importHref,
  LoadFailed,
  newQuestionHref,
  PageLoading,
  questionHref,
  rememberListAddress,
  truncate,
  useLoaded,
} from './shared';

const PAGE_SIZE = 20;

/** The question list's search and filters, as kept in the address bar. */
interface Filters {
  q: string;
  topicId: string;
  difficulty: string;
  audience: string;
  status: string;
  type: string;
}

const FILTER_KEYS = ['q', 'topicId', 'difficulty', 'audience', 'status', 'type'] as const;
const NO_FILTERS: Filters = {
  q: '',
  topicId: '',
  difficulty: '',
  audience: '',
  status: '',
  type: '',
};

function readFilters(query: URLSearchParams): Filters {
  const filters = { ...NO_FILTERS };
  for (const key of FILTER_KEYS) filters[key] = query.get(key) ?? '';
  return filters;
}

function listHref(bankId: string, filters: Filters, page: number): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) query.set(key, value);
  }
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${bankHref(bankId)}?${text}` : bankHref(bankId);
}

const options = <T extends string>(
  all: string,
  values: readonly T[],
  labels: Record<T, string>,
) => [{ value: '', label: all }, ...values.map((value) => ({ value, label: labels[value] }))];

const DIFFICULTY_OPTIONS = options('Tất cả mức độ', DIFFICULTIES, DIFFICULTY_LABELS);
const AUDIENCE_OPTIONS = options('Tất cả đối tượng', AUDIENCES, AUDIENCE_LABELS);
const STATUS_OPTIONS = options('Tất cả trạng thái', QUESTION_STATUSES, QUESTION_STATUS_LABELS);
const TYPE_OPTIONS = options('Tất cả loại', QUESTION_TYPES, QUESTION_TYPE_LABELS);

const EXPORTS: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'xlsx', label: 'Excel', hint: 'mở bằng Excel, sửa rồi nhập lại được' },
  { format: 'json', label: 'JSON', hint: 'sao lưu đầy đủ, chuyển sang hệ thống khác' },
  { format: 'gift', label: 'GIFT', hint: 'dùng cho Moodle' },
];

// ---- Bank summary -----------------------------------------------------------------------------

function countsText<T extends string>(
  counts: Partial<Record<T, number>>,
  labels: Record<T, string>,
): string {
  return (
    (Object.keys(labels) as T[])
      .filter((key) => counts[key])
      .map((key) => `${labels[key]} ${formatNumber(counts[key] ?? 0)}`)
      .join(' · ') || '—'
  );
}

function BankFacts({ bank, stats }: { bank: BankDetail; stats: BankStats | null }) {
  return (
    <dl class="facts facts--tight">
      <div>
        <dt>Số câu hỏi</dt>
        <dd>{formatNumber(bank.questions)}</dd>
      </div>
      <div>
        <dt>Công khai / nháp</dt>
        <dd>
          {formatNumber(bank.published)} / {formatNumber(bank.questions - bank.published)}
        </dd>
      </div>
      <div>
        <dt>Chủ đề</dt>
        <dd>{formatNumber(bank.topics.length)}</dd>
      </div>
      <div>
        <dt>Ngày rà soát nội dung</dt>
        <dd>
          {bank.contentCheckedAt ? (
            <time dateTime={bank.contentCheckedAt}>{formatDay(bank.contentCheckedAt)}</time>
          ) : (
            'Chưa ghi nhận'
          )}
        </dd>
      </div>
      {stats && stats.total > 0 && (
        <>
          <div>
            <dt>Mức độ</dt>
            <dd class="facts__small">{countsText(stats.byDifficulty, DIFFICULTY_LABELS)}</dd>
          </div>
          <div>
            <dt>Loại câu hỏi</dt>
            <dd class="facts__small">{countsText(stats.byType, QUESTION_TYPE_LABELS)}</dd>
          </div>
          <div>
            <dt>Đối tượng</dt>
            <dd class="facts__small">{countsText(stats.byAudience, AUDIENCE_LABELS)}</dd>
          </div>
          <div>
            <dt>Có giải thích / có căn cứ pháp lý</dt>
            <dd>
              {formatNumber(stats.withExplanation)} / {formatNumber(stats.withSource)}
            </dd>
          </div>
        </>
      )}
    </dl>
  );
}

// ---- Topics -----------------------------------------------------------------------------------

function AddTopicForm({
  bankId,
  onAdded,
}: {
  bankId: string;
  onAdded: (topic: TopicView) => void;
}) {
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ name?: string; code?: string }>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const request: CreateTopicRequest = { name: name.trim() };
    if (code.trim()) request.code = code.trim();
    const found = {
      name: request.name ? undefined : 'Vui lòng nhập tên chủ đề.',
      code:
        request.code && !/^[a-z0-9-]{1,60}$/.test(request.code)
          ? 'Mã chỉ gồm chữ thường không dấu, số và gạch ngang, ví dụ: thu-tuc-hanh-chinh.'
          : undefined,
    };
    setErrors(found);
    if (found.name || found.code) {
      setStatus({ kind: 'error', text: 'Chưa thêm được chủ đề. Vui lòng sửa các lỗi.' });
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang thêm chủ đề…' });
    try {
      const topic = await apiPost<TopicView>(`${bankApi(bankId)}/topics`, request);
      setName('');
      setCode('');
      setStatus({ kind: 'success', text: `Đã thêm chủ đề “${topic.name}” (mã ${topic.code}).` });
      onAdded(topic);
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({
          name: error.fieldMessage('name'),
          code:
            error.fieldMessage('code') ??
            (error.code === 'TOPIC_CODE_TAKEN' ? error.message : undefined),
        });
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="form form--inline"
      aria-labelledby="them-chu-de"
      noValidate
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h3 id="them-chu-de">Thêm chủ đề</h3>
      <Field
        label="Tên chủ đề"
        name="name"
        value={name}
        onInput={setName}
        error={errors.name}
        maxLength={200}
        autoComplete="off"
      />
      <Field
        label="Mã chủ đề (không bắt buộc)"
        name="code"
        value={code}
        onInput={setCode}
        error={errors.code}
        hint="Để trống thì hệ thống tự đặt theo tên."
        maxLength={60}
        autoComplete="off"
        verbatim
      />
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          Thêm chủ đề
        </button>
      </div>
      <div class="form__status">
        <Status message={status} />
      </div>
    </form>
  );
}

function Topics({
  bank,
  filters,
  onAdded,
}: {
  bank: BankDetail;
  filters: Filters;
  onAdded: (topic: TopicView) => void;
}) {
  return (
    <section aria-labelledby="chu-de" class="card">
      <h2 id="chu-de">Chủ đề</h2>
      {bank.topics.length === 0 ? (
        <p>
          Ngân hàng chưa có chủ đề nào. Hãy thêm chủ đề ở dưới; khi nhập từ tệp, các chủ đề trong
          tệp sẽ được tạo tự động.
        </p>
      ) : (
        <table class="table table--stack">
          <caption class="sr-only">Các chủ đề của ngân hàng và số câu hỏi</caption>
          <thead>
            <tr>
              <th scope="col">Chủ đề</th>
              <th scope="col">Mã</th>
              <th scope="col" class="numeric">
                Số câu hỏi
              </th>
            </tr>
          </thead>
          <tbody>
            {bank.topics.map((topic) => (
              <tr key={topic.id}>
                <th scope="row" data-label="Chủ đề">
                  <a
                    href={listHref(bank.id, { ...filters, topicId: topic.id }, 1)}
                    title="Xem các câu hỏi của chủ đề này"
                  >
                    {topic.name}
                  </a>
                </th>
                <td data-label="Mã">
                  <code>{topic.code}</code>
                </td>
                <td data-label="Số câu hỏi" class="numeric">
                  {formatNumber(topic.questions)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddTopicForm bankId={bank.id} onAdded={onAdded} />
    </section>
  );
}

// ---- Questions --------------------------------------------------------------------------------

function FilterForm({ bank, filters }: { bank: BankDetail; filters: Filters }) {
  const [draft, setDraft] = useState(filters);
  useEffect(() => {
    setDraft(filters);
    // The filters object is new on every render; its text is what matters.
  }, [JSON.stringify(filters)]);
  const set = (key: keyof Filters) => (value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const topicOptions = [
    { value: '', label: 'Tất cả chủ đề' },
    ...bank.topics.map((topic) => ({ value: topic.id, label: topic.name })),
  ];
  const active = FILTER_KEYS.some((key) => filters[key]);
  return (
    <form
      class="filters filters--questions"
      role="search"
      aria-label="Tìm và lọc câu hỏi"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(listHref(bank.id, draft, 1));
      }}
    >
      <div class="filters__search">
        <Field
          type="search"
          label="Tìm câu hỏi"
          name="q"
          value={draft.q}
          onInput={set('q')}
          hint="Gõ có dấu hoặc không dấu đều được: “thu tuc” tìm thấy “thủ tục”. Tìm trong mã, nội dung, phương án, giải thích, căn cứ và thẻ."
          maxLength={200}
          autoComplete="off"
        />
      </div>
      <SelectField
        label="Chủ đề"
        name="topicId"
        value={draft.topicId}
        options={topicOptions}
        onChange={set('topicId')}
      />
      <SelectField
        label="Mức độ"
        name="difficulty"
        value={draft.difficulty}
        options={DIFFICULTY_OPTIONS}
        onChange={set('difficulty')}
      />
      <SelectField
        label="Đối tượng"
        name="audience"
        value={draft.audience}
        options={AUDIENCE_OPTIONS}
        onChange={set('audience')}
      />
      <SelectField
        label="Trạng thái"
        name="status"
        value={draft.status}
        options={STATUS_OPTIONS}
        onChange={set('status')}
      />
      <SelectField
        label="Loại câu hỏi"
        name="type"
        value={draft.type}
        options={TYPE_OPTIONS}
        onChange={set('type')}
      />
      <div class="filters__actions">
        <button type="submit" class="button">
          Tìm
        </button>
        {active && (
          <a href={bankHref(bank.id)} class="button button--secondary">
            Bỏ lọc
          </a>
        )}
      </div>
    </form>
  );
}

function QuestionRow({ question }: { question: QuestionAdminView }) {
  return (
    <tr>
      <td data-label="Mã" class="nowrap">
        {question.code ?? <span class="muted">—</span>}
      </td>
      <th scope="row" data-label="Câu hỏi" class="question-cell">
        <a href={questionHref(question.id)} title={question.text}>
          {truncate(question.text)}
        </a>
      </th>
      <td data-label="Chủ đề" class="topic-cell">
        {question.topicName}
      </td>
      <td data-label="Loại" class="nowrap">
        {QUESTION_TYPE_LABELS[question.type]}
      </td>
      <td data-label="Mức độ" class="nowrap">
        {DIFFICULTY_LABELS[question.difficulty]}
      </td>
      <td data-label="Trạng thái">
        <span class={question.status === 'published' ? 'tag tag--ok' : 'tag tag--warning'}>
          {QUESTION_STATUS_LABELS[question.status]}
        </span>
      </td>
    </tr>
  );
}

function Pagination({
  bankId,
  filters,
  data,
}: {
  bankId: string;
  filters: Filters;
  data: Page<QuestionAdminView>;
}) {
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="Phân trang câu hỏi">
      {data.page > 1 ? (
        <a class="button button--secondary" href={listHref(bankId, filters, data.page - 1)}>
          Trang trước
        </a>
      ) : (
        <span />
      )}
      <p class="pagination__info">
        Trang {formatNumber(data.page)}/{formatNumber(pages)}
      </p>
      {data.page < pages ? (
        <a class="button button--secondary" href={listHref(bankId, filters, data.page + 1)}>
          Trang sau
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

function Questions({ bank, filters, page }: { bank: BankDetail; filters: Filters; page: number }) {
  const address = listHref(bank.id, filters, page);
  const list = useLoaded(address, () => {
    const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
    for (const key of FILTER_KEYS) if (filters[key].trim()) query.set(key, filters[key].trim());
    return apiGet<Page<QuestionAdminView>>(`${bankApi(bank.id)}/questions?${query.toString()}`);
  });
  const first = useRef(true);
  useEffect(() => {
    rememberListAddress(bank.id, address);
    // The router scrolls to the top on every navigation: bring the results back into view
    // after a search, a filter or a page change (and when coming back to filtered results).
    if (!first.current || address !== bankHref(bank.id)) {
      document.getElementById('cau-hoi')?.scrollIntoView();
    }
    first.current = false;
  }, [address]);
  const filtered = FILTER_KEYS.some((key) => filters[key]);
  const data = list.data;

  return (
    <section aria-labelledby="cau-hoi" class="card">
      <h2 id="cau-hoi">Câu hỏi</h2>
      <FilterForm bank={bank} filters={filters} />
      {list.error ? (
        <>
          <p role="alert" class="status status--error">
            {list.error.message}
          </p>
          <button type="button" class="button" onClick={list.reload}>
            Thử lại
          </button>
        </>
      ) : data === null ? (
        <Loading text="Đang tải câu hỏi…" />
      ) : (
        <>
          <p role="status" class="result-count">
            {list.stale
              ? 'Đang tìm…'
              : data.total === 0
                ? filtered
                  ? 'Không có câu hỏi nào phù hợp. Hãy thử từ khóa khác hoặc bỏ bớt điều kiện lọc.'
                  : 'Ngân hàng chưa có câu hỏi nào.'
                : filtered
                  ? `Tìm thấy ${formatNumber(data.total)} câu hỏi.`
                  : `${formatNumber(data.total)} câu hỏi.`}
            {!list.stale &&
              data.total > data.pageSize &&
              ` Đang xem ${formatNumber((data.page - 1) * data.pageSize + 1)}–${formatNumber(
                Math.min(data.total, data.page * data.pageSize),
              )}.`}
          </p>
          {data.items.length > 0 && (
            <table
              class={
                list.stale
                  ? 'table table--stack questions-table is-stale'
                  : 'table table--stack questions-table'
              }
              aria-busy={list.stale ? 'true' : undefined}
            >
              <caption class="sr-only">
                Danh sách câu hỏi, trang {data.page}. Chọn nội dung câu hỏi để mở trình soạn.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">Câu hỏi</th>
                  <th scope="col">Chủ đề</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Mức độ</th>
                  <th scope="col">Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((question) => (
                  <QuestionRow key={question.id} question={question} />
                ))}
              </tbody>
            </table>
          )}
          <Pagination bankId={bank.id} filters={filters} data={data} />
        </>
      )}
    </section>
  );
}

// ---- Public practice ----------------------------------------------------------------------------

function PracticeSetting({
  bank,
  onSaved,
}: {
  bank: BankDetail;
  onSaved: (bank: BankDetail) => void;
}) {
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown at once; put back if the server refuses.
  const [enabled, setEnabled] = useState(bank.practiceEnabled);

  async function toggle(practiceEnabled: boolean) {
    if (busy) return;
    setBusy(true);
    setEnabled(practiceEnabled);
    setStatus({ kind: 'info', text: 'Đang lưu…' });
    try {
      const request: UpdateBankRequest = { practiceEnabled };
      const saved = await apiPatch<BankDetail>(bankApi(bank.id), request);
      onSaved(saved);
      setStatus({
        kind: 'success',
        text: practiceEnabled
          ? 'Đã mở ngân hàng cho luyện tập công khai.'
          : 'Đã đóng ngân hàng với luyện tập công khai.',
      });
    } catch (error) {
      setEnabled(!practiceEnabled);
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="luyen-tap-cong-khai" class="card">
      <h2 id="luyen-tap-cong-khai">Luyện tập công khai</h2>
      <CheckboxField
        label="Mở ngân hàng này cho luyện tập công khai"
        name="practiceEnabled"
        checked={enabled}
        disabled={busy}
        onChange={(checked) => {
          void toggle(checked);
        }}
        hint="Khi mở, mọi người có thể luyện tập với các câu hỏi đã công khai và được đánh dấu “Dùng cho luyện tập”. Không mở ngân hàng chứa câu hỏi của các vòng thi sắp diễn ra."
      />
      <Status message={status} />
    </section>
  );
}

// ---- Rename and delete ------------------------------------------------------------------------

function BankSettings({
  bank,
  onSaved,
}: {
  bank: BankDetail;
  onSaved: (bank: BankDetail) => void;
}) {
  const [name, setName] = useState(bank.name);
  const [description, setDescription] = useState(bank.description);
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    const patch: UpdateBankRequest = {};
    if (name.trim() !== bank.name) patch.name = name.trim();
    if (description.trim() !== bank.description) patch.description = description.trim();
    if (!name.trim()) {
      setErrors({ name: 'Vui lòng nhập tên ngân hàng câu hỏi.' });
      setStatus({ kind: 'error', text: 'Vui lòng nhập tên ngân hàng câu hỏi.' });
      return;
    }
    setErrors({});
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'info', text: 'Không có thay đổi nào để lưu.' });
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang lưu…' });
    try {
      const saved = await apiPatch<BankDetail>(bankApi(bank.id), patch);
      onSaved(saved);
      setStatus({ kind: 'success', text: 'Đã lưu tên và mô tả ngân hàng.' });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({
          name:
            error.fieldMessage('name') ??
            (error.code === 'BANK_NAME_TAKEN' ? error.message : undefined),
          description: error.fieldMessage('description'),
        });
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="thong-tin-ngan-hang" class="card">
      <h2 id="thong-tin-ngan-hang">Đổi tên, xóa ngân hàng</h2>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          void save(event);
        }}
      >
        <Field
          label="Tên ngân hàng"
          name="name"
          value={name}
          onInput={setName}
          error={errors.name}
          maxLength={200}
          autoComplete="off"
        />
        <TextAreaField
          label="Mô tả"
          name="description"
          value={description}
          onInput={setDescription}
          error={errors.description}
          maxLength={2000}
          rows={2}
        />
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Lưu tên và mô tả
          </button>
        </div>
        <Status message={status} />
      </form>
      <div class="danger-zone">
        <h3>Xóa ngân hàng</h3>
        <p>
          Xóa ngân hàng sẽ xóa luôn {formatNumber(bank.topics.length)} chủ đề và{' '}
          {formatNumber(bank.questions)} câu hỏi của nó. Không thể hoàn tác. Nên xuất tệp JSON để
          sao lưu trước khi xóa.
        </p>
        <button
          type="button"
          ref={deleteButton}
          class="button button--danger"
          onClick={() => {
            setDeleting(true);
          }}
        >
          Xóa ngân hàng…
        </button>
      </div>
      {deleting && (
        <ConfirmDialog
          title={`Xóa ngân hàng “${bank.name}”?`}
          confirmLabel="Xóa vĩnh viễn"
          busyText="Đang xóa ngân hàng…"
          typeToConfirm={bank.name}
          onConfirm={async () => {
            await apiDelete(bankApi(bank.id));
            setFlash(`Đã xóa ngân hàng “${bank.name}”.`);
            navigate(BANKS_PATH);
          }}
          onClose={() => {
            setDeleting(false);
            deleteButton.current?.focus();
          }}
        >
          <p>
            Toàn bộ {formatNumber(bank.questions)} câu hỏi và {formatNumber(bank.topics.length)} chủ
            đề của ngân hàng này sẽ bị xóa vĩnh viễn.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

// ---- The page ---------------------------------------------------------------------------------

export function BankPage({ bankId }: { bankId: string }) {
  const { query } = useLocation();
  const filters = readFilters(query);
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const [flash] = useFlashStatus();
  const bank = useLoaded(`bank-${bankId}`, () => apiGet<BankDetail>(bankApi(bankId)));
  const stats = useLoaded(`stats-${bankId}`, () =>
    apiGet<BankStats>(`/banks/stats?bankId=${encodeURIComponent(bankId)}`),
  );

  if (bank.error) {
    return <LoadFailed title="Ngân hàng câu hỏi" error={bank.error} onRetry={bank.reload} />;
  }
  if (!bank.data) return <PageLoading title="Ngân hàng câu hỏi" text="Đang tải ngân hàng…" />;
  const data = bank.data;

  return (
    <BankView
      bank={data}
      stats={stats.data}
      flash={flash}
      filters={filters}
      page={page}
      onTopicAdded={(topic) => {
        bank.setData({ ...data, topics: [...data.topics, topic] });
      }}
      onSaved={(saved) => {
        bank.setData(saved);
      }}
    />
  );
}

function BankView({
  bank,
  stats,
  flash,
  filters,
  page,
  onTopicAdded,
  onSaved,
}: {
  bank: BankDetail;
  stats: BankStats | null;
  flash: StatusMessage | null;
  filters: Filters;
  page: number;
  onTopicAdded: (topic: TopicView) => void;
  onSaved: (bank: BankDetail) => void;
}) {
  usePageTitle(bank.name);
  return (
    <>
      <Breadcrumbs
        items={[{ href: BANKS_PATH, label: 'Ngân hàng câu hỏi' }, { label: bank.name }]}
      />
      <h1>
        {bank.name}
        {bank.isSample && (
          <>
            {' '}
            <span class="tag tag--info tag--heading">Mẫu</span>
          </>
        )}
      </h1>
      <Status message={flash} />
      {bank.description && <p class="lead">{bank.description}</p>}
      <BankFacts bank={bank} stats={stats} />

      <div class="toolbar">
        <a href={newQuestionHref(bank.id)} class="button">
          Thêm câu hỏi
        </a>
        <a href={importHref(bank.id)} class="button">
          Nhập câu hỏi từ tệp
        </a>
      </div>
      <div class="toolbar" role="group" aria-labelledby="xuat-tep">
        <span id="xuat-tep" class="toolbar__label">
          Xuất ngân hàng ra tệp:
        </span>
        {EXPORTS.map((item) => (
          <a
            key={item.format}
            href={`/api${bankApi(bank.id)}/export?format=${item.format}`}
            download
            class="button button--secondary button--small"
            title={item.hint}
          >
            {item.label}
            <span class="sr-only"> ({item.hint})</span>
          </a>
        ))}
      </div>

      <Questions bank={bank} filters={filters} page={page} />
      <Topics bank={bank} filters={filters} onAdded={onTopicAdded} />
      <PracticeSetting bank={bank} onSaved={onSaved} />
      <BankSettings bank={bank} onSaved={onSaved} />
    </>
  );
}
