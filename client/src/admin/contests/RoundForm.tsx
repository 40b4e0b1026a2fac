// Create a round (/quan-tri/hoi-thi/:id/vong-thi/moi) or change one (/quan-tri/vong-thi/:id/sua).
// Times are typed in Vietnam time and sent as ISO UTC; an edit sends only what changed, so a
// round someone already started can still be renamed (the server refuses fairness changes).
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { RoundStatus } from '../../../../src/shared/round-rules';
import { PREDICTION_KINDS, type PredictionKind } from '../../../../src/shared/round-rules';
import {
  COUNT_POLICIES,
  DEFAULT_TIE_BREAK_CHAIN,
  type CountPolicy,
  type TieBreakKey,
} from '../../../../src/shared/round-rules';
import type { ScoringPolicy } from '../../../../src/shared/round-rules';
import {
  LEADERBOARD_VISIBILITIES,
  LEADERBOARD_VISIBILITY_LABELS,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  REVIEW_POLICIES,
  REVIEW_POLICY_LABELS,
  type ContestView,
  type LeaderboardVisibility,
  type ParticipantGroup,
  type ReviewPolicy,
  type RoundView,
} from '../../../../src/shared/rounds';
import { CheckboxField, Field, SelectField } from '../../components/Field';
import { Status, type StatusMessage } from '../../components/Status';
import { ApiError, apiGet, apiPatch, apiPost, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatNumber } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import type { BankDetail, BankListResponse, TopicView } from '../../types';
import { DIFFICULTIES } from '../../types';
import { DIFFICULTY_LABELS } from '../labels';
import { bankApi, Breadcrumbs, LoadFailed, PageLoading, useLoaded } from '../banks/shared';
import {
  availableFor,
  BlueprintEditor,
  loadAvailability,
  newCell,
  type Availability,
  type CellProblem,
  type DraftCell,
} from './BlueprintEditor';
import {
  CONTESTS_PATH,
  COUNT_POLICY_LABELS,
  contestApi,
  contestHref,
  fromVietnamInput,
  InputField,
  loadContest,
  loadRound,
  parseDecimal,
  parseWhole,
  PREDICTION_KIND_LABELS,
  roundApi,
  roundHref,
  TIE_BREAK_LABELS,
  toVietnamInput,
} from './shared';

type BlueprintRequest = {
  topicCode: string;
  difficulty?: (typeof DIFFICULTIES)[number];
  count: number;
}[];

/** One participant group's own paper: another bank and blueprint. */
interface GroupDrawRequest {
  bankId: string;
  blueprint: BlueprintRequest;
}

/** What POST /contests/:id/rounds takes (and PATCH /rounds/:id, partially). */
export interface RoundRequest {
  name: string;
  opensAt: string;
  closesAt: string;
  timeLimitSeconds: number;
  attemptsAllowed: number;
  countedPolicy: CountPolicy;
  bankId: string;
  blueprint: BlueprintRequest;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  scoring: ScoringPolicy;
  predictionKind: PredictionKind;
  graceMs: number;
  reviewPolicy: ReviewPolicy;
  leaderboardVisibility: LeaderboardVisibility;
  eligibleGroups: ParticipantGroup[];
  tieBreakChain: TieBreakKey[];
  /** Replaces the round's whole object; `{}`: every group draws the round's own paper. */
  groupDraws: Partial<Record<ParticipantGroup, GroupDrawRequest>>;
}

type RoundField = keyof RoundRequest;

/** A group's own paper as typed; kept while unticked, so ticking again brings it back. */
interface GroupDraft {
  enabled: boolean;
  bankId: string;
  blueprint: DraftCell[];
}

interface Draft {
  name: string;
  opensAt: string;
  closesAt: string;
  timeLimitMinutes: string;
  attemptsAllowed: string;
  countedPolicy: CountPolicy;
  bankId: string;
  blueprint: DraftCell[];
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  scoringKind: 'equal' | 'by_difficulty';
  equalPoints: string;
  easyPoints: string;
  mediumPoints: string;
  hardPoints: string;
  partialCredit: boolean;
  predictionKind: PredictionKind;
  graceSeconds: string;
  reviewPolicy: ReviewPolicy;
  leaderboardVisibility: LeaderboardVisibility;
  eligibleGroups: ParticipantGroup[];
  tieBreakChain: TieBreakKey[];
  groupDraws: Record<ParticipantGroup, GroupDraft>;
}

type Errors = Partial<Record<RoundField, string>>;

/** What is wrong with one group's own paper. */
interface GroupProblems {
  bankId?: string;
  /** A problem of the whole blueprint (no row). */
  blueprint?: string;
  cells: CellProblem[];
}
type GroupErrors = Partial<Record<ParticipantGroup, GroupProblems>>;

const countGroupProblems = (found: GroupErrors): number =>
  Object.values(found).reduce(
    (sum, p) => sum + (p.bankId ? 1 : 0) + (p.blueprint ? 1 : 0) + p.cells.length,
    0,
  );

const DAY_MS = 86_400_000;
const numberText = (value: number) => String(value).replace('.', ',');

/** Tomorrow 08:00 to six days later 17:00, Vietnam time: a contest week. */
function defaultWindow(): { opensAt: string; closesAt: string } {
  const tomorrow = toVietnamInput(new Date(Date.now() + DAY_MS).toISOString()).slice(0, 10);
  const later = toVietnamInput(new Date(Date.now() + 7 * DAY_MS).toISOString()).slice(0, 10);
  return { opensAt: `${tomorrow}T08:00`, closesAt: `${later}T17:00` };
}

