// The public practice API. Session calls carry the session's token in a header.
import type {
  PracticeFeedback,
  PracticeMode,
  PracticeSessionCreated,
  PracticeSessionView,
  PracticeSummary,
  PracticeTopic,
} from '../../../../src/shared/practice';
import { ApiError, apiGet, apiPost, request } from '../../lib/api';
import { forgetMissed, handOff, saveCurrent, savePending } from './storage';

/** A session being played: what the server sent, plus the token kept on this device. */
export interface ActiveSession extends PracticeSessionView {
  token: string;
}

export type PracticeLength = 10 | 20 | 30;
export const LENGTHS: readonly PracticeLength[] = [10, 20, 30];

export interface StartRequest {
  mode: PracticeMode;
  length: PracticeLength;
  topicIds?: string[];
  questionIds?: string[];
}

export type AnswerReply = PracticeFeedback & { alreadyAnswered: boolean };

/** The shortest allowed length that holds `count` questions (30 at most). */
export function lengthFor(count: number): PracticeLength {
  return LENGTHS.find((length) => length >= count) ?? 30;
}

function withToken<T>(
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  return request<T>(method, path, body, {
    headers: { 'X-Practice-Token': token },
    notify: false,
  });
}

export const fetchTopics = () =>
  apiGet<{ items: PracticeTopic[] }>('/practice/topics').then((body) => body.items);

export const startSession = (request: StartRequest) =>
  apiPost<PracticeSessionCreated>('/practice/sessions', request);

export const fetchSession = (id: string, token: string) =>
  withToken<PracticeSessionView>('GET', `/practice/sessions/${encodeURIComponent(id)}`, token);

export const sendAnswer = (id: string, token: string, position: number, chosen: number[]) =>
  withToken<AnswerReply>('POST', `/practice/sessions/${encodeURIComponent(id)}/answers`, token, {
    position,
    chosen,
  });

export const fetchSummary = (id: string, token: string) =>
  withToken<PracticeSummary>('GET', `/practice/sessions/${encodeURIComponent(id)}/summary`, token);

/** The stored session is gone (deleted, or a token that does not match). */
export const isSessionGone = (error: unknown) =>
  error instanceof ApiError &&
  (error.code === 'PRACTICE_SESSION_NOT_FOUND' || error.status === 404);

/**
 * Starts a session and remembers it on this device. A "missed" session that could have held
 * every id sent but did not, tells which questions left practice: they are forgotten.
 */
export async function startAndRemember(request: StartRequest): Promise<PracticeSessionCreated> {
  const sent = request.mode === 'missed' ? (request.questionIds ?? []) : [];
  let created: PracticeSessionCreated;
  try {
    created = await startSession(request);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NO_PRACTICE_QUESTIONS') forgetMissed(sent);
    throw error;
  }
  if (sent.length <= request.length) {
    const drawn = new Set(created.questions.map((question) => question.questionId));
    forgetMissed(sent.filter((id) => !drawn.has(id)));
  }
  saveCurrent({
    id: created.id,
    token: created.token,
    total: created.questions.length,
    answered: 0,
  });
  savePending(null);
  handOff(created);
  return created;
}
