/**
 * Creating a live room: default settings per format, validation of the settings, the questions
 * and the contestant roster (runtime checks: the input may come from JSON), the initial state
 * in the lobby.
 */
import {
  ANSWER_POLICIES,
  LIVE_FORMATS,
  LIVE_QUESTION_KINDS,
  LIVE_QUESTION_TYPES,
  LiveFormat,
  LiveQuestion,
  LiveQuestionInput,
  LiveRejection,
  LiveSettings,
  LiveState,
  TEAM_SCORING_MODES,
  reject,
} from './live-room.types';
import { validateRoster } from './roster';

export const MIN_TIME_LIMIT_MS = 1_000;
export const MAX_TIME_LIMIT_MS = 600_000;
export const MAX_OPTIONS = 10;

export function defaultSettings(format: LiveFormat): LiveSettings {
  return {
    format,
    speedBonus: format === 'classic',
    streakBonus: 0,
    streakBonusCap: 500,
    readTimeMs: format === 'classic' ? 3_000 : 0,
    graceMs: 500,
    answerPolicy: 'first_final',
    lockWhenAllAnswered: true,
    maxPlayers: 200,
    allowLateJoin: false,
    allEliminatedRevert: true,
    buzzerPenalty: 0,
    teamScoring: 'sum',
    leaderboardSize: 10,
  };
}

export interface CreateLiveRoomInput {
  roomId: string;
  format: LiveFormat;
  questions: LiveQuestionInput[];
  settings?: Partial<Omit<LiveSettings, 'format'>>;
  /**
   * The contestant list: only these numbers may join, under these names and teams. Absent or
   * null: anyone with the code. With a roster, `maxPlayers` defaults to its size.
   */
  roster?: readonly { number: string; name: string; team?: string | null }[] | null;
}

export type CreateLiveRoomResult = { ok: true; state: LiveState } | LiveRejection;

const INTEGER_LIMITS: Record<
  Exclude<
    keyof LiveSettings,
    | 'format'
    | 'speedBonus'
    | 'answerPolicy'
    | 'lockWhenAllAnswered'
    | 'allowLateJoin'
    | 'allEliminatedRevert'
    | 'teamScoring'
  >,
  [number, number, string]
> = {
  streakBonus: [0, 100_000, 'Điểm thưởng chuỗi'],
  streakBonusCap: [0, 1_000_000, 'Mức trần điểm thưởng chuỗi'],
  readTimeMs: [0, 600_000, 'Thời gian đọc câu hỏi'],
  graceMs: [0, 10_000, 'Thời gian gia hạn do mạng chậm'],
  maxPlayers: [1, 5_000, 'Số người chơi tối đa'],
  buzzerPenalty: [0, 1_000_000, 'Điểm trừ khi trả lời sai'],
  leaderboardSize: [1, 100, 'Số dòng bảng xếp hạng'],
};

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

export function validateSettings(settings: LiveSettings): LiveRejection | null {
  const bad = (message: string) => reject('invalid_settings', message);
  if (!LIVE_FORMATS.includes(settings.format)) return bad('Thể thức thi không hợp lệ.');
  if (!ANSWER_POLICIES.includes(settings.answerPolicy))
    return bad('Cách tính câu trả lời không hợp lệ.');
  if (!TEAM_SCORING_MODES.includes(settings.teamScoring))
    return bad('Cách tính điểm đội không hợp lệ.');
  for (const key of [
    'speedBonus',
    'lockWhenAllAnswered',
    'allowLateJoin',
    'allEliminatedRevert',
  ] as const) {
    if (typeof settings[key] !== 'boolean') return bad(`Tùy chọn ${key} phải là true hoặc false.`);
  }
  for (const [key, [min, max, label]] of Object.entries(INTEGER_LIMITS)) {
    const value = settings[key as keyof typeof INTEGER_LIMITS];
    if (!isInt(value, min, max)) return bad(`${label} phải là số nguyên từ ${min} đến ${max}.`);
  }
  return null;
}

