/** Practice API shapes. Shared by server and client. */
import type { QuestionType } from '../question-banks/domain/question';

export type PracticeMode = 'topics' | 'mix' | 'missed';
export const PRACTICE_LENGTHS = [10, 20, 30] as const;

export interface PracticeTopic {
  id: string;
  code: string;
  name: string;
  bankName: string;
  questions: number;
}

/** A question as a participant sees it: no answer key. */
export interface PracticeQuestion {
  position: number;
  questionId: string;
  topic: string;
  type: QuestionType;
  text: string;
  options: string[];
}

/** What the server says once a question is answered: only then the key and the explanation. */
export interface PracticeFeedback {
  position: number;
  chosen: number[];
  correct: boolean;
  correctOptions: number[];
  explanation: string;
  source: { document: string; article: string | null };
}

export interface PracticeSessionView {
  id: string;
  mode: PracticeMode;
  createdAt: string;
  questions: PracticeQuestion[];
  answers: PracticeFeedback[];
}

export interface PracticeSessionCreated extends PracticeSessionView {
  /** Keep it (local storage) to resume the session; send it as the X-Practice-Token header. */
  token: string;
}

export interface PracticeSummary {
  total: number;
  answered: number;
  correct: number;
  byTopic: { topic: string; total: number; correct: number }[];
  missedQuestionIds: string[];
}

export interface PracticeStats {
  from: string;
  to: string;
  totals: { sessions: number; answers: number; correct: number };
  days: { day: string; sessions: number; answers: number; correct: number }[];
  topics: { topicId: string; topic: string; answers: number; correct: number }[];
  mostMissed: {
    questionId: string;
    code: string | null;
    text: string;
    topic: string;
    answers: number;
    wrong: number;
  }[];
}
