// The units of a contest (/quan-tri/hoi-thi/:contestId/don-vi): the tree of blocks, units and
// residential groups with their headcounts, add / edit / delete, and import from Excel or CSV
// with a check first (nothing is written until the organizer confirms a file without problems).
import { useId, useState } from 'preact/hooks';
import type { ContestView } from '../../../../src/shared/rounds';
import {
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitImportAction,
  type UnitImportReport,
  type UnitKind,
  type UnitListResponse,
  type UnitView,
} from '../../../../src/shared/units';
import { Field, SelectField } from '../../components/Field';
import { FileField } from '../../components/FileField';
import { ImportProblems } from '../../components/ImportProblems';
import { Status, type StatusMessage } from '../../components/Status';
import {
  ApiError,
  apiDelete,
  apiGet,
  apiPatch,
  apiPost,
  apiUpload,
  errorMessage,
} from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/router';
import { Breadcrumbs, LoadFailed, PageLoading, useLoaded } from '../banks/shared';
import './units.css';

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const enc = encodeURIComponent;

interface Draft {
  code: string;
  name: string;
  kind: UnitKind;
  parentId: string;
  headcount: string;
}

const EMPTY: Draft = { code: '', name: '', kind: 'unit', parentId: '', headcount: '' };

type Errors = Partial<Record<keyof Draft, string>>;

function draftOf(unit: UnitView): Draft {
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId ?? '',
    headcount: String(unit.headcount),
  };
}

/** The form for a new unit or a change; resolves true when saved. */
function UnitForm({
  initial,
  blocks,
  submitLabel,
  onSave,
  onCancel,
}: {
  initial: Draft;
  blocks: UnitView[];
  submitLabel: string;
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };

  async function submit(event: Event) {
    event.preventDefault();
    const found: Errors = {};
    if (!/^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s*$/.test(draft.code))
      found.code = 'Mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ .';
    if (draft.name.trim() === '') found.name = 'Vui lòng nhập tên.';
    const headcount = draft.headcount.trim() === '' ? 0 : Number(draft.headcount);
    if (!Number.isInteger(headcount) || headcount < 0)
      found.headcount = 'Số người phải là số nguyên không âm.';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ kind: 'error', text: 'Vui lòng sửa các ô được đánh dấu.' });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      await onSave({
        code: draft.code.trim(),
        name: draft.name.trim(),
        kind: draft.kind,
        parentId: draft.kind === 'block' || draft.parentId === '' ? null : draft.parentId,
        headcount,
      });
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors({
          code: error.fieldMessage('code'),
          name: error.fieldMessage('name'),
          kind: error.fieldMessage('kind'),
          parentId: error.fieldMessage('parentId'),
          headcount: error.fieldMessage('headcount'),
        });
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form unit-form" noValidate onSubmit={(event) => void submit(event)}>
      <div class="unit-form__fields">
        <Field
          label="Mã"
          value={draft.code}
          onInput={(v) => {
            set('code', v);
          }}
          error={errors.code}
          hint="Ví dụ: TDP1, K-CQ"
          verbatim
          maxLength={50}
        />
        <Field
          label="Tên"
          value={draft.name}
          onInput={(v) => {
            set('name', v);
          }}
          error={errors.name}
          maxLength={200}
        />
        <SelectField
          label="Loại"
          value={draft.kind}
          options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          onChange={(v) => {
            set('kind', v);
          }}
          error={errors.kind}
        />
        {draft.kind !== 'block' && (
          <SelectField
            label="Thuộc khối"
            value={draft.parentId}
            options={[
              { value: '', label: '(Không thuộc khối nào)' },
              ...blocks.map((b) => ({ value: b.id, label: b.name })),
            ]}
            onChange={(v) => {
              set('parentId', v);
            }}
            error={errors.parentId}
          />
        )}
        <Field
          label="Số người"
          value={draft.headcount}
          onInput={(v) => {
            set('headcount', v);
          }}
          error={errors.headcount}
          hint={draft.kind === 'block' ? 'Khối thường để 0: cộng từ các đơn vị.' : undefined}
          maxLength={9}
        />
      </div>
      <Status message={status} />
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" class="button button--secondary" onClick={onCancel}>
            Hủy
          </button>
        )}
      </div>
    </form>
  );
}

