// The host console of the live final, in the organizer area:
//   /quan-tri/chung-ket            create a game from a bank; games created in this tab
//   /quan-tri/chung-ket/:gameId    the console: code, join and stage addresses, lobby, commands
// Buttons follow `HostView.allowedCommands`; the server refuses anything else anyway.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { SelectField } from '../components/Field';
import { FileField } from '../components/FileField';
import { ImportProblems } from '../components/ImportProblems';
import { Status, type StatusMessage } from '../components/Status';
import { InputField, copyText, parseWhole } from '../admin/contests/shared';
import { Breadcrumbs, LoadFailed, useLoaded } from '../admin/banks/shared';
import { ApiError, apiGet, apiPost, apiUpload, errorMessage } from '../lib/api';
import { formatDateTime, formatNumber } from '../lib/format';
import { navigate, usePageTitle } from '../lib/router';
import type { BankListResponse } from '../types';
import {
  ROSTER_FILE_MAX_BYTES,
  type HostCommand,
  type HostCommandType,
  type HostView,
  type LiveCounts,
  type LiveFormat,
  type LiveRosterEntry,
  type RosterFileProblem,
  type RosterParseReply,
} from './contract';
import { COMMAND_LABELS, FORMAT_LABELS, PHASE_LABELS, lettersOf, questionTitle } from './labels';
import { openLive, request, type LiveConnection } from './liveSocket';
import { Countdown, OptionList, joinUrl, spacedCode } from './shared';
import { createdGame, createdGames, rememberGame, type CreatedGame } from './storage';
import './live.css';

export const LIVE_HOST_PATH = '/quan-tri/chung-ket';
const GAME_ROUTE = /^\/quan-tri\/chung-ket\/([0-9a-fA-F-]{36})$/;

export default function HostConsole({ path }: { path: string }) {
  const gameId = GAME_ROUTE.exec(path)?.[1];
  if (gameId) return <Console key={gameId} gameId={gameId} />;
  return <CreateGame />;
}

/* ------------------------------------------------------------ creation ---- */

const FORMAT_OPTIONS: readonly { value: LiveFormat; label: string }[] = [
  { value: 'classic', label: FORMAT_LABELS.classic },
  { value: 'golden_bell', label: FORMAT_LABELS.golden_bell },
  { value: 'buzzer', label: FORMAT_LABELS.buzzer },
];

interface Created {
  id: string;
  code: string;
  stageToken: string;
}

/** Who may join: anyone with the code, or only the contestants of an imported list. */
type RosterMode = 'open' | 'roster';

/** The contestant list file, from choosing it to its rows (or its problems). */
type RosterFile =
  | { kind: 'none' }
  | { kind: 'reading'; file: string }
  | { kind: 'read'; file: string; rows: LiveRosterEntry[] }
  | { kind: 'problems'; file: string; message: string; problems: RosterFileProblem[] }
  | { kind: 'error'; file: string; message: string };

/** The rows of a 422 LIVE_ROSTER_FILE_INVALID (its `details`), checked field by field. */
function rosterProblems(error: ApiError): RosterFileProblem[] {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return (error.details as unknown[]).flatMap((detail) => {
    if (typeof detail !== 'object' || detail === null) return [];
    const d = detail as Record<string, unknown>;
    const message = text(d.message);
    if (message === null) return [];
    return [
      {
        sheet: text(d.sheet),
        row: typeof d.row === 'number' ? d.row : null,
        column: text(d.column),
        message,
      },
    ];
  });
}

/** How many rows of a read list the form shows. */
const ROSTER_PREVIEW_ROWS = 50;