function emptyDraft(bankId: string): Draft {
  return {
    name: '',
    ...defaultWindow(),
    timeLimitMinutes: '20',
    attemptsAllowed: '1',
    countedPolicy: 'best',
    bankId,
    blueprint: [],
    shuffleQuestions: true,
    shuffleOptions: true,
    scoringKind: 'equal',
    equalPoints: '1',
    easyPoints: '1',
    mediumPoints: '2',
    hardPoints: '3',
    partialCredit: false,
    predictionKind: 'perfect_count',
    graceSeconds: '2',
    reviewPolicy: 'after_close',
    leaderboardVisibility: 'public',
    eligibleGroups: [...PARTICIPANT_GROUPS],
    tieBreakChain: [...DEFAULT_TIE_BREAK_CHAIN],
    groupDraws: {
      civil_servant: { enabled: false, bankId: '', blueprint: [] },
      citizen: { enabled: false, bankId: '', blueprint: [] },
    },
  };
}

function draftCells(blueprint: RoundView['blueprint']): DraftCell[] {
  return blueprint.map((cell) => ({
    ...newCell(cell.topicCode, String(cell.count)),
    difficulty: cell.difficulty ?? '',
  }));
}

function groupDraft(round: RoundView, group: ParticipantGroup): GroupDraft {
  const draw = round.groupDraws[group];
  return draw
    ? { enabled: true, bankId: draw.bankId, blueprint: draftCells(draw.blueprint) }
    : { enabled: false, bankId: '', blueprint: [] };
}

function roundDraft(round: RoundView): Draft {
  const points = round.scoring.points;
  const byDifficulty = points.kind === 'by_difficulty' ? points.points : null;
  return {
    name: round.name,
    opensAt: toVietnamInput(round.opensAt),
    closesAt: toVietnamInput(round.closesAt),
    timeLimitMinutes: numberText(Math.round((round.timeLimitSeconds / 60) * 100) / 100),
    attemptsAllowed: String(round.attemptsAllowed),
    countedPolicy: round.countedPolicy,
    bankId: round.bankId,
    blueprint: draftCells(round.blueprint),
    shuffleQuestions: round.shuffleQuestions,
    shuffleOptions: round.shuffleOptions,
    scoringKind: points.kind,
    equalPoints: points.kind === 'equal' ? numberText(points.points) : '1',
    easyPoints: numberText(byDifficulty?.easy ?? 1),
    mediumPoints: numberText(byDifficulty?.medium ?? 2),
    hardPoints: numberText(byDifficulty?.hard ?? 3),
    partialCredit: round.scoring.partialCredit,
    predictionKind: round.predictionKind,
    graceSeconds: numberText(round.graceMs / 1000),
    reviewPolicy: round.reviewPolicy,
    leaderboardVisibility: round.leaderboardVisibility,
    eligibleGroups: [...round.eligibleGroups],
    tieBreakChain: [...round.tieBreakChain],
    groupDraws: {
      civil_servant: groupDraft(round, 'civil_servant'),
      citizen: groupDraft(round, 'citizen'),
    },
  };
}

type Built =
  | { ok: true; request: RoundRequest }
  | { ok: false; errors: Errors; cellProblems: CellProblem[]; groupProblems: GroupErrors };

function positivePoints(text: string): number | null {
  const value = parseDecimal(text);
  return value !== null && value > 0 && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9
    ? value
    : null;
}

