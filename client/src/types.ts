// Client-side copies of the server's API shapes. These belong in `src/shared/` (repo root)
// once the server exposes them there; then this file should re-export from it.

export type Role = 'admin' | 'organizer' | 'host';

export const ROLES: readonly Role[] = ['admin', 'organizer', 'host'];

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

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

export const QUESTION_TYPES = ['single', 'multiple', 'true_false'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const AUDIENCES = ['all', 'civil_servant', 'citizen'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const QUESTION_STATUSES = ['draft', 'published'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

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

export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** The two options of a true/false question, in this order. */
export const TRUE_FALSE_OPTIONS = ['Đúng', 'Sai'] as const;

/** Largest file the import accepts (10 MB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export interface BankSummary {
  id: string;
  name: string;
  description: string;
  /** The day the legal content was last checked, "YYYY-MM-DD". */
  contentCheckedAt: string | null;
  isSample: boolean;
  /** Its published questions marked for practice appear in public practice. */
  practiceEnabled: boolean;
  questions: number;
  published: number;
  createdAt: string;
  updatedAt: string;
}

export interface BankListResponse {
  items: BankSummary[];
}

export interface TopicView {
  id: string;
  code: string;
  name: string;
  description: string;
  position: number;
  questions: number;
}

export interface BankDetail extends BankSummary {
  topics: TopicView[];
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

export interface LegalSource {
  document: string;
  article: string | null;
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
