// Pieces shared by the contest and round pages: paths, labels, Vietnam-time conversion, loading
// a round, and the number and date-time inputs the shared fields do not have.
import type { ComponentChildren, Ref } from 'preact';
import { useId } from 'preact/hooks';
import { ROUND_STATUS_LABELS, type RoundStatus } from '../../../../src/shared/round-rules';
import type { PredictionKind } from '../../../../src/shared/round-rules';
import type { CountPolicy, TieBreakKey } from '../../../../src/shared/round-rules';
import {
  PARTICIPANT_GROUPS,
  type ContestView,
  type Gender,
  type ParticipantGroup,
  type RoundView,
} from '../../../../src/shared/rounds';
import { apiGet } from '../../lib/api';
import { formatNumber } from '../../lib/format';

// ---- Paths -------------------------------------------------------------------------------------

export const CONTESTS_PATH = '/quan-tri/hoi-thi';
const ROUNDS_PATH = '/quan-tri/vong-thi';

const id = (value: string) => encodeURIComponent(value);
export const contestHref = (contestId: string) => `${CONTESTS_PATH}/${id(contestId)}`;
export const participantsHref = (contestId: string) => `${contestHref(contestId)}/nguoi-du-thi`;
/** The units page (another page of the organizer area). */
export const unitsHref = (contestId: string) => `${contestHref(contestId)}/don-vi`;
export const newRoundHref = (contestId: string) => `${contestHref(contestId)}/vong-thi/moi`;
export const roundHref = (roundId: string) => `${ROUNDS_PATH}/${id(roundId)}`;
export const editRoundHref = (roundId: string) => `${roundHref(roundId)}/sua`;
/** The live dashboard of a round (another page of the organizer area). */
export const dashboardHref = (roundId: string) => `${roundHref(roundId)}/tong-quan`;
/** The public results page, once they are published. */
export const publicResultsHref = (roundId: string) => `/ket-qua/${id(roundId)}`;

export const contestApi = (contestId: string) => `/contests/${id(contestId)}`;
export const roundApi = (roundId: string) => `/rounds/${id(roundId)}`;

// ---- Labels ------------------------------------------------------------------------------------

export { ROUND_STATUS_LABELS };

const STATUS_TAGS: Record<RoundStatus, string> = {
  draft: 'tag tag--muted',
  published: 'tag tag--info',
  open: 'tag tag--ok',
  closed: 'tag tag--warning',
  results_published: 'tag tag--ok',
};

export function StatusTag({ status }: { status: RoundStatus }) {
  return <span class={STATUS_TAGS[status]}>{ROUND_STATUS_LABELS[status]}</span>;
}

export const COUNT_POLICY_LABELS: Record<CountPolicy, string> = {
  best: 'Lượt có kết quả tốt nhất',
  first: 'Lượt đầu tiên',
  last: 'Lượt cuối cùng',
};

export const PREDICTION_KIND_LABELS: Record<PredictionKind, string> = {
  perfect_count: 'Số người trả lời đúng tất cả các câu',
  perfect_percent: 'Tỉ lệ phần trăm người trả lời đúng tất cả các câu',
};

export const TIE_BREAK_LABELS: Record<TieBreakKey, string> = {
  score: 'Điểm',
  prediction: 'Độ chính xác dự đoán',
  duration: 'Thời gian làm bài',
  submittedAt: 'Thời điểm nộp bài',
};

export const GENDER_LABELS: Record<Gender, string> = {
  male: 'Nam',
  female: 'Nữ',
  other: 'Khác',
};

/** Short group names for tables and tabs ("CBCCVC" rather than the full wording). */
export const GROUP_SHORT_LABELS: Record<ParticipantGroup, string> = {
  civil_servant: 'CBCCVC',
  citizen: 'Người dân',
};

/** The groups a round is for; every group when the round names none. */
export function roundGroups(round: Pick<RoundView, 'eligibleGroups'>): ParticipantGroup[] {
  return round.eligibleGroups.length > 0 ? round.eligibleGroups : [...PARTICIPANT_GROUPS];
}

// ---- Times and durations -----------------------------------------------------------------------