/** The request for a draft, or what is wrong with it (the server checks again). */
function buildRequest(draft: Draft): Built {
  const errors: Errors = {};
  const cellProblems: CellProblem[] = [];
  const name = draft.name.trim();
  if (!name) errors.name = 'Vui lòng nhập tên vòng thi.';
  const opensAt = fromVietnamInput(draft.opensAt);
  const closesAt = fromVietnamInput(draft.closesAt);
  if (!opensAt) errors.opensAt = 'Hãy chọn ngày và giờ mở vòng thi.';
  if (!closesAt) errors.closesAt = 'Hãy chọn ngày và giờ đóng vòng thi.';
  if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt))
    errors.closesAt = 'Giờ đóng vòng thi phải sau giờ mở.';
  const minutes = parseDecimal(draft.timeLimitMinutes);
  const timeLimitSeconds = minutes === null ? 0 : Math.round(minutes * 60);
  if (timeLimitSeconds < 1 || timeLimitSeconds > 24 * 3600)
    errors.timeLimitSeconds = 'Thời gian làm bài phải từ 1 giây đến 24 giờ (nhập số phút).';
  const attemptsAllowed = parseWhole(draft.attemptsAllowed);
  if (attemptsAllowed === null || attemptsAllowed < 1 || attemptsAllowed > 100)
    errors.attemptsAllowed = 'Số lượt thi phải là số nguyên từ 1 đến 100.';
  if (!draft.bankId) errors.bankId = 'Hãy chọn ngân hàng câu hỏi.';

  const { blueprint, problems } = checkCells(draft.blueprint);
  cellProblems.push(...problems);
  if (draft.blueprint.length === 0) errors.blueprint = 'Hãy thêm ít nhất một dòng vào cấu trúc đề.';

  // Only the groups the round is for: a group's paper is kept in the draft when it is unticked.
  const groupDraws: RoundRequest['groupDraws'] = {};
  const groupProblems: GroupErrors = {};
  for (const group of PARTICIPANT_GROUPS) {
    const draw = draft.groupDraws[group];
    if (!draw.enabled || !draft.eligibleGroups.includes(group)) continue;
    const checked = checkCells(draw.blueprint);
    const found: GroupProblems = { cells: checked.problems };
    if (!draw.bankId) found.bankId = 'Hãy chọn ngân hàng câu hỏi cho đối tượng này.';
    if (draw.blueprint.length === 0)
      found.blueprint = 'Hãy thêm ít nhất một dòng vào cấu trúc đề riêng.';
    if (found.bankId || found.blueprint || found.cells.length > 0) groupProblems[group] = found;
    groupDraws[group] = { bankId: draw.bankId, blueprint: checked.blueprint };
  }

  let scoring: ScoringPolicy | null = null;
  if (draft.scoringKind === 'equal') {
    const points = positivePoints(draft.equalPoints);
    if (points !== null)
      scoring = { points: { kind: 'equal', points }, partialCredit: draft.partialCredit };
  } else {
    const easy = positivePoints(draft.easyPoints);
    const medium = positivePoints(draft.mediumPoints);
    const hard = positivePoints(draft.hardPoints);
    if (easy !== null && medium !== null && hard !== null)
      scoring = {
        points: { kind: 'by_difficulty', points: { easy, medium, hard } },
        partialCredit: draft.partialCredit,
      };
  }
  if (!scoring) errors.scoring = 'Điểm mỗi câu phải là số dương, tối đa 2 chữ số thập phân.';

  const grace = parseDecimal(draft.graceSeconds);
  const graceMs = grace === null ? -1 : Math.round(grace * 1000);
  if (graceMs < 0 || graceMs > 60_000) errors.graceMs = 'Thời gian ân hạn phải từ 0 đến 60 giây.';
  if (draft.eligibleGroups.length === 0)
    errors.eligibleGroups = 'Hãy chọn ít nhất một đối tượng dự thi.';

  if (
    Object.keys(errors).length > 0 ||
    cellProblems.length > 0 ||
    Object.keys(groupProblems).length > 0 ||
    !opensAt ||
    !closesAt ||
    attemptsAllowed === null ||
    !scoring
  )
    return { ok: false, errors, cellProblems, groupProblems };
  return {
    ok: true,
    request: {
      name,
      opensAt,
      closesAt,
      timeLimitSeconds,
      attemptsAllowed,
      countedPolicy: draft.countedPolicy,
      bankId: draft.bankId,
      blueprint,
      shuffleQuestions: draft.shuffleQuestions,
      shuffleOptions: draft.shuffleOptions,
      scoring,
      predictionKind: draft.predictionKind,
      graceMs,
      reviewPolicy: draft.reviewPolicy,
      leaderboardVisibility: draft.leaderboardVisibility,
      // In the order of PARTICIPANT_GROUPS, whatever order they were ticked in.
      eligibleGroups: PARTICIPANT_GROUPS.filter((g) => draft.eligibleGroups.includes(g)),
      tieBreakChain: draft.tieBreakChain,
      groupDraws,
    },
  };
}

/** A blueprint's rows as sent, and what is wrong with them (the server checks again). */
function checkCells(cells: readonly DraftCell[]): {
  blueprint: BlueprintRequest;
  problems: CellProblem[];
} {
  const blueprint: BlueprintRequest = [];
  const problems: CellProblem[] = [];
  const seen = new Map<string, number>();
  cells.forEach((cell, index) => {
    const row = index + 1;
    const count = parseWhole(cell.count);
    if (!cell.topicCode)
      problems.push({ message: `Dòng ${row}: chưa chọn chủ đề.`, cells: [index] });
    if (count === null || count < 1 || count > 200)
      problems.push({
        message: `Dòng ${row}: số câu phải là số nguyên từ 1 đến 200.`,
        cells: [index],
      });
    const key = `${cell.topicCode}\u0000${cell.difficulty}`;
    const first = seen.get(key);
    if (cell.topicCode && first !== undefined)
      problems.push({
        message: `Dòng ${row} trùng chủ đề và mức độ với dòng ${first + 1}: hãy gộp thành một dòng.`,
        cells: [first, index],
      });
    else seen.set(key, index);
    blueprint.push({
      topicCode: cell.topicCode,
      ...(cell.difficulty ? { difficulty: cell.difficulty } : {}),
      count: count ?? 0,
    });
  });
  return { blueprint, problems };
}

/** The fields of `request` that differ from `before` (a blueprint goes with a new bank). */
function changedFields(request: RoundRequest, before: RoundRequest): Partial<RoundRequest> {
  const patch: Partial<Record<RoundField, unknown>> = {};
  for (const key of Object.keys(request) as RoundField[]) {
    if (JSON.stringify(request[key]) !== JSON.stringify(before[key])) patch[key] = request[key];
  }
  if ('bankId' in patch) patch.blueprint = request.blueprint;
  return patch as Partial<RoundRequest>;
}

const ROUND_FIELDS: readonly RoundField[] = [
  'name',
  'opensAt',
  'closesAt',
  'timeLimitSeconds',
  'attemptsAllowed',
  'countedPolicy',
  'bankId',
  'blueprint',
  'shuffleQuestions',
  'shuffleOptions',
  'scoring',
  'predictionKind',
  'graceMs',
  'reviewPolicy',
  'leaderboardVisibility',
  'eligibleGroups',
  'tieBreakChain',
  'groupDraws',
];

