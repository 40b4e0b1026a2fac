// The people registered in a contest (/quan-tri/hoi-thi/:id/nguoi-du-thi): search by name or
// phone, and a new password for someone who forgot theirs (shown once).
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ParticipantAdminView } from '../../../../src/shared/rounds';
import { Field } from '../../components/Field';
import { Loading } from '../../components/Lazy';
import { Status, type StatusMessage } from '../../components/Status';
import { apiGet, apiPost } from '../../lib/api';
import { formatDateTime, formatNumber } from '../../lib/format';
import { navigate, useLocation, usePageTitle } from '../../lib/router';
import { Breadcrumbs, ConfirmDialog, useLoaded } from '../banks/shared';
import {
  CONTESTS_PATH,
  contestApi,
  contestHref,
  copyText,
  GENDER_LABELS,
  GROUP_SHORT_LABELS,
  loadContest,
  participantsHref,
} from './shared';

const PAGE_SIZE = 50;

type ParticipantRow = ParticipantAdminView;

interface ParticipantList {
  items: ParticipantRow[];
  total: number;
}

function listHref(contestId: string, search: string, page: number): string {
  const query = new URLSearchParams();
  if (search) query.set('q', search);
  if (page > 1) query.set('trang', String(page));
  const text = query.toString();
  return text ? `${participantsHref(contestId)}?${text}` : participantsHref(contestId);
}

/** The new password, shown once with a copy button. */
function NewPassword({ fullName, password }: { fullName: string; password: string }) {
  const [copied, setCopied] = useState<StatusMessage | null>(null);
  const labelId = useId();
  return (
    <section class="card new-password" aria-labelledby={labelId}>
      <p id={labelId}>
        Mật khẩu mới của <strong>{fullName}</strong> (chỉ hiện một lần, hãy gửi ngay cho người dự
        thi):
      </p>
      <p class="new-password__value verbatim">
        <code>{password}</code>
      </p>
      <button
        type="button"
        class="button button--secondary"
        onClick={() => {
          void copyText(password).then((ok) => {
            setCopied(
              ok
                ? { kind: 'success', text: 'Đã sao chép mật khẩu.' }
                : {
                    kind: 'error',
                    text: 'Trình duyệt không cho sao chép. Hãy chọn mật khẩu và sao chép bằng tay.',
                  },
            );
          });
        }}
      >
        Sao chép mật khẩu
      </button>
      <Status message={copied} />
    </section>
  );
}