/** Sum of a unit's own headcount and its children's: what the rate is computed against. */
function rolledHeadcount(unit: UnitView, units: UnitView[]): number {
  return (
    unit.headcount +
    units.filter((u) => u.parentId === unit.id).reduce((sum, u) => sum + u.headcount, 0)
  );
}

function UnitTable({
  units,
  onEdit,
  onDelete,
}: {
  units: UnitView[];
  onEdit: (unit: UnitView) => void;
  onDelete: (unit: UnitView) => void;
}) {
  if (units.length === 0) {
    return (
      <p class="muted">
        Hội thi chưa có đơn vị nào: người dự thi tự ghi tên đơn vị khi đăng ký. Thêm đơn vị hoặc
        nhập từ tệp để họ chọn trong danh sách và để tính tỷ lệ tham gia.
      </p>
    );
  }
  return (
    <div class="table-scroll">
      <table class="table table--stack unit-table">
        <caption class="sr-only">Các khối, đơn vị và tổ dân phố của hội thi</caption>
        <thead>
          <tr>
            <th scope="col">Mã</th>
            <th scope="col">Tên</th>
            <th scope="col">Loại</th>
            <th scope="col" class="numeric">
              Số người
            </th>
            <th scope="col">
              <span class="sr-only">Thao tác</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.id} class={unit.kind === 'block' ? 'unit-table__block' : undefined}>
              <td data-label="Mã" class="nowrap">
                {unit.code}
              </td>
              <th
                scope="row"
                data-label="Tên"
                class={unit.parentId === null ? undefined : 'unit-table__child'}
              >
                {unit.name}
              </th>
              <td data-label="Loại">{UNIT_KIND_LABELS[unit.kind]}</td>
              <td data-label="Số người" class="numeric">
                {unit.kind === 'block'
                  ? `${formatNumber(rolledHeadcount(unit, units))} (cả khối)`
                  : formatNumber(unit.headcount)}
              </td>
              <td class="nowrap">
                <button
                  type="button"
                  class="button button--secondary button--small"
                  onClick={() => {
                    onEdit(unit);
                  }}
                >
                  Sửa<span class="sr-only"> {unit.name}</span>
                </button>{' '}
                <button
                  type="button"
                  class="button button--danger button--small"
                  onClick={() => {
                    onDelete(unit);
                  }}
                >
                  Xóa<span class="sr-only"> {unit.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const ACTION_LABELS: Record<UnitImportAction, string> = {
  create: 'Thêm mới',
  update: 'Cập nhật',
  unchanged: 'Không đổi',
};
const ACTION_TAGS: Record<UnitImportAction, string> = {
  create: 'tag tag--ok',
  update: 'tag tag--info',
  unchanged: 'tag tag--muted',
};

function ImportReportView({ report }: { report: UnitImportReport }) {
  return (
    <>
      <p
        role="status"
        class={
          report.problems.length > 0
            ? 'status status--error'
            : report.written
              ? 'status status--success'
              : 'status status--info'
        }
      >
        {report.summary}
      </p>
      {report.notices.length > 0 && (
        <ul class="notice">
          {report.notices.map((notice, i) => (
            <li key={i}>{notice}</li>
          ))}
        </ul>
      )}
      {report.problems.length > 0 && (
        <ImportProblems
          problems={report.problems}
          headingId="loi-tep-don-vi"
          heading="Lỗi trong tệp"
          caption="Các lỗi tìm thấy trong tệp"
        />
      )}
      {report.preview.length > 0 && (
        <details class="details" open={report.problems.length === 0}>
          <summary>Các dòng đọc được ({formatNumber(report.preview.length)})</summary>
          <div class="table-scroll">
            <table class="table table--stack table--compact">
              <caption class="sr-only">Các đơn vị đọc được từ tệp và việc sẽ làm</caption>
              <thead>
                <tr>
                  <th scope="col">Dòng</th>
                  <th scope="col">Xử lý</th>
                  <th scope="col">Mã</th>
                  <th scope="col">Tên</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Thuộc</th>
                  <th scope="col" class="numeric">
                    Số người
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((row) => (
                  <tr key={`${row.sheet ?? ''}-${String(row.row)}`}>
                    <td data-label="Dòng" class="numeric">
                      {row.row}
                    </td>
                    <td data-label="Xử lý">
                      <span class={ACTION_TAGS[row.action]}>{ACTION_LABELS[row.action]}</span>
                    </td>
                    <td data-label="Mã">{row.code}</td>
                    <th scope="row" data-label="Tên">
                      {row.name}
                    </th>
                    <td data-label="Loại">{UNIT_KIND_LABELS[row.kind]}</td>
                    <td data-label="Thuộc">{row.parentCode ?? '—'}</td>
                    <td data-label="Số người" class="numeric">
                      {formatNumber(row.headcount)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}

function ImportPanel({ contestId, onImported }: { contestId: string; onImported: () => void }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<UnitImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StatusMessage | null>(null);

  async function send(dryRun: boolean) {
    if (!file) {
      setStatus({ kind: 'error', text: 'Vui lòng chọn tệp danh sách đơn vị.' });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setStatus({ kind: 'error', text: 'Tệp vượt quá giới hạn 2 MB của danh sách đơn vị.' });
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy(true);
    setStatus(null);
    try {
      const result = await apiUpload<UnitImportReport>(
        `/contests/${enc(contestId)}/units/import?dryRun=${String(dryRun)}`,
        form,
        () => undefined,
      ).result;
      setReport(result);
      if (result.written) onImported();
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  const canImport = report !== null && !report.written && report.problems.length === 0;
  return (
    <section aria-labelledby={`${id}-title`} class="card unit-import">
      <h2 id={`${id}-title`}>Nhập từ tệp Excel hoặc CSV</h2>
      <p>
        Các cột: Mã khối/đơn vị, Tên, Loại (Khối, Đơn vị, Tổ dân phố), Thuộc (mã khối), Số người. Mã
        đã có thì cập nhật, mã mới thì thêm; đơn vị không có trong tệp được giữ nguyên. Tệp còn lỗi
        thì không dòng nào được nhập.{' '}
        <a href={`/api/contests/${enc(contestId)}/units/template.xlsx`} download>
          Tải tệp mẫu
        </a>
        .
      </p>
      <FileField
        label="Tệp danh sách đơn vị"
        accept=".xlsx,.csv"
        disabled={busy}
        onChoose={(chosen) => {
          setFile(chosen);
          setReport(null);
          setStatus(null);
        }}
      />
      <Status message={status} />
      <div class="form__actions">
        <button
          type="button"
          class={canImport ? 'button button--secondary' : 'button'}
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => void send(true)}
        >
          Kiểm tra tệp
        </button>
        {canImport && (
          <button
            type="button"
            class="button"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => void send(false)}
          >
            Nhập {formatNumber(report.created + report.updated + report.unchanged)} đơn vị
          </button>
        )}
      </div>
      {busy && (
        <p class="loading" role="status">
          Đang xử lý tệp…
        </p>
      )}
      {report && <ImportReportView report={report} />}
    </section>
  );
}

function UnitsPage({ contest }: { contest: ContestView }) {
  usePageTitle(`Đơn vị – ${contest.name}`);
  const list = useLoaded(`units-${contest.id}`, () =>
    apiGet<UnitListResponse>(`/contests/${enc(contest.id)}/units`),
  );
  const [editing, setEditing] = useState<UnitView | null>(null);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const units = list.data?.items ?? [];
  const blocks = units.filter((u) => u.kind === 'block');
  const total = units.reduce((sum, u) => sum + u.headcount, 0);

  async function remove(unit: UnitView) {
    if (!window.confirm(`Xóa "${unit.name}"? Không thể hoàn tác.`)) return;
    try {
      await apiDelete(`/units/${enc(unit.id)}`);
      setStatus({ kind: 'success', text: `Đã xóa "${unit.name}".` });
      list.reload();
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { href: '/quan-tri/hoi-thi', label: 'Hội thi' },
          { href: `/quan-tri/hoi-thi/${enc(contest.id)}`, label: contest.name },
          { label: 'Đơn vị' },
        ]}
      />
      <h1>Đơn vị dự thi</h1>
      <p class="lead">
        Khối, đơn vị và tổ dân phố của “{contest.name}”. Người dự thi chọn đơn vị khi đăng ký; số
        người của từng đơn vị dùng để tính tỷ lệ tham gia và xếp hạng tập thể.
      </p>
      <dl class="facts facts--tight">
        <div>
          <dt>Khối</dt>
          <dd>{formatNumber(blocks.length)}</dd>
        </div>
        <div>
          <dt>Đơn vị, tổ dân phố</dt>
          <dd>{formatNumber(units.length - blocks.length)}</dd>
        </div>
        <div>
          <dt>Tổng số người</dt>
          <dd>{formatNumber(total)}</dd>
        </div>
      </dl>
      <Status message={status} />
      {list.error ? (
        <LoadFailed title="Danh sách đơn vị" error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <p class="loading" role="status">
          Đang tải danh sách đơn vị…
        </p>
      ) : editing ? (
        <section aria-labelledby="sua-don-vi" class="card">
          <h2 id="sua-don-vi">Sửa “{editing.name}”</h2>
          <UnitForm
            key={editing.id}
            initial={draftOf(editing)}
            blocks={blocks.filter((b) => b.id !== editing.id)}
            submitLabel="Lưu thay đổi"
            onSave={async (body) => {
              await apiPatch(`/units/${enc(editing.id)}`, body);
              setStatus({ kind: 'success', text: `Đã lưu "${String(body.name)}".` });
              setEditing(null);
              list.reload();
            }}
            onCancel={() => {
              setEditing(null);
            }}
          />
        </section>
      ) : (
        <>
          <UnitTable
            units={units}
            onEdit={(unit) => {
              setAdding(false);
              setEditing(unit);
            }}
            onDelete={(unit) => void remove(unit)}
          />
          {adding ? (
            <section aria-labelledby="them-don-vi" class="card">
              <h2 id="them-don-vi">Thêm đơn vị</h2>
              <UnitForm
                initial={EMPTY}
                blocks={blocks}
                submitLabel="Thêm"
                onSave={async (body) => {
                  await apiPost(`/contests/${enc(contest.id)}/units`, body);
                  setStatus({ kind: 'success', text: `Đã thêm "${String(body.name)}".` });
                  setAdding(false);
                  list.reload();
                }}
                onCancel={() => {
                  setAdding(false);
                }}
              />
            </section>
          ) : (
            <p>
              <button
                type="button"
                class="button"
                onClick={() => {
                  setAdding(true);
                }}
              >
                Thêm đơn vị
              </button>
            </p>
          )}
        </>
      )}
      <ImportPanel contestId={contest.id} onImported={list.reload} />
    </>
  );
}

/** `/quan-tri/hoi-thi/:contestId/don-vi` */
export default function Units({ contestId }: { contestId: string }) {
  const contest = useLoaded(`contest-${contestId}`, () =>
    apiGet<ContestView>(`/contests/${enc(contestId)}`),
  );
  if (contest.error)
    return <LoadFailed title="Hội thi" error={contest.error} onRetry={contest.reload} />;
  if (!contest.data) return <PageLoading title="Đơn vị dự thi" text="Đang tải hội thi…" />;
  return <UnitsPage contest={contest.data} />;
}