/** The rows a problem of the server is about: its `cells`, or the row index of its field. */
function problemRows(detail: unknown, index: string | undefined): number[] {
  const cells = (detail as { cells?: unknown }).cells;
  if (Array.isArray(cells)) return cells.filter((cell): cell is number => typeof cell === 'number');
  return index !== undefined && /^\d+$/.test(index) ? [Number(index)] : [];
}

const isGroup = (value: string | undefined): value is ParticipantGroup =>
  PARTICIPANT_GROUPS.some((group) => group === value);

/**
 * The server's field errors: one message per field, and the blueprints' problems by row. The
 * server checks a blueprint group by group and names the group first (`Đối tượng "Người dân":
 * …`): a problem of a group that has its own paper (`ownPapers`) is that paper's.
 */
function serverErrors(
  error: ApiError,
  ownPapers: readonly ParticipantGroup[],
): { errors: Errors; cellProblems: CellProblem[]; groupProblems: GroupErrors } {
  const errors: Errors = {};
  const cellProblems: CellProblem[] = [];
  const groupProblems: GroupErrors = {};
  const of = (group: ParticipantGroup): GroupProblems => (groupProblems[group] ??= { cells: [] });
  for (const detail of error.details) {
    const [head, second, third, fourth] = detail.field.split('.');
    if (head === 'blueprint') {
      const rows = problemRows(detail, second);
      const group = ownPapers.find((g) =>
        detail.message.startsWith(`Đối tượng "${PARTICIPANT_GROUP_LABELS[g]}": `),
      );
      if (group) {
        const message = detail.message.slice(
          `Đối tượng "${PARTICIPANT_GROUP_LABELS[group]}": `.length,
        );
        of(group).cells.push({ message, cells: rows });
      } else cellProblems.push({ message: detail.message, cells: rows });
      continue;
    }
    // Checks of the request's shape: groupDraws.citizen.blueprint.0.count and the like.
    if (head === 'groupDraws' && isGroup(second) && third === 'bankId') {
      of(second).bankId ??= detail.message;
      continue;
    }
    if (head === 'groupDraws' && isGroup(second) && third === 'blueprint') {
      of(second).cells.push({ message: detail.message, cells: problemRows(detail, fourth) });
      continue;
    }
    const field = ROUND_FIELDS.find((name) => name === head);
    if (field) errors[field] ??= detail.message;
  }
  return { errors, cellProblems, groupProblems };
}

