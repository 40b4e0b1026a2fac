// One contest (/quan-tri/hoi-thi/:id): its rounds, its settings, erasing personal data, deleting.
import { useRef, useState } from 'preact/hooks';
import type { ContestView, RoundView } from '../../../../src/shared/rounds';
import { Status, useFlashStatus, type StatusMessage } from '../../components/Status';
import { apiDelete, apiPatch, apiPost, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import { Breadcrumbs, ConfirmDialog, LoadFailed, PageLoading, useLoaded } from '../banks/shared';
import { ContestFields, contestErrors, type ContestErrors, type ContestInput } from './ContestList';
import {
  CONTESTS_PATH,
  contestApi,
  formatTimeLimit,
  loadContest,
  loadRounds,
  newRoundHref,
  participantsHref,
  roundHref,
  StatusTag,
  unitsHref,
} from './shared';

const BACK = { href: CONTESTS_PATH, label: 'Về danh sách hội thi' };

function RoundsTable({ contestId, rounds }: { contestId: string; rounds: RoundView[] }) {
  if (rounds.length === 0) {
    return (
      <p>
        Hội thi chưa có vòng thi nào. <a href={newRoundHref(contestId)}>Tạo vòng thi đầu tiên</a>.
      </p>
    );
  }
  return (
    <table class="table table--stack">
      <caption class="sr-only">Các vòng thi ({rounds.length} vòng), theo giờ mở</caption>
      <thead>
        <tr>
          <th scope="col">Vòng thi</th>
          <th scope="col">Trạng thái</th>
          <th scope="col">Mở lúc</th>
          <th scope="col">Đóng lúc</th>
          <th scope="col">Số câu</th>
          <th scope="col">Thời gian làm bài</th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((round) => (
          <tr key={round.id}>
            <th scope="row" data-label="Vòng thi">
              <a href={roundHref(round.id)}>{round.name}</a>
            </th>
            <td data-label="Trạng thái">
              <StatusTag status={round.status} />
            </td>
            <td data-label="Mở lúc" class="nowrap">
              <time dateTime={round.opensAt}>{formatDateTime(round.opensAt)}</time>
            </td>
            <td data-label="Đóng lúc" class="nowrap">
              <time dateTime={round.closesAt}>{formatDateTime(round.closesAt)}</time>
            </td>
            <td data-label="Số câu" class="numeric">
              {formatNumber(round.questionCount)}
            </td>
            <td data-label="Thời gian làm bài" class="nowrap">
              {formatTimeLimit(round.timeLimitSeconds)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ContestSettings({
  contest,
  onSaved,
}: {
  contest: ContestView;
  onSaved: (contest: ContestView) => void;
}) {
  const [value, setValue] = useState<ContestInput>({
    name: contest.name,
    description: contest.description,
    requiresCccd: contest.requiresCccd,
  });
  const [errors, setErrors] = useState<ContestErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!value.name.trim()) {
      setErrors({ name: 'Vui lòng nhập tên hội thi.' });
      setStatus({ kind: 'error', text: 'Vui lòng nhập tên hội thi.' });
      return;
    }
    const patch: Partial<ContestInput> = {};
    if (value.name.trim() !== contest.name) patch.name = value.name.trim();
    if (value.description.trim() !== contest.description)
      patch.description = value.description.trim();
    if (value.requiresCccd !== contest.requiresCccd) patch.requiresCccd = value.requiresCccd;
    setErrors({});
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'info', text: 'Không có thay đổi nào để lưu.' });
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang lưu…' });
    try {
      const saved = await apiPatch<ContestView>(contestApi(contest.id), patch);
      onSaved(saved);
      setStatus({ kind: 'success', text: 'Đã lưu thông tin hội thi.' });
    } catch (error) {
      setErrors(contestErrors(error));
      setStatus({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="thong-tin-hoi-thi" class="card">
      <h2 id="thong-tin-hoi-thi">Sửa thông tin hội thi</h2>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          void save(event);
        }}
      >
        <ContestFields value={value} onChange={setValue} errors={errors} />
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Lưu thông tin hội thi
          </button>
        </div>
        <Status message={status} />
      </form>
    </section>
  );
}

function DangerZone({
  contest,
  rounds,
  onPurged,
}: {
  contest: ContestView;
  rounds: RoundView[];
  onPurged: (contest: ContestView) => void;
}) {
  const [dialog, setDialog] = useState<'purge' | 'delete' | null>(null);
  const purgeButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const notClosed = rounds.filter(
    (round) => round.status !== 'closed' && round.status !== 'results_published',
  );

  return (
    <section aria-labelledby="vung-nguy-hiem" class="danger-zone">
      <h2 id="vung-nguy-hiem">Xóa dữ liệu</h2>
      <h3>Xóa dữ liệu cá nhân của người dự thi</h3>
      <p>
        Khi hội thi đã kết thúc và đã trao giải, hãy xóa dữ liệu cá nhân theo quy định bảo vệ dữ
        liệu cá nhân: họ tên, số điện thoại, số CCCD và mật khẩu của mọi người dự thi bị xóa vĩnh
        viễn. Chỉ còn lại số liệu thống kê ẩn danh: điểm, thời gian làm bài, năm sinh, giới tính,
        đơn vị và đối tượng, không gắn với ai. Nên xuất các tệp Excel kết quả và danh sách giải
        trước khi xóa.
      </p>
      {contest.personalDataPurgedAt && (
        <p class="notice">
          Đã xóa dữ liệu cá nhân lúc {formatDateTime(contest.personalDataPurgedAt)}.
        </p>
      )}
      {!contest.personalDataPurgedAt && notClosed.length > 0 && (
        <p class="notice">
          Chỉ xóa được khi mọi vòng thi đã đóng. Còn {formatNumber(notClosed.length)} vòng chưa
          đóng: {notClosed.map((round) => round.name).join(', ')}.
        </p>
      )}
      <button
        type="button"
        ref={purgeButton}
        hidden={Boolean(contest.personalDataPurgedAt)}
        class="button button--danger"
        onClick={() => {
          setDialog('purge');
        }}
      >
        Xóa dữ liệu cá nhân…
      </button>

      <h3>Xóa hội thi</h3>
      <p>
        Xóa hội thi sẽ xóa luôn {formatNumber(rounds.length)} vòng thi, người dự thi và bài thi của
        nó. Không thể hoàn tác.
      </p>
      <button
        type="button"
        ref={deleteButton}
        class="button button--danger"
        onClick={() => {
          setDialog('delete');
        }}
      >
        Xóa hội thi…
      </button>

      {dialog === 'purge' && (
        <ConfirmDialog
          title="Xóa dữ liệu cá nhân của người dự thi?"
          confirmLabel="Xóa dữ liệu cá nhân"
          busyText="Đang xóa dữ liệu cá nhân…"
          typeToConfirm={contest.name}
          onConfirm={async () => {
            const purged = await apiPost<ContestView>(
              `${contestApi(contest.id)}/purge-personal-data`,
            );
            setDialog(null);
            onPurged(purged);
          }}
          onClose={() => {
            setDialog(null);
            purgeButton.current?.focus();
          }}
        >
          <p>
            Họ tên, số điện thoại, số CCCD và mật khẩu của mọi người dự thi hội thi “{contest.name}”
            sẽ bị <strong>xóa vĩnh viễn</strong>. Sau đó không thể liên hệ người đoạt giải, không
            thể xuất lại danh sách có tên, và người dự thi không đăng nhập được nữa.
          </p>
          <p>
            Chỉ còn lại số liệu thống kê ẩn danh (điểm, thời gian làm bài, năm sinh, giới tính, đơn
            vị, đối tượng). Không thể hoàn tác.
          </p>
        </ConfirmDialog>
      )}
      {dialog === 'delete' && (
        <ConfirmDialog
          title={`Xóa hội thi “${contest.name}”?`}
          confirmLabel="Xóa vĩnh viễn"
          busyText="Đang xóa hội thi…"
          typeToConfirm={contest.name}
          onConfirm={async () => {
            await apiDelete(contestApi(contest.id));
            setFlash(`Đã xóa hội thi “${contest.name}”.`);
            navigate(CONTESTS_PATH);
          }}
          onClose={() => {
            setDialog(null);
            deleteButton.current?.focus();
          }}
        >
          <p>
            Hội thi, {formatNumber(rounds.length)} vòng thi, toàn bộ người dự thi và bài thi sẽ bị
            xóa vĩnh viễn.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function ContestPage({ contestId }: { contestId: string }) {
  const [flash, setFlashStatus] = useFlashStatus();
  const contest = useLoaded(`contest-${contestId}`, () => loadContest(contestId));
  const rounds = useLoaded(`rounds-${contestId}`, () => loadRounds(contestId));
  const title = contest.data?.name ?? 'Hội thi';
  usePageTitle(title);

  const error = contest.error ?? rounds.error;
  if (error) {
    return (
      <LoadFailed
        title="Hội thi"
        error={error}
        onRetry={() => {
          contest.reload();
          rounds.reload();
        }}
        back={BACK}
      />
    );
  }
  if (!contest.data || !rounds.data) {
    return <PageLoading title="Hội thi" text="Đang tải hội thi…" />;
  }
  const data = contest.data;

  return (
    <>
      <Breadcrumbs items={[{ href: CONTESTS_PATH, label: 'Hội thi' }, { label: data.name }]} />
      <h1>
        {data.name}
        {data.isSample && (
          <>
            {' '}
            <span class="tag tag--info tag--heading">Mẫu</span>
          </>
        )}
      </h1>
      <Status message={flash} />
      {data.description && <p class="lead readable">{data.description}</p>}
      <dl class="facts facts--tight">
        <div>
          <dt>Số vòng thi</dt>
          <dd>{formatNumber(rounds.data.length)}</dd>
        </div>
        <div>
          <dt>Yêu cầu CCCD khi đăng ký</dt>
          <dd>{data.requiresCccd ? 'Có' : 'Không'}</dd>
        </div>
        <div>
          <dt>Ngày tạo</dt>
          <dd>{formatDate(data.createdAt)}</dd>
        </div>
        {data.personalDataPurgedAt && (
          <div>
            <dt>Dữ liệu cá nhân</dt>
            <dd>Đã xóa lúc {formatDateTime(data.personalDataPurgedAt)}</dd>
          </div>
        )}
      </dl>
      <div class="actions">
        <a href={newRoundHref(contestId)} class="button">
          Tạo vòng thi
        </a>
        <a href={participantsHref(contestId)} class="button button--secondary">
          Người dự thi
        </a>
        <a href={unitsHref(contestId)} class="button button--secondary">
          Đơn vị
        </a>
      </div>

      <section aria-labelledby="cac-vong-thi" class="contest-rounds">
        <h2 id="cac-vong-thi">Các vòng thi</h2>
        <RoundsTable contestId={contestId} rounds={rounds.data} />
      </section>

      <ContestSettings contest={data} onSaved={contest.setData} />

      <DangerZone
        contest={data}
        rounds={rounds.data}
        onPurged={(purged) => {
          contest.setData(purged);
          setFlashStatus({
            kind: 'success',
            text: 'Đã xóa dữ liệu cá nhân của người dự thi. Chỉ còn số liệu thống kê ẩn danh.',
          });
        }}
      />
    </>
  );
}