export function Participants({ contestId }: { contestId: string }) {
  const { query } = useLocation();
  const search = (query.get('q') ?? '').trim();
  const page = Math.max(1, Number.parseInt(query.get('trang') ?? '1', 10) || 1);
  const [draft, setDraft] = useState(search);
  const [resetting, setResetting] = useState<{
    row: ParticipantRow;
    button: HTMLButtonElement;
  } | null>(null);
  const [revealed, setRevealed] = useState<{ fullName: string; password: string } | null>(null);
  const revealedRef = useRef<HTMLDivElement>(null);
  usePageTitle('Người dự thi');

  useEffect(() => {
    setDraft(search);
  }, [search]);
  useEffect(() => {
    if (revealed) revealedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [revealed]);

  const contest = useLoaded(`contest-${contestId}`, () => loadContest(contestId));
  const key = `${contestId}|${search}|${page}`;
  const list = useLoaded(key, () => {
    const params = new URLSearchParams({
      ...(search ? { search } : {}),
      limit: String(PAGE_SIZE),
      offset: String((page - 1) * PAGE_SIZE),
    });
    return apiGet<ParticipantList>(`${contestApi(contestId)}/participants?${params.toString()}`);
  });
  const contestName = contest.data?.name ?? 'Hội thi';
  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <Breadcrumbs
        items={[
          { href: CONTESTS_PATH, label: 'Hội thi' },
          { href: contestHref(contestId), label: contestName },
          { label: 'Người dự thi' },
        ]}
      />
      <h1>Người dự thi</h1>
      <p class="lead">
        Những người đã đăng ký dự thi “{contestName}”. Đây là dữ liệu cá nhân: chỉ dùng để liên hệ
        và trao giải, không chia sẻ ra ngoài.
      </p>

      <form
        class="filters participants-search"
        role="search"
        aria-label="Tìm người dự thi"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(listHref(contestId, draft.trim(), 1));
        }}
      >
        <Field
          type="search"
          label="Tìm theo họ tên hoặc số điện thoại"
          name="q"
          value={draft}
          onInput={setDraft}
          maxLength={100}
          autoComplete="off"
        />
        <div class="filters__actions">
          <button type="submit" class="button">
            Tìm
          </button>
          {search && (
            <a href={participantsHref(contestId)} class="button button--secondary">
              Bỏ lọc
            </a>
          )}
        </div>
      </form>

      {revealed && (
        <div ref={revealedRef}>
          <NewPassword fullName={revealed.fullName} password={revealed.password} />
        </div>
      )}

      {list.error ? (
        <>
          <p role="alert" class="status status--error">
            {list.error.message}
          </p>
          <button type="button" class="button" onClick={list.reload}>
            Thử lại
          </button>
        </>
      ) : list.data === null ? (
        <Loading text="Đang tải danh sách người dự thi…" />
      ) : (
        <div class={list.stale ? 'is-stale' : undefined}>
          <p class="result-count" role="status">
            {search
              ? `Tìm thấy ${formatNumber(list.data.total)} người với “${search}”.`
              : `${formatNumber(list.data.total)} người đã đăng ký.`}
          </p>
          {list.data.items.length > 0 && (
            <div class="table-scroll">
              <table class="table table--compact">
                <caption class="sr-only">Người dự thi, trang {page}</caption>
                <thead>
                  <tr>
                    <th scope="col">Họ tên</th>
                    <th scope="col">Năm sinh</th>
                    <th scope="col">Giới tính</th>
                    <th scope="col">Điện thoại</th>
                    <th scope="col">CCCD</th>
                    <th scope="col">Đơn vị</th>
                    <th scope="col">Đối tượng</th>
                    <th scope="col">Đăng ký lúc</th>
                    <th scope="col">Thao tác</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">{row.fullName}</th>
                      <td class="numeric">{row.birthYear}</td>
                      <td>{GENDER_LABELS[row.gender]}</td>
                      <td class="nowrap numeric">
                        {row.phone ?? <span class="muted">Đã xóa</span>}
                      </td>
                      <td class="nowrap numeric">{row.cccd ?? <span class="muted">—</span>}</td>
                      <td>{row.unit ?? <span class="muted">—</span>}</td>
                      <td>{GROUP_SHORT_LABELS[row.participantGroup]}</td>
                      <td class="nowrap">{formatDateTime(row.createdAt)}</td>
                      <td>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          onClick={(event) => {
                            setResetting({ row, button: event.currentTarget });
                          }}
                        >
                          Đặt lại mật khẩu<span class="sr-only"> của {row.fullName}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <nav class="pagination" aria-label="Phân trang người dự thi">
              {page > 1 ? (
                <a class="button button--secondary" href={listHref(contestId, search, page - 1)}>
                  Trang trước
                </a>
              ) : (
                <span />
              )}
              <p class="pagination__info">
                Trang {formatNumber(page)}/{formatNumber(pages)}
              </p>
              {page < pages ? (
                <a class="button button--secondary" href={listHref(contestId, search, page + 1)}>
                  Trang sau
                </a>
              ) : (
                <span />
              )}
            </nav>
          )}
        </div>
      )}

      {resetting && (
        <ConfirmDialog
          title={`Đặt lại mật khẩu của ${resetting.row.fullName}?`}
          confirmLabel="Đặt lại mật khẩu"
          busyText="Đang đặt lại mật khẩu…"
          onConfirm={async () => {
            const { password } = await apiPost<{ password: string }>(
              `/participants/${encodeURIComponent(resetting.row.id)}/reset-password`,
            );
            setRevealed({ fullName: resetting.row.fullName, password });
            setResetting(null);
          }}
          onClose={() => {
            resetting.button.focus();
            setResetting(null);
          }}
        >
          <p>
            Mật khẩu cũ của {resetting.row.fullName} (
            {resetting.row.phone ?? 'không còn số điện thoại'}) sẽ không dùng được nữa. Hãy chắc
            chắn người yêu cầu đúng là chủ số điện thoại này (gọi lại vào số đó).
          </p>
        </ConfirmDialog>
      )}
      <p>
        <a href={contestHref(contestId)}>Về trang hội thi</a>
      </p>
    </>
  );
}