function TieBreakChain({
  chain,
  onChange,
  error,
}: {
  chain: TieBreakKey[];
  onChange: (chain: TieBreakKey[]) => void;
  error: string | undefined;
}) {
  const id = useId();
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const move = (index: number, by: -1 | 1, focus: string) => {
    const next = [...chain];
    const [key] = next.splice(index, 1);
    if (key === undefined) return;
    next.splice(index + by, 0, key);
    onChange(next);
    // The list is re-ordered: keep the focus on the moved criterion's button, or on its other
    // button once it reaches an end of the list.
    requestAnimationFrame(() => {
      const same = buttons.current.get(focus);
      const other = buttons.current.get(by === -1 ? `${key}:down` : `${key}:up`);
      (same && !same.disabled ? same : other)?.focus();
    });
  };
  return (
    <fieldset class={error ? 'fieldset field--error' : 'fieldset'} aria-describedby={`${id}-hint`}>
      <legend class="field__label">Thứ tự xếp hạng</legend>
      <p id={`${id}-hint`} class="field__hint">
        Người có kết quả tốt hơn theo tiêu chí đầu tiên xếp trên; bằng nhau thì xét tiêu chí tiếp
        theo. Thể lệ thường dùng: điểm, rồi dự đoán gần đúng nhất, rồi thời gian làm bài ngắn nhất,
        rồi nộp bài sớm nhất.
      </p>
      {error && (
        <p class="field__error">
          <span class="sr-only">Lỗi: </span>
          {error}
        </p>
      )}
      <ol class="tie-break">
        {chain.map((key, index) => (
          <li key={key} class="tie-break__item">
            <span class="tie-break__label">{TIE_BREAK_LABELS[key]}</span>
            <button
              type="button"
              class="button button--secondary button--small"
              disabled={index === 0}
              ref={(element) => {
                if (element) buttons.current.set(`${key}:up`, element);
              }}
              onClick={() => {
                move(index, -1, `${key}:up`);
              }}
            >
              Lên<span class="sr-only"> (đưa “{TIE_BREAK_LABELS[key]}” lên trên)</span>
            </button>
            <button
              type="button"
              class="button button--secondary button--small"
              disabled={index === chain.length - 1}
              ref={(element) => {
                if (element) buttons.current.set(`${key}:down`, element);
              }}
              onClick={() => {
                move(index, 1, `${key}:down`);
              }}
            >
              Xuống<span class="sr-only"> (đưa “{TIE_BREAK_LABELS[key]}” xuống dưới)</span>
            </button>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

function ScoringFields({
  draft,
  set,
  error,
}: {
  draft: Draft;
  set: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  error: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset class={error ? 'fieldset field--error' : 'fieldset'}>
      <legend class="field__label">Cách tính điểm</legend>
      {error && (
        <p class="field__error">
          <span class="sr-only">Lỗi: </span>
          {error}
        </p>
      )}
      <div class="radios">
        {(
          [
            ['equal', 'Mọi câu bằng điểm nhau'],
            ['by_difficulty', 'Theo mức độ (câu khó nhiều điểm hơn)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} class="check">
            <input
              type="radio"
              class="check__input"
              name={`${id}-scoring`}
              value={value}
              checked={draft.scoringKind === value}
              onChange={() => {
                set('scoringKind', value);
              }}
            />
            <span class="check__label">{label}</span>
          </label>
        ))}
      </div>
      {draft.scoringKind === 'equal' ? (
        <InputField
          label="Điểm mỗi câu"
          inputMode="decimal"
          narrow
          value={draft.equalPoints}
          onInput={(value) => {
            set('equalPoints', value);
          }}
        />
      ) : (
        <div class="form-row">
          {DIFFICULTIES.map((level) => {
            const key = `${level}Points` as const;
            return (
              <InputField
                key={level}
                label={`Điểm câu mức ${DIFFICULTY_LABELS[level]}`}
                inputMode="decimal"
                narrow
                value={draft[key]}
                onInput={(value) => {
                  set(key, value);
                }}
              />
            );
          })}
        </div>
      )}
      <CheckboxField
        label="Tính điểm từng phần cho câu có nhiều đáp án đúng"
        checked={draft.partialCredit}
        onChange={(checked) => {
          set('partialCredit', checked);
        }}
        hint="Chọn đúng một phần được một phần điểm, chọn sai bị trừ trong câu đó; chọn tất cả không được điểm."
      />
    </fieldset>
  );
}

function GroupsField({
  groups,
  onChange,
  error,
}: {
  groups: ParticipantGroup[];
  onChange: (groups: ParticipantGroup[]) => void;
  error: string | undefined;
}) {
  return (
    <fieldset class={error ? 'fieldset field--error' : 'fieldset'}>
      <legend class="field__label">Đối tượng được dự thi</legend>
      {error && (
        <p class="field__error">
          <span class="sr-only">Lỗi: </span>
          {error}
        </p>
      )}
      {PARTICIPANT_GROUPS.map((group) => (
        <CheckboxField
          key={group}
          label={PARTICIPANT_GROUP_LABELS[group]}
          checked={groups.includes(group)}
          onChange={(checked) => {
            onChange(checked ? [...groups, group] : groups.filter((g) => g !== group));
          }}
        />
      ))}
    </fieldset>
  );
}

// ---- Banks and what they hold ------------------------------------------------------------------

/** The form's loads by key: one bank read once however many papers use it. */
type LoadCache = Map<string, Promise<unknown>>;

function loadOnce<T>(cache: LoadCache, key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  const promise = load();
  cache.set(key, promise);
  // A failed load is tried again on "Thử lại" or the next choice of the bank.
  promise.catch(() => {
    cache.delete(key);
  });
  return promise;
}

interface BankSource {
  /** The bank, once loaded (never another bank's while a new one loads). */
  bank: BankDetail | null;
  topics: readonly TopicView[];
  /** null while it loads. */
  counts: Availability | null;
  error: string | undefined;
}

/** A bank's topics and how many published questions it has per row and group. */
function useBankSource(bankId: string, cache: LoadCache): BankSource {
  const bank = useLoaded(`bank-${bankId}`, () =>
    bankId
      ? loadOnce(cache, `bank-${bankId}`, () => apiGet<BankDetail>(bankApi(bankId)))
      : Promise.resolve(null),
  );
  const availability = useLoaded(`available-${bankId}`, () =>
    bankId
      ? loadOnce(cache, `available-${bankId}`, () => loadAvailability(bankId))
      : Promise.resolve(null),
  );
  const current = bank.data && !bank.stale ? bank.data : null;
  return {
    bank: current,
    topics: current?.topics ?? [],
    counts: availability.data && !availability.stale ? availability.data : null,
    error: bank.error ? bank.error.message : availability.error?.message,
  };
}

/**
 * One row per topic of a bank, 2 questions when every group can have them: the usual
 * stratified draw, to adjust rather than to type from nothing.
 */
function defaultCells(
  topics: readonly TopicView[],
  counts: Availability,
  groups: readonly ParticipantGroup[],
): DraftCell[] {
  return topics
    .map((topic) => {
      const available = Math.min(
        ...groups.map((group) => availableFor(counts, topic.code, '', group)),
      );
      return available > 0 ? newCell(topic.code, String(Math.min(2, available))) : null;
    })
    .filter((cell): cell is DraftCell => cell !== null);
}

// ---- Each group's own paper ---------------------------------------------------------------------

type BankOption = { value: string; label: string };

function GroupDrawField({
  group,
  draw,
  onChange,
  roundBankId,
  banks,
  problems,
  cache,
}: {
  group: ParticipantGroup;
  draw: GroupDraft;
  onChange: (change: Partial<GroupDraft>) => void;
  /** The round's own bank: a new paper starts from it. */
  roundBankId: string;
  banks: readonly BankOption[];
  problems: GroupProblems | undefined;
  cache: LoadCache;
}) {
  const label = PARTICIPANT_GROUP_LABELS[group];
  const source = useBankSource(draw.enabled ? draw.bankId : '', cache);

  // A new paper starts with a row per topic the group has questions for; so does a paper left
  // as it was filled in when another bank is chosen.
  const prefilled = useRef<{ bankId: string; cells: DraftCell[] } | null>(null);
  useEffect(() => {
    if (!draw.enabled || !source.counts || !source.bank) return;
    if (prefilled.current?.bankId === draw.bankId) return;
    if (draw.blueprint.length > 0 && draw.blueprint !== prefilled.current?.cells) return;
    const cells = defaultCells(source.bank.topics, source.counts, [group]);
    prefilled.current = { bankId: draw.bankId, cells };
    if (cells.length > 0) onChange({ blueprint: cells });
  }, [draw.enabled, draw.bankId, source.counts, source.bank]);

  const options = [
    ...(draw.bankId ? [] : [{ value: '', label: 'Chọn ngân hàng câu hỏi…' }]),
    ...banks,
  ];
  return (
    <div class="group-draw">
      <CheckboxField
        label={`Dùng đề riêng cho ${label}`}
        checked={draw.enabled}
        onChange={(checked) => {
          onChange(
            checked ? { enabled: true, bankId: draw.bankId || roundBankId } : { enabled: false },
          );
        }}
      />
      {draw.enabled && (
        <div class="group-draw__body">
          <SelectField
            label={`Ngân hàng câu hỏi cho ${label}`}
            value={draw.bankId}
            options={options}
            onChange={(value) => {
              onChange({ bankId: value });
            }}
            error={problems?.bankId}
          />
          <BlueprintEditor
            cells={draw.blueprint}
            onChange={(cells) => {
              onChange({ blueprint: cells });
            }}
            topics={source.topics}
            availability={source.counts}
            groups={[group]}
            problems={problems?.cells ?? []}
            error={problems?.blueprint ?? source.error}
            paperFor={label}
          />
        </div>
      )}
    </div>
  );
}

function GroupDrawsField({
  groups,
  draws,
  onChange,
  roundBankId,
  banks,
  problems,
  error,
  cache,
}: {
  groups: readonly ParticipantGroup[];
  draws: Record<ParticipantGroup, GroupDraft>;
  onChange: (group: ParticipantGroup, change: Partial<GroupDraft>) => void;
  roundBankId: string;
  banks: readonly BankOption[];
  problems: GroupErrors;
  error: string | undefined;
  cache: LoadCache;
}) {
  const hintId = useId();
  const everyoneOwn = groups.length > 0 && groups.every((group) => draws[group].enabled);
  return (
    <fieldset
      class={error ? 'fieldset field--error group-draws' : 'fieldset group-draws'}
      aria-describedby={hintId}
    >
      <legend class="field__label">Đề riêng cho từng đối tượng</legend>
      <p id={hintId} class="field__hint">
        Không đánh dấu: đối tượng đó rút đề từ ngân hàng và cấu trúc đề ở trên. Đánh dấu để rút đề
        cho đối tượng từ ngân hàng và cấu trúc đề riêng.
      </p>
      {error && (
        <p class="field__error">
          <span class="sr-only">Lỗi: </span>
          {error}
        </p>
      )}
      {everyoneOwn && (
        <p class="notice">
          Mọi đối tượng đều có đề riêng: ngân hàng và cấu trúc đề ở trên không được dùng để rút đề.
        </p>
      )}
      {groups.map((group) => (
        <GroupDrawField
          key={group}
          group={group}
          draw={draws[group]}
          onChange={(change) => {
            onChange(group, change);
          }}
          roundBankId={roundBankId}
          banks={banks}
          problems={problems[group]}
          cache={cache}
        />
      ))}
    </fieldset>
  );
}

// ---- The form -----------------------------------------------------------------------------------

const LOCKED_STATUSES: readonly RoundStatus[] = ['closed', 'results_published'];

function RoundFormBody({
  contest,
  round,
  banks,
}: {
  contest: ContestView;
  round: RoundView | null;
  banks: BankListResponse['items'];
}) {
  const [initial] = useState<Draft>(() =>
    round
      ? roundDraft(round)
      : emptyDraft((banks.find((bank) => bank.published > 0) ?? banks.at(0))?.id ?? ''),
  );
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [cellProblems, setCellProblems] = useState<CellProblem[]>([]);
  const [groupProblems, setGroupProblems] = useState<GroupErrors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
  };
  const setGroupDraw = (group: ParticipantGroup, change: Partial<GroupDraft>) => {
    setDraft((current) => ({
      ...current,
      groupDraws: {
        ...current.groupDraws,
        [group]: { ...current.groupDraws[group], ...change },
      },
    }));
  };

  const cache = useRef<LoadCache>(new Map());
  const source = useBankSource(draft.bankId, cache.current);
  const counts = source.counts;

  // A new round starts with one row per topic of the chosen bank (2 questions when it can):
  // the usual stratified draw, to adjust rather than to type from nothing.
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (round || !counts || !source.bank) return;
    if (prefilledFor.current === draft.bankId) return;
    const untouched = draft.blueprint.every((cell) => !cell.topicCode && !cell.count);
    prefilledFor.current = draft.bankId;
    if (!untouched) return;
    const cells = defaultCells(source.bank.topics, counts, draft.eligibleGroups);
    if (cells.length > 0) set('blueprint', cells);
  }, [counts, source.bank, draft.bankId]);

  const locked = round !== null && LOCKED_STATUSES.includes(round.status);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const built = buildRequest(draft);
    if (!built.ok) {
      setErrors(built.errors);
      setCellProblems(built.cellProblems);
      setGroupProblems(built.groupProblems);
      const count =
        Object.keys(built.errors).length +
        built.cellProblems.length +
        countGroupProblems(built.groupProblems);
      setStatus({
        kind: 'error',
        text: `Chưa lưu được: có ${formatNumber(count)} chỗ cần sửa, ghi bên cạnh từng mục.`,
      });
      if (built.errors.name) nameRef.current?.focus();
      return;
    }
    setErrors({});
    setCellProblems([]);
    setGroupProblems({});
    let body: Partial<RoundRequest> = built.request;
    if (round) {
      const before = buildRequest(initial);
      if (before.ok) body = changedFields(built.request, before.request);
      if (Object.keys(body).length === 0) {
        setStatus({ kind: 'info', text: 'Không có thay đổi nào để lưu.' });
        return;
      }
    }
    setBusy(true);
    setStatus({ kind: 'info', text: round ? 'Đang lưu vòng thi…' : 'Đang tạo vòng thi…' });
    try {
      const saved = round
        ? await apiPatch<RoundView>(roundApi(round.id), body)
        : await apiPost<RoundView>(`${contestApi(contest.id)}/rounds`, body);
      setFlash(
        round
          ? `Đã lưu vòng thi “${saved.name}”.`
          : `Đã tạo vòng thi “${saved.name}” (nháp). Kiểm tra lại rồi bấm “Công bố” để người dự thi thấy vòng thi.`,
      );
      navigate(roundHref(saved.id));
    } catch (error) {
      if (error instanceof ApiError) {
        const ownPapers = PARTICIPANT_GROUPS.filter((g) => g in built.request.groupDraws);
        const found = serverErrors(error, ownPapers);
        setErrors(found.errors);
        setCellProblems(found.cellProblems);
        setGroupProblems(found.groupProblems);
        if (found.errors.name) nameRef.current?.focus();
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
      setBusy(false);
    }
  }

  const bankList: BankOption[] = banks.map((item) => ({
    value: item.id,
    label: `${item.name} (${formatNumber(item.published)} câu công khai)`,
  }));
  const bankOptions = [
    ...(draft.bankId ? [] : [{ value: '', label: 'Chọn ngân hàng câu hỏi…' }]),
    ...bankList,
  ];
  const blueprintError = errors.blueprint ?? source.error;
  const groups = draft.eligibleGroups.length > 0 ? draft.eligibleGroups : PARTICIPANT_GROUPS;

  return (
    <form
      class="form round-form"
      noValidate
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      {locked && (
        <p class="notice">Vòng thi đã đóng: máy chủ sẽ không cho thay đổi thể lệ, chỉ đổi tên.</p>
      )}
      {round && !locked && round.status !== 'draft' && (
        <p class="notice">
          Vòng thi đã công bố. Khi đã có người bắt đầu làm bài, không thể thay đổi cấu trúc đề, thời
          gian làm bài, số lượt thi hay cách tính điểm; tên và các thiết lập khác vẫn đổi được.
        </p>
      )}

      <section aria-labelledby="chung" class="card">
        <h2 id="chung">Thông tin chung</h2>
        <Field
          label="Tên vòng thi"
          name="name"
          value={draft.name}
          onInput={(value) => {
            set('name', value);
          }}
          error={errors.name}
          hint="Ví dụ: Tuần thi thứ nhất."
          maxLength={200}
          required
          autoComplete="off"
          inputRef={nameRef}
        />
        <div class="form-row">
          <InputField
            label="Mở lúc (giờ Việt Nam)"
            type="datetime-local"
            name="opensAt"
            value={draft.opensAt}
            onInput={(value) => {
              set('opensAt', value);
            }}
            error={errors.opensAt}
          />
          <InputField
            label="Đóng lúc (giờ Việt Nam)"
            type="datetime-local"
            name="closesAt"
            value={draft.closesAt}
            onInput={(value) => {
              set('closesAt', value);
            }}
            error={errors.closesAt}
          />
        </div>
        <GroupsField
          groups={draft.eligibleGroups}
          onChange={(groups) => {
            set('eligibleGroups', groups);
          }}
          error={errors.eligibleGroups}
        />
      </section>

      <section aria-labelledby="de-thi" class="card">
        <h2 id="de-thi">Đề thi</h2>
        <SelectField
          label="Ngân hàng câu hỏi"
          name="bankId"
          value={draft.bankId}
          options={bankOptions}
          onChange={(value) => {
            set('bankId', value);
          }}
          error={errors.bankId}
          hint="Chỉ những câu hỏi đã công khai mới được rút vào đề."
        />
        <BlueprintEditor
          cells={draft.blueprint}
          onChange={(cells) => {
            set('blueprint', cells);
          }}
          topics={source.topics}
          availability={counts}
          groups={groups}
          problems={cellProblems}
          error={blueprintError}
        />
        <GroupDrawsField
          groups={PARTICIPANT_GROUPS.filter((group) => groups.includes(group))}
          draws={draft.groupDraws}
          onChange={setGroupDraw}
          roundBankId={draft.bankId}
          banks={bankList}
          problems={groupProblems}
          error={errors.groupDraws}
          cache={cache.current}
        />
        <CheckboxField
          label="Xáo trộn thứ tự câu hỏi"
          checked={draft.shuffleQuestions}
          onChange={(checked) => {
            set('shuffleQuestions', checked);
          }}
        />
        <CheckboxField
          label="Xáo trộn thứ tự phương án trả lời"
          checked={draft.shuffleOptions}
          onChange={(checked) => {
            set('shuffleOptions', checked);
          }}
        />
      </section>

      <section aria-labelledby="lam-bai" class="card">
        <h2 id="lam-bai">Làm bài và tính điểm</h2>
        <div class="form-row">
          <InputField
            label="Thời gian làm bài"
            inputMode="decimal"
            narrow
            unit="phút"
            name="timeLimitMinutes"
            value={draft.timeLimitMinutes}
            onInput={(value) => {
              set('timeLimitMinutes', value);
            }}
            error={errors.timeLimitSeconds}
          />
          <InputField
            label="Số lượt thi mỗi người"
            inputMode="numeric"
            narrow
            name="attemptsAllowed"
            value={draft.attemptsAllowed}
            onInput={(value) => {
              set('attemptsAllowed', value);
            }}
            error={errors.attemptsAllowed}
          />
          <SelectField
            label="Lượt được tính"
            name="countedPolicy"
            value={draft.countedPolicy}
            options={COUNT_POLICIES.map((value) => ({ value, label: COUNT_POLICY_LABELS[value] }))}
            onChange={(value) => {
              set('countedPolicy', value);
            }}
            error={errors.countedPolicy}
            hint="Khi được thi nhiều lượt."
          />
        </div>
        <ScoringFields draft={draft} set={set} error={errors.scoring} />
        <SelectField
          label="Câu hỏi dự đoán"
          name="predictionKind"
          value={draft.predictionKind}
          options={PREDICTION_KINDS.map((value) => ({
            value,
            label: PREDICTION_KIND_LABELS[value],
          }))}
          onChange={(value) => {
            set('predictionKind', value);
          }}
          error={errors.predictionKind}
          hint="Người dự thi đoán con số này sau khi trả lời; dự đoán gần đúng nhất được xếp trên khi bằng điểm."
        />
        <InputField
          label="Thời gian ân hạn cho mạng chậm"
          inputMode="decimal"
          narrow
          unit="giây"
          name="graceSeconds"
          value={draft.graceSeconds}
          onInput={(value) => {
            set('graceSeconds', value);
          }}
          error={errors.graceMs}
          hint="Câu trả lời gửi trễ trong khoảng này sau khi hết giờ vẫn được ghi nhận. Đồng hồ của người dự thi vẫn dừng đúng giờ."
        />
      </section>

      <section aria-labelledby="ket-qua" class="card">
        <h2 id="ket-qua">Xếp hạng và công bố</h2>
        <TieBreakChain
          chain={draft.tieBreakChain}
          onChange={(chain) => {
            set('tieBreakChain', chain);
          }}
          error={errors.tieBreakChain}
        />
        <SelectField
          label="Xem đáp án"
          name="reviewPolicy"
          value={draft.reviewPolicy}
          options={REVIEW_POLICIES.map((value) => ({
            value,
            label: REVIEW_POLICY_LABELS[value],
          }))}
          onChange={(value) => {
            set('reviewPolicy', value);
          }}
          error={errors.reviewPolicy}
        />
        <SelectField
          label="Bảng xếp hạng trực tiếp"
          name="leaderboardVisibility"
          value={draft.leaderboardVisibility}
          options={LEADERBOARD_VISIBILITIES.map((value) => ({
            value,
            label: LEADERBOARD_VISIBILITY_LABELS[value],
          }))}
          onChange={(value) => {
            set('leaderboardVisibility', value);
          }}
          error={errors.leaderboardVisibility}
          hint="Bảng công khai chỉ hiện họ tên, đơn vị và số điện thoại đã che."
        />
      </section>

      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          {round ? 'Lưu vòng thi' : 'Tạo vòng thi'}
        </button>
        <a
          href={round ? roundHref(round.id) : contestHref(contest.id)}
          class="button button--secondary"
        >
          Hủy
        </a>
      </div>
      <Status message={status} />
    </form>
  );
}

export function RoundForm(props: { contestId: string } | { roundId: string }) {
  const roundId = 'roundId' in props ? props.roundId : null;
  const round = useLoaded(`round-${roundId ?? ''}`, () =>
    roundId ? loadRound(roundId) : Promise.resolve(null),
  );
  const contestId = 'contestId' in props ? props.contestId : (round.data?.contestId ?? null);
  const contest = useLoaded(`contest-${contestId ?? ''}`, () =>
    contestId ? loadContest(contestId) : Promise.resolve(null),
  );
  const banks = useLoaded('banks', () => apiGet<BankListResponse>('/banks'));
  const title = roundId ? 'Sửa vòng thi' : 'Tạo vòng thi';
  usePageTitle(round.data ? `Sửa vòng thi “${round.data.name}”` : title);

  const error = round.error ?? contest.error ?? banks.error;
  if (error) {
    return (
      <LoadFailed
        title={roundId ? 'Vòng thi' : 'Hội thi'}
        error={error}
        onRetry={() => {
          round.reload();
          contest.reload();
          banks.reload();
        }}
        back={{ href: CONTESTS_PATH, label: 'Về danh sách hội thi' }}
      />
    );
  }
  if ((roundId && !round.data) || !contest.data || !banks.data) {
    return <PageLoading title={title} text="Đang tải…" />;
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { href: CONTESTS_PATH, label: 'Hội thi' },
          { href: contestHref(contest.data.id), label: contest.data.name },
          ...(round.data ? [{ href: roundHref(round.data.id), label: round.data.name }] : []),
          { label: roundId ? 'Sửa' : 'Tạo vòng thi' },
        ]}
      />
      <h1>{round.data ? `Sửa vòng thi “${round.data.name}”` : title}</h1>
      {banks.data.items.length === 0 ? (
        <p class="notice">
          Chưa có ngân hàng câu hỏi nào. Hãy <a href="/quan-tri/ngan-hang">tạo ngân hàng</a> và công
          khai câu hỏi trước khi tạo vòng thi.
        </p>
      ) : (
        <RoundFormBody contest={contest.data} round={round.data} banks={banks.data.items} />
      )}
    </>
  );
}