function CreateGame() {
  usePageTitle('Chung kết trực tiếp');
  const banks = useLoaded('banks', () => apiGet<BankListResponse>('/banks'));
  const [bankId, setBankId] = useState('');
  const [format, setFormat] = useState<LiveFormat>('classic');
  const [count, setCount] = useState('10');
  const [rescue, setRescue] = useState('2');
  const [seconds, setSeconds] = useState('20');
  const [readSeconds, setReadSeconds] = useState('3');
  const [points, setPoints] = useState('1000');
  const [rosterMode, setRosterMode] = useState<RosterMode>('open');
  const [roster, setRoster] = useState<RosterFile>({ kind: 'none' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const games = createdGames();

  if (banks.error && banks.error.status !== 403) {
    return (
      <LoadFailed
        title="Chung kết trực tiếp"
        error={banks.error}
        onRetry={banks.reload}
        back={{ href: '/quan-tri', label: 'Về trang tổng quan' }}
      />
    );
  }
  const bankOptions = (banks.data?.items ?? [])
    .filter((bank) => bank.published > 0)
    .map((bank) => ({
      value: bank.id,
      label: `${bank.name} (${formatNumber(bank.published)} câu đã công khai)`,
    }));
  const chosenBank = bankId || bankOptions[0]?.value || '';

  async function submit() {
    const found: Record<string, string> = {};
    const main = parseWhole(count);
    const rescues = format === 'golden_bell' ? parseWhole(rescue) : 0;
    const limit = parseWhole(seconds);
    const read = parseWhole(readSeconds);
    const score = parseWhole(points);
    if (!chosenBank) found.bank = 'Hãy chọn ngân hàng câu hỏi.';
    if (main === null || main < 1 || main > 100) found.count = 'Nhập số câu từ 1 đến 100.';
    if (rescues === null || rescues > 20) found.rescue = 'Nhập số câu cứu trợ từ 0 đến 20.';
    if (limit === null || limit < 5 || limit > 600) found.seconds = 'Nhập từ 5 đến 600 giây.';
    if (read === null || read > 60) found.read = 'Nhập từ 0 đến 60 giây.';
    if (score === null || score > 100_000) found.points = 'Nhập số điểm từ 0 đến 100.000.';
    const rows = rosterMode === 'roster' && roster.kind === 'read' ? roster.rows : null;
    if (rosterMode === 'roster' && rows === null)
      found.roster =
        roster.kind === 'reading'
          ? 'Đang đọc tệp danh sách thí sinh, vui lòng chờ.'
          : roster.kind === 'none'
            ? 'Hãy chọn tệp danh sách thí sinh (Excel hoặc CSV).'
            : 'Tệp danh sách thí sinh còn lỗi: hãy sửa rồi chọn lại tệp.';
    setErrors(found);
    if (Object.keys(found).length > 0 || main === null || rescues === null) {
      setStatus({ kind: 'error', text: 'Vui lòng sửa các ô được đánh dấu.' });
      return;
    }
    setBusy(true);
    setStatus(null);
    try {
      const game = await apiPost<Created>('/live/games', {
        bankId: chosenBank,
        format,
        count: main + rescues,
        ...(format === 'golden_bell' ? { rescueCount: rescues } : {}),
        timeLimitMs: (limit ?? 20) * 1000,
        points: score ?? 1000,
        settings: { readTimeMs: (read ?? 0) * 1000 },
        ...(rows === null ? {} : { roster: rows }),
      });
      rememberGame({ ...game, format, createdAt: Date.now() });
      navigate(`${LIVE_HOST_PATH}/${game.id}`);
    } catch (caught) {
      setBusy(false);
      setStatus({ kind: 'error', text: errorMessage(caught) });
    }
  }

  return (
    <>
      <h1>Chung kết trực tiếp</h1>
      <p>
        Tạo một trò chơi từ ngân hàng câu hỏi, đưa đường dẫn trình chiếu lên máy chiếu, rồi mời thí
        sinh vào bằng mã 6 chữ số trên điện thoại.
      </p>
      <Status message={status} />
      <section class="card" aria-labelledby="live-create-title">
        <h2 id="live-create-title">Tạo trò chơi</h2>
        {banks.error?.status === 403 ? (
          <p class="notice">
            Tài khoản của bạn không được xem danh sách ngân hàng câu hỏi. Hãy nhờ ban tổ chức tạo
            trò chơi, hoặc cấp quyền xem ngân hàng câu hỏi cho người dẫn chương trình.
          </p>
        ) : !banks.data ? (
          <p role="status">Đang tải ngân hàng câu hỏi…</p>
        ) : bankOptions.length === 0 ? (
          <p class="notice">
            Chưa có ngân hàng nào có câu hỏi đã công khai. Hãy{' '}
            <a href="/quan-tri/ngan-hang">công khai câu hỏi</a> trước.
          </p>
        ) : (
          <form
            class="live-create"
            onSubmit={(event) => {
              event.preventDefault();
              if (!busy) void submit();
            }}
          >
            <SelectField
              label="Ngân hàng câu hỏi"
              value={chosenBank}
              options={bankOptions}
              onChange={setBankId}
              error={errors.bank}
            />
            <SelectField
              label="Phần thi"
              value={format}
              options={FORMAT_OPTIONS}
              onChange={setFormat}
              hint="Rung chuông vàng: trả lời sai hoặc không trả lời thì bị loại; bấm chuông: ai bấm trước được quyền trả lời."
            />
            <div class="live-create__row">
              <InputField
                label="Số câu hỏi"
                value={count}
                onInput={setCount}
                inputMode="numeric"
                narrow
                error={errors.count}
                hint="Rút ngẫu nhiên trong các câu đã công khai."
              />
              {format === 'golden_bell' && (
                <InputField
                  label="Số câu cứu trợ"
                  value={rescue}
                  onInput={setRescue}
                  inputMode="numeric"
                  narrow
                  error={errors.rescue}
                  hint="Dành riêng cho thí sinh bị loại, ngoài số câu hỏi chính."
                />
              )}
              <InputField
                label="Thời gian mỗi câu"
                value={seconds}
                onInput={setSeconds}
                inputMode="numeric"
                narrow
                unit="giây"
                error={errors.seconds}
              />
              <InputField
                label="Thời gian đọc câu hỏi"
                value={readSeconds}
                onInput={setReadSeconds}
                inputMode="numeric"
                narrow
                unit="giây"
                error={errors.read}
                hint="0: người dẫn chương trình tự mở trả lời."
              />
              <InputField
                label="Điểm mỗi câu"
                value={points}
                onInput={setPoints}
                inputMode="numeric"
                narrow
                error={errors.points}
              />
            </div>
            <RosterPicker
              mode={rosterMode}
              onMode={setRosterMode}
              roster={roster}
              onRoster={setRoster}
              error={errors.roster}
              disabled={busy}
            />
            <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
              {busy ? 'Đang tạo…' : 'Tạo trò chơi'}
            </button>
          </form>
        )}
      </section>
      {games.length > 0 && (
        <section aria-labelledby="live-games-title">
          <h2 id="live-games-title">Trò chơi đã tạo trong thẻ này</h2>
          <ul class="live-games">
            {games.map((game) => (
              <li key={game.id}>
                <a href={`${LIVE_HOST_PATH}/${game.id}`}>Mã {spacedCode(game.code)}</a> ·{' '}
                {FORMAT_LABELS[game.format as LiveFormat]} · tạo lúc{' '}
                {formatDateTime(new Date(game.createdAt).toISOString())}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * "Danh sách thí sinh": anyone with the code (default), or only the contestants of a list read
 * from an Excel/CSV file by the server (nothing is stored until the game is created with it).
 */
function RosterPicker({
  mode,
  onMode,
  roster,
  onRoster,
  error,
  disabled,
}: {
  mode: RosterMode;
  onMode: (mode: RosterMode) => void;
  roster: RosterFile;
  onRoster: (roster: RosterFile) => void;
  error: string | undefined;
  disabled: boolean;
}) {
  const id = useId();
  const reading = roster.kind === 'reading';

  async function read(file: File) {
    if (file.size > ROSTER_FILE_MAX_BYTES) {
      onRoster({
        kind: 'error',
        file: file.name,
        message: `Tệp nặng quá ${String(ROSTER_FILE_MAX_BYTES / 1024 / 1024)} MB: không phải một danh sách thí sinh.`,
      });
      return;
    }
    onRoster({ kind: 'reading', file: file.name });
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const reply = await apiUpload<RosterParseReply>('/live/rosters/parse', form, () => undefined)
        .result;
      onRoster({ kind: 'read', file: file.name, rows: reply.rows });
    } catch (caught) {
      onRoster(
        caught instanceof ApiError && caught.code === 'LIVE_ROSTER_FILE_INVALID'
          ? {
              kind: 'problems',
              file: file.name,
              message: caught.message,
              problems: rosterProblems(caught),
            }
          : { kind: 'error', file: file.name, message: errorMessage(caught) },
      );
    }
  }

  return (
    <fieldset class="fieldset live-roster" disabled={disabled}>
      <legend class="field__label">Danh sách thí sinh</legend>
      {(
        [
          ['open', 'Ai có mã phòng đều vào được'],
          ['roster', 'Chỉ thí sinh trong danh sách (nhập từ Excel)'],
        ] as const
      ).map(([value, label]) => (
        <label key={value} class="check">
          <input
            type="radio"
            class="check__input"
            name={`${id}-mode`}
            value={value}
            checked={mode === value}
            onChange={() => {
              onMode(value);
            }}
          />
          <span class="check__label">{label}</span>
        </label>
      ))}
      {mode === 'roster' && (
        <div class="live-roster__file">
          <p class="field__hint">
            Tệp Excel (.xlsx) hoặc CSV có các cột Số báo danh, Họ và tên, Đơn vị (không bắt buộc),
            tối đa 5.000 thí sinh. Thí sinh vào phòng bằng số báo danh; họ tên và đơn vị lấy theo
            danh sách.{' '}
            <a href="/api/live/rosters/template" download>
              Tải tệp mẫu
            </a>
            .
          </p>
          <FileField
            label="Tệp danh sách thí sinh"
            accept=".xlsx,.csv"
            disabled={reading}
            error={error}
            // Cleared, so that choosing the same file again after fixing it reads it again (the
            // status below names the file read).
            clearOnChoose
            onChoose={(file) => {
              if (file) void read(file);
            }}
          />
          {roster.kind === 'reading' && (
            <p class="loading" role="status">
              Đang đọc tệp {roster.file}…
            </p>
          )}
          {roster.kind === 'error' && (
            <p class="status status--error" role="alert">
              {roster.message}
            </p>
          )}
          {roster.kind === 'read' && (
            <>
              <p class="status status--success" role="status">
                Đã đọc {formatNumber(roster.rows.length)} thí sinh từ tệp {roster.file}.
              </p>
              <details class="details">
                <summary>Xem danh sách</summary>
                <div class="table-scroll">
                  <table class="table table--compact">
                    <caption class="sr-only">Các thí sinh đọc được từ tệp</caption>
                    <thead>
                      <tr>
                        <th scope="col">SBD</th>
                        <th scope="col">Họ và tên</th>
                        <th scope="col">Đơn vị</th>
                      </tr>
                    </thead>
                    <tbody>
                      {roster.rows.slice(0, ROSTER_PREVIEW_ROWS).map((row) => (
                        <tr key={row.number}>
                          <td>{row.number}</td>
                          <th scope="row">{row.name}</th>
                          <td>{row.team ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {roster.rows.length > ROSTER_PREVIEW_ROWS && (
                  <p class="field__hint">
                    … và {formatNumber(roster.rows.length - ROSTER_PREVIEW_ROWS)} thí sinh khác.
                  </p>
                )}
              </details>
            </>
          )}
          {roster.kind === 'problems' && (
            <ImportProblems
              problems={roster.problems}
              headingId={`${id}-problems`}
              heading={`Lỗi trong tệp ${roster.file}`}
              caption="Các lỗi tìm thấy trong tệp danh sách thí sinh"
              before={
                <p class="status status--error" role="alert">
                  {roster.message}
                </p>
              }
            />
          )}
        </div>
      )}
    </fieldset>
  );
}

/* ------------------------------------------------------------- console ---- */

/** Commands shown as the main row of buttons (judge, kick and revive have their own place). */
const MAIN_COMMANDS: readonly HostCommandType[] = [
  'start',
  'next',
  'openBuzzer',
  'lock',
  'reveal',
  'extendTime',
  'pause',
  'resume',
  'skip',
  'startRescue',
  'end',
];

function nextLabel(view: HostView): string {
  const phase = view.phase;
  if (phase === 'question_intro')
    return view.format === 'buzzer' ? 'Chuẩn bị chuông' : 'Mở trả lời';
  if (phase === 'revealed') return 'Xem bảng xếp hạng';
  if (phase === 'leaderboard' && view.mainQuestionsLeft === 0) return 'Xem kết quả chung cuộc';
  return COMMAND_LABELS.next;
}

function commandOf(type: HostCommandType): HostCommand | null {
  switch (type) {
    case 'start':
    case 'next':
    case 'lock':
    case 'reveal':
    case 'openBuzzer':
    case 'pause':
    case 'resume':
    case 'skip':
    case 'end':
      return { type };
    case 'extendTime':
      return { type, ms: 10_000 };
    case 'startRescue':
      return { type };
    case 'judge':
    case 'kick':
    case 'revive':
      return null;
  }
}

type ConsoleState =
  { kind: 'connecting' } | { kind: 'error'; message: string } | { kind: 'ready'; view: HostView };

function Console({ gameId }: { gameId: string }) {
  usePageTitle('Điều khiển chung kết');
  const [state, setState] = useState<ConsoleState>({ kind: 'connecting' });
  const [counts, setCounts] = useState<LiveCounts | null>(null);
  const [connected, setConnected] = useState(true);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const connection = useRef<LiveConnection | null>(null);
  const game = createdGame(gameId);

  useEffect(() => {
    let active = true;
    openLive().then(
      (opened) => {
        if (!active) {
          opened.close();
          return;
        }
        connection.current = opened;
        const socket = opened.socket;
        socket.on('connect', () => {
          setConnected(true);
          request<{ view: HostView }>(socket, 'live:host', { gameId }).then(
            (reply) => {
              if (active) setState({ kind: 'ready', view: reply.view });
            },
            (caught: unknown) => {
              if (active) setState({ kind: 'error', message: errorMessage(caught) });
            },
          );
        });
        socket.on('disconnect', () => {
          setConnected(false);
        });
        socket.on('live:view', (view) => {
          if (view.audience === 'host' && view.roomId === gameId) setState({ kind: 'ready', view });
        });
        socket.on('live:counts', (next) => {
          if (next.gameId === gameId) setCounts(next);
        });
      },
      (caught: unknown) => {
        if (active) setState({ kind: 'error', message: errorMessage(caught) });
      },
    );
    return () => {
      active = false;
      connection.current?.close();
      connection.current = null;
    };
  }, [gameId]);

  async function send(command: HostCommand) {
    const socket = connection.current?.socket;
    if (!socket || busy) return;
    setBusy(true);
    setStatus(null);
    try {
      const reply = await request<{ view: HostView }>(socket, 'live:host', { gameId, command });
      setState({ kind: 'ready', view: reply.view });
    } catch (caught) {
      setStatus({ kind: 'error', text: errorMessage(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Breadcrumbs
        items={[{ href: LIVE_HOST_PATH, label: 'Chung kết trực tiếp' }, { label: 'Điều khiển' }]}
      />
      <h1>Điều khiển chung kết</h1>
      {!connected && (
        <p class="live-reconnecting" role="status">
          Đang kết nối lại…
        </p>
      )}
      <Status message={status} />
      <JoinPanel gameId={gameId} game={game} />
      {state.kind === 'connecting' && <p role="status">Đang kết nối…</p>}
      {state.kind === 'error' && (
        <p class="notice" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && (
        <Controls
          view={state.view}
          counts={counts}
          busy={busy}
          onCommand={(command) => {
            void send(command);
          }}
        />
      )}
    </>
  );
}

function JoinPanel({ gameId, game }: { gameId: string; game: CreatedGame | null }) {
  const [copied, setCopied] = useState<string | null>(null);
  if (!game) {
    return (
      <section class="card live-join-panel" aria-label="Mã phòng thi">
        <p class="notice">
          Mã phòng thi và đường dẫn trình chiếu chỉ hiện trên thẻ trình duyệt đã tạo trò chơi này
          (máy chủ chỉ cho xem mã màn hình sân khấu một lần). Các nút điều khiển bên dưới vẫn dùng
          được.
        </p>
      </section>
    );
  }
  const stageUrl = `${window.location.origin}/trinh-chieu/${gameId}?token=${encodeURIComponent(
    game.stageToken,
  )}&code=${game.code}`;
  const copy = (what: string, text: string) => {
    void copyText(text).then((ok) => {
      setCopied(ok ? what : null);
    });
  };
  return (
    <section class="card live-join-panel" aria-label="Mã phòng thi">
      <div>
        <p class="live-join-panel__label">Mã phòng thi</p>
        <p class="live-join-panel__code" data-code={game.code}>
          {spacedCode(game.code)}
        </p>
        <p>
          Người chơi vào <a href={joinUrl(game.code)}>{joinUrl(game.code)}</a>
        </p>
      </div>
      <div>
        <p class="live-join-panel__label">Đường dẫn màn hình sân khấu (máy chiếu)</p>
        <p class="live-join-panel__stage">
          <a href={stageUrl} target="_blank" rel="noopener" data-stage-url={stageUrl}>
            Mở màn hình sân khấu
          </a>{' '}
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => {
              copy('stage', stageUrl);
            }}
          >
            Sao chép đường dẫn
          </button>
          {copied === 'stage' && <span role="status"> Đã sao chép.</span>}
        </p>
        <p class="field__hint">
          Đường dẫn có mã bí mật của màn hình sân khấu, chỉ hiện trên thẻ trình duyệt này: máy chủ
          không cho xem lại. Đừng chia sẻ cho người chơi.
        </p>
      </div>
    </section>
  );
}

function Controls({
  view,
  counts,
  busy,
  onCommand,
}: {
  view: HostView;
  counts: LiveCounts | null;
  busy: boolean;
  onCommand: (command: HostCommand) => void;
}) {
  const allowed = new Set(view.allowedCommands);
  const question = view.question;
  const answers =
    counts && question && counts.questionIndex === question.index
      ? {
          answered: Math.max(counts.answered, view.answers?.answered ?? 0),
          eligible: counts.eligible,
        }
      : view.answers;
  const winner = view.buzzer?.winner ?? null;
  const withUnits = view.players.some((player) => player.team !== null);
  const confirmThen = (text: string, command: HostCommand) => {
    if (window.confirm(text)) onCommand(command);
  };

  return (
    <>
      <section class="card live-controls" aria-label="Điều khiển">
        <p class="live-controls__state">
          <span class="tag tag--info">{FORMAT_LABELS[view.format]}</span>{' '}
          <strong>{PHASE_LABELS[view.phase]}</strong>
          {view.phase === 'paused' && view.pausedFrom && ` (từ: ${PHASE_LABELS[view.pausedFrom]})`}
          {' · '}
          {formatNumber(view.playerCount)} người chơi
          {view.rosterSize !== null &&
            ` / ${formatNumber(view.rosterSize)} thí sinh trong danh sách`}{' '}
          · còn {view.mainQuestionsLeft} câu chưa chơi
          {view.format === 'golden_bell' &&
            ` · ${String(view.rescueQuestionsLeft.length)} câu cứu trợ`}
        </p>
        <div class="live-controls__buttons">
          {MAIN_COMMANDS.filter((type) => allowed.has(type)).map((type) => {
            const command = commandOf(type);
            if (!command) return null;
            const label = type === 'next' ? nextLabel(view) : COMMAND_LABELS[type];
            return (
              <button
                key={type}
                type="button"
                class={
                  type === 'end' || type === 'skip'
                    ? 'button button--secondary'
                    : type === 'pause' || type === 'extendTime'
                      ? 'button button--secondary'
                      : 'button'
                }
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  if (type === 'end')
                    confirmThen(
                      'Kết thúc trò chơi? Không thể chơi tiếp sau khi kết thúc.',
                      command,
                    );
                  else if (type === 'skip')
                    confirmThen('Bỏ câu hỏi này? Câu hỏi sẽ không được tính điểm.', command);
                  else onCommand(command);
                }}
              >
                {label}
              </button>
            );
          })}
          {allowed.has('judge') && (
            <>
              <button
                type="button"
                class="button live-judge--right"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  onCommand({ type: 'judge', correct: true });
                }}
              >
                Đúng
              </button>
              <button
                type="button"
                class="button button--danger"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => {
                  onCommand({ type: 'judge', correct: false });
                }}
              >
                Sai
              </button>
            </>
          )}
        </div>
      </section>

      {question && (
        <section class="card live-host-question" aria-labelledby="live-host-q">
          <div class="live-host-question__head">
            <h2 id="live-host-q">{questionTitle(question, view.questionCount)}</h2>
            <Countdown timer={view.timer} />
            {answers && view.format !== 'buzzer' && (
              <p class="live-host-question__count" role="status">
                Đã trả lời: <strong>{answers.answered}</strong>/{answers.eligible}
              </p>
            )}
          </div>
          <p class="live-host-question__text">{question.text}</p>
          <OptionList
            question={question}
            correct={view.reveal?.correctChoices ?? null}
            distribution={
              view.reveal && view.reveal.distribution.length > 0 ? view.reveal.distribution : null
            }
          />
          {view.reveal ? (
            <p>
              Đáp án đúng: <strong>{lettersOf(view.reveal.correctChoices)}</strong>
              {view.reveal.explanation && ` — ${view.reveal.explanation}`}
            </p>
          ) : (
            <p class="field__hint">
              Đáp án hiện sau khi công bố (máy chủ chưa gửi đáp án cho bảng điều khiển trước đó).
            </p>
          )}
          {winner && (
            <p class="notice">
              <strong>{winner.name}</strong> giành quyền trả lời (sau{' '}
              {formatNumber(Math.round(winner.responseMs / 100) / 10)} giây).
            </p>
          )}
          {view.reveal && view.reveal.eliminated.length > 0 && (
            <p>Bị loại ở câu này: {view.reveal.eliminated.map((p) => p.name).join(', ')}</p>
          )}
        </section>
      )}

      <section class="card" aria-labelledby="live-players-title">
        <h2 id="live-players-title">
          Người chơi ({formatNumber(view.playerCount)}
          {view.survivors ? `, còn lại ${formatNumber(view.survivors.length)}` : ''})
        </h2>
        {view.players.length < view.playerCount && (
          <p class="muted">
            Đang hiện {formatNumber(view.players.length)} người đứng đầu bảng xếp hạng trên tổng số{' '}
            {formatNumber(view.playerCount)} người chơi.
          </p>
        )}
        {view.players.length === 0 ? (
          <p>
            {view.rosterSize === null
              ? 'Chưa có ai vào phòng. Mời thí sinh nhập mã phòng thi trên điện thoại.'
              : 'Chưa có ai vào phòng. Mời thí sinh nhập mã phòng thi và số báo danh trên điện thoại.'}
          </p>
        ) : (
          <div class="table-scroll">
            <table class="table live-players">
              <thead>
                <tr>
                  <th scope="col">Hạng</th>
                  <th scope="col">SBD</th>
                  <th scope="col">Họ và tên</th>
                  {withUnits && <th scope="col">Đơn vị</th>}
                  <th scope="col">Điểm</th>
                  <th scope="col">Câu đúng</th>
                  <th scope="col">Câu này</th>
                  <th scope="col">
                    <span class="sr-only">Thao tác</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.players.map((player) => (
                  <tr key={player.id}>
                    <td>{player.rank}</td>
                    <td>{player.number ?? ''}</td>
                    <th scope="row">
                      {player.name}
                      {player.eliminated && <span class="tag tag--danger">Bị loại</span>}
                    </th>
                    {withUnits && <td>{player.team ?? ''}</td>}
                    <td>{formatNumber(player.score)}</td>
                    <td>{player.rightAnswers}</td>
                    <td>
                      {view.phase === 'lobby'
                        ? ''
                        : player.answered
                          ? 'Đã trả lời'
                          : player.eligible
                            ? 'Chưa'
                            : '—'}
                    </td>
                    <td class="live-players__actions">
                      {player.eliminated && allowed.has('revive') && (
                        <button
                          type="button"
                          class="button button--small"
                          aria-label={`Cứu ${player.name}`}
                          onClick={() => {
                            onCommand({ type: 'revive', playerIds: [player.id] });
                          }}
                        >
                          {COMMAND_LABELS.revive}
                        </button>
                      )}
                      {allowed.has('kick') && (
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={`Loại ${player.name} khỏi phòng thi`}
                          onClick={() => {
                            confirmThen(`Mời “${player.name}” ra khỏi phòng thi?`, {
                              type: 'kick',
                              playerId: player.id,
                            });
                          }}
                        >
                          {COMMAND_LABELS.kick}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