/** Vietnam has no daylight saving time: always UTC+7. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const LOCAL_INPUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** "2026-12-01T08:00" (Vietnam time, what a datetime-local input holds) for an ISO instant. */
export function toVietnamInput(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return new Date(time + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

/** The ISO instant (UTC) of a Vietnam-time "2026-12-01T08:00"; null when it is not one. */
export function fromVietnamInput(value: string): string | null {
  if (!LOCAL_INPUT.test(value)) return null;
  const time = Date.parse(`${value}:00+07:00`);
  if (Number.isNaN(time)) return null;
  // "2026-02-30T08:00" parses in some engines by rolling over: refuse it.
  if (toVietnamInput(new Date(time).toISOString()) !== value) return null;
  return new Date(time).toISOString();
}

const secondsFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** "12 phút 5,3 giây", "45 giây", "1 giờ 02 phút 03 giây". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const tenths = Math.round(ms / 100);
  const hours = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const seconds = (tenths % 600) / 10;
  const secondsText = `${secondsFormat.format(seconds)} giây`;
  if (hours > 0) return `${hours} giờ ${String(minutes).padStart(2, '0')} phút ${secondsText}`;
  if (minutes > 0) return `${minutes} phút ${secondsText}`;
  return secondsText;
}

/** "20 phút", "1 giờ 30 phút", "90 giây". */
export function formatTimeLimit(seconds: number): string {
  if (seconds % 60 !== 0) return `${formatNumber(seconds)} giây`;
  const hours = Math.floor(seconds / 3600);
  const minutes = (seconds % 3600) / 60;
  if (hours === 0) return `${minutes} phút`;
  return minutes === 0 ? `${hours} giờ` : `${hours} giờ ${minutes} phút`;
}

const decimalFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** "7,5" */
export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

/** A number typed by a person: "7,5" or "7.5"; null when empty or not a number. */
export function parseDecimal(text: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return Number(clean);
}

/** A whole number typed by a person; null when empty, not a number or not whole. */
export function parseWhole(text: string): number | null {
  const clean = text.trim().replace(/[\s.]/g, '');
  if (!/^\d+$/.test(clean)) return null;
  const value = Number(clean);
  return Number.isSafeInteger(value) ? value : null;
}

// ---- Loading -----------------------------------------------------------------------------------

export const loadContest = (contestId: string) => apiGet<ContestView>(contestApi(contestId));

export const loadRounds = async (contestId: string) =>
  (await apiGet<{ items: RoundView[] }>(`${contestApi(contestId)}/rounds`)).items;

/** The organizer's view of a round. */
export const loadRound = (roundId: string) => apiGet<RoundView>(roundApi(roundId));

// ---- Inputs ------------------------------------------------------------------------------------

interface InputFieldProps {
  label: ComponentChildren;
  value: string;
  onInput: (value: string) => void;
  /** `datetime-local` for a time in Vietnam; `text` with `inputMode` for numbers. */
  type?: 'text' | 'datetime-local';
  inputMode?: 'numeric' | 'decimal';
  name?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  disabled?: boolean;
  /** Narrow input for a number. */
  narrow?: boolean;
  /** Text after the input ("phút", "giây"). */
  unit?: string;
  inputRef?: Ref<HTMLInputElement>;
  maxLength?: number;
}

/** A labelled input with hint and error, like the shared fields, for numbers and times. */
export function InputField(props: InputFieldProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy =
    [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label for={inputId} class="field__label">
        {props.label}
      </label>
      {props.hint && (
        <p id={hintId} class="field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} class="field__error">
          <span class="sr-only">Lỗi: </span>
          {props.error}
        </p>
      )}
      <div class="field__row">
        <input
          id={inputId}
          ref={props.inputRef}
          class={props.narrow ? 'input input--narrow' : 'input'}
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          type={(props.type ?? 'text') as 'text'}
          inputMode={props.inputMode}
          name={props.name}
          value={props.value}
          disabled={props.disabled}
          maxLength={props.maxLength}
          autoComplete="off"
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(event) => {
            props.onInput(event.currentTarget.value);
          }}
        />
        {props.unit && <span class="field__unit">{props.unit}</span>}
      </div>
    </div>
  );
}

/** A copy button: writes `text` to the clipboard and says so. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