/** Checks one question; returns a Vietnamese problem or null. */
export function questionProblem(q: LiveQuestionInput): string | null {
  if (typeof q.id !== 'string' || q.id.trim() === '') return 'thiếu mã câu hỏi.';
  if (typeof q.text !== 'string' || q.text.trim() === '') return 'thiếu nội dung câu hỏi.';
  if (!LIVE_QUESTION_TYPES.includes(q.type)) return 'loại câu hỏi không hợp lệ.';
  if (q.kind !== undefined && !LIVE_QUESTION_KINDS.includes(q.kind))
    return 'dạng câu hỏi không hợp lệ.';
  if (!Array.isArray(q.options) || q.options.some((o) => typeof o !== 'string' || o.trim() === ''))
    return 'các phương án phải là chữ, không được để trống.';
  if (q.type === 'true_false' && q.options.length !== 2)
    return 'câu Đúng/Sai phải có đúng 2 phương án.';
  if (q.options.length < 2 || q.options.length > MAX_OPTIONS)
    return `phải có từ 2 đến ${MAX_OPTIONS} phương án.`;
  if (!Array.isArray(q.correct) || q.correct.some((c) => !isInt(c, 0, q.options.length - 1)))
    return 'đáp án đúng phải là số thứ tự của một phương án.';
  if (new Set(q.correct).size !== q.correct.length) return 'đáp án đúng bị lặp.';
  if (q.type === 'multiple' ? q.correct.length < 1 : q.correct.length !== 1)
    return q.type === 'multiple'
      ? 'câu nhiều lựa chọn phải có ít nhất 1 đáp án đúng.'
      : 'câu một lựa chọn phải có đúng 1 đáp án đúng.';
  if (!isInt(q.points, 0, 1_000_000)) return 'điểm phải là số nguyên không âm.';
  if (!isInt(q.timeLimitMs, MIN_TIME_LIMIT_MS, MAX_TIME_LIMIT_MS))
    return `thời gian trả lời phải từ ${MIN_TIME_LIMIT_MS / 1000} đến ${MAX_TIME_LIMIT_MS / 1000} giây.`;
  if (q.explanation !== undefined && typeof q.explanation !== 'string')
    return 'phần giải thích phải là chữ.';
  return null;
}

function normalizeQuestion(q: LiveQuestionInput): LiveQuestion {
  return {
    id: q.id,
    text: q.text,
    options: [...q.options],
    correct: [...q.correct].sort((a, b) => a - b),
    type: q.type,
    points: q.points,
    timeLimitMs: q.timeLimitMs,
    explanation: q.explanation ?? null,
    kind: q.kind ?? 'normal',
  };
}

/** A new room in the lobby, or the first problem found in the input. */
export function createLiveRoom(input: CreateLiveRoomInput): CreateLiveRoomResult {
  if (typeof input.roomId !== 'string' || input.roomId.trim() === '')
    return reject('invalid_input', 'Thiếu mã phòng thi.');
  if (!LIVE_FORMATS.includes(input.format))
    return reject('invalid_settings', 'Thể thức thi không hợp lệ.');
  const checkedRoster =
    input.roster === undefined || input.roster === null ? null : validateRoster(input.roster);
  if (checkedRoster !== null && !checkedRoster.ok) return checkedRoster;
  const roster = checkedRoster?.roster ?? null;
  const settings: LiveSettings = {
    ...defaultSettings(input.format),
    ...(roster === null ? {} : { maxPlayers: roster.length }),
    ...input.settings,
    format: input.format,
  };
  const settingsProblem = validateSettings(settings);
  if (settingsProblem) return settingsProblem;
  if (roster !== null && settings.maxPlayers < roster.length)
    return reject(
      'invalid_settings',
      `Số người chơi tối đa (${settings.maxPlayers}) nhỏ hơn số thí sinh trong danh sách (${roster.length}).`,
    );

  if (!Array.isArray(input.questions) || input.questions.length === 0)
    return reject('invalid_question', 'Phòng thi chưa có câu hỏi nào.');
  const ids = new Set<string>();
  for (const [i, q] of input.questions.entries()) {
    const problem = questionProblem(q);
    if (problem) return reject('invalid_question', `Câu hỏi thứ ${i + 1}: ${problem}`);
    if (ids.has(q.id))
      return reject('invalid_question', `Câu hỏi thứ ${i + 1}: mã câu hỏi bị trùng.`);
    ids.add(q.id);
  }
  const questions = input.questions.map(normalizeQuestion);
  if (!questions.some((q) => q.kind !== 'rescue'))
    return reject(
      'invalid_question',
      'Phòng thi cần ít nhất một câu hỏi chính (không phải câu cứu trợ).',
    );

  return {
    ok: true,
    state: {
      schema: 1,
      roomId: input.roomId,
      settings,
      questions,
      roster,
      phase: 'lobby',
      paused: null,
      players: [],
      run: null,
      history: [],
      startedAt: null,
      finishedAt: null,
    },
  };
}
