// API shapes of the client. Those the server also uses come from `src/shared/` (and the pure
// question model), so a change on one side breaks the other side's build, not production.

export { ROLES, type Role } from '../../src/shared/roles';
export type { AccountView as Account } from '../../src/shared/accounts';
export type { BankDetail, BankSummary, TopicView } from '../../src/shared/question-banks';
export {
  AUDIENCES,
  DIFFICULTIES,
  OPTION_LETTERS,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  TRUE_FALSE_OPTIONS,
  type Audience,
  type Difficulty,
  type LegalSource,
  type QuestionStatus,
  type QuestionType,
} from '../../src/question-banks/domain/question';
import type { AccountView as Account } from '../../src/shared/accounts';
import type { Role } from '../../src/shared/roles';
import type { BankSummary } from '../../src/shared/question-banks';
import type {
  Audience,
  Difficulty,
  LegalSource,
  QuestionStatus,
  QuestionType,
} from '../../src/question-banks/domain/question';

export interface AccountResponse {
  account: Account;
}

export interface AccountListResponse {
  items: Account[];
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface CreateAccountRequest {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

export interface UpdateAccountRequest {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

export interface ResetPasswordRequest {
  password: string;
}

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.password_changed'
  | 'account.created'
  | 'account.updated'
  | 'account.password_reset'
  | 'bank.created'
  | 'bank.updated'
  | 'bank.deleted'
  | 'bank.imported'
  | 'topic.created'
  | 'question.created'
  | 'question.updated'
  | 'question.deleted';

export interface AuditEntry {
  id: string;
  at: string;
  /** null for what the system did by itself (loading the sample bank at start-up). */
  actor: { id: string; username: string } | null;
  /** One of {@link AuditAction} today; the server may add more. */
  action: string;
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ErrorDetail {
  field: string;
  message: string;
}

/** Body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

export interface HealthResponse {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, unknown>;
}

/** Minimum length of a new password; the server is the authority. */
export const MIN_PASSWORD_LENGTH = 10;

// ---- Question banks ----------------------------------------------------------------------------

/** The server's limits for one question; it stays the authority. */
export const QUESTION_LIMITS = {
  minOptions: 2,
  maxOptions: 6,
  maxText: 2000,
  maxOption: 500,
  maxExplanation: 4000,
  maxCode: 50,
  maxSourceDocument: 500,
  maxSourceArticle: 200,
  maxTags: 20,
  maxTag: 60,
} as const;

/** Largest file the import accepts (10 MB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface BankListResponse {
  items: BankSummary[];
}

export interface CreateBankRequest {
  name: string;
  description?: string;
}

export type UpdateBankRequest = Partial<CreateBankRequest> & { practiceEnabled?: boolean };

export interface CreateTopicRequest {
  name: string;
  code?: string;
  description?: string;
}

/** What the editor sends (POST /banks/:id/questions, PUT /questions/:id); nothing else. */
export interface QuestionInput {
  topicId: string;
  code: string | null;
  type: QuestionType;
  text: string;
  options: string[];
  /** Zero-based indexes of the correct options. */
  correct: number[];
  difficulty: Difficulty;
  explanation: string;
  source: LegalSource;
  tags: string[];
  audience: Audience;
  image: string | null;
  status: QuestionStatus;
  practice: boolean;
}

/** A question with its answer key, for organizers only. */
export interface QuestionAdminView extends Omit<QuestionInput, 'topicId'> {
  id: string;
  bankId: string;
  topicId: string;
  topicName: string;
  /** The topic's code. */
  topic: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface QuestionVersion {
  version: number;
  createdAt: string;
  /** Account id of the author; null for the system (sample bank, imports without a session). */
  createdBy: string | null;
}

export interface QuestionDetail extends QuestionAdminView {
  /** Newest first. */
  versions: QuestionVersion[];
}

export interface QuestionQuery {
  q?: string;
  topicId?: string;
  difficulty?: Difficulty;
  audience?: Audience;
  status?: QuestionStatus;
  type?: QuestionType;
  page?: number;
  pageSize?: number;
}

export interface BankStats {
  total: number;
  /** Keyed by topic name. */
  byTopic: Record<string, number>;
  byDifficulty: Partial<Record<Difficulty, number>>;
  byAudience: Partial<Record<Audience, number>>;
  byType: Partial<Record<QuestionType, number>>;
  byStatus: Partial<Record<QuestionStatus, number>>;
  withExplanation: number;
  withSource: number;
}

export type ExportFormat = 'xlsx' | 'json' | 'gift';
export type ImportFormat = 'xlsx' | 'csv' | 'docx' | 'aiken' | 'gift' | 'json';
export type DuplicateAction = 'skip' | 'update';
export type ImportAction = 'insert' | 'update' | 'skip';

/** Multipart fields sent with the file to POST /banks/:id/import. */
export interface ImportOptions {
  dryRun: boolean;
  onlyValid: boolean;
  duplicates: DuplicateAction;
}

export interface ImportProblem {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export interface ImportDuplicate {
  sheet: string | null;
  row: number | null;
  text: string;
  existingId: string;
  existingCode: string | null;
  action: DuplicateAction;
}

export interface ImportPreviewItem {
  sheet: string | null;
  row: number | null;
  action: ImportAction;
  code: string | null;
  /** Topic name. */
  topic: string;
  type: QuestionType;
  text: string;
  options: string[];
  correct: number[];
  difficulty: Difficulty;
  existingId: string | null;
}

export interface ImportReport {
  format: ImportFormat;
  /** Questions read without problems. */
  questions: number;
  imported: number;
  updated: number;
  skipped: number;
  errors: ImportProblem[];
  duplicates: ImportDuplicate[];
  /** Only filled when the import writes (or would write). */
  newTopics: { code: string; name: string }[];
  preview: ImportPreviewItem[];
  notices: string[];
  dryRun: boolean;
  willWrite: boolean;
  /** A Vietnamese sentence for the organizer. */
  summary: string;
}
