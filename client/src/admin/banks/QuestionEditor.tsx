import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CheckboxField, Field, SelectField, TextAreaField } from '../../components/Field';
import { Status, useFlashStatus, type StatusMessage } from '../../components/Status';
import { ApiError, apiDelete, apiGet, apiPost, apiPut, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatDateTime, formatNumber } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import { useSession } from '../../lib/session';
import {
  AUDIENCES,
  DIFFICULTIES,
  QUESTION_LIMITS,
  QUESTION_STATUSES,
  QUESTION_TYPES,
  TRUE_FALSE_OPTIONS,
  type Audience,
  type BankDetail,
  type Difficulty,
  type ErrorDetail,
  type QuestionAdminView,
  type QuestionDetail,
  type QuestionInput,
  type QuestionStatus,
  type QuestionType,
  type QuestionVersion,
} from '../../types';
import {
  AUDIENCE_LABELS,
  DIFFICULTY_LABELS,
  QUESTION_STATUS_LABELS,
  QUESTION_TYPE_LABELS,
} from '../labels';
import {
  bankApi,
  bankHref,
  bankListAddress,
  BANKS_PATH,
  Breadcrumbs,
  ConfirmDialog,
  letter,
  LoadFailed,
  newQuestionHref,
  PageLoading,
  questionApi,
  questionHref,
  truncate,
  useLoaded,
} from './shared';

/** The editor's state: strings as typed, turned into a {@link QuestionInput} on save. */
interface Draft {
  topicId: string;
  code: string;
  type: QuestionType;
  text: string;
  options: string[];
  correct: number[];
  difficulty: Difficulty;
  audience: Audience;
  status: QuestionStatus;
  practice: boolean;
  explanation: string;
  sourceDocument: string;
  sourceArticle: string;
  tags: string;
  /** Not edited here (no upload yet); kept as it was. */
  image: string | null;
}

/** Field → message, with the server's names: text, options, options.2, correct, source.document… */
type Errors = Record<string, string>;

function emptyDraft(topicId: string): Draft {
  return {
    topicId,
    code: '',
    type: 'single',
    text: '',
    options: ['', '', '', ''],
    correct: [],
    difficulty: 'medium',
    audience: 'all',
    // Written by hand: a draft until someone has checked it, and not public until then.
    status: 'draft',
    practice: false,
    explanation: '',
    sourceDocument: '',
    sourceArticle: '',
    tags: '',
    image: null,
  };
}

function draftOf(question: QuestionAdminView): Draft {
  return {
    topicId: question.topicId,
    code: question.code ?? '',
    type: question.type,
    text: question.text,
    options: [...question.options],
    correct: [...question.correct],
    difficulty: question.difficulty,
    audience: question.audience,
    status: question.status,
    practice: question.practice,
    explanation: question.explanation,
    sourceDocument: question.source.document,
    sourceArticle: question.source.article ?? '',
    tags: question.tags.join(', '),
    image: question.image,
  };
}

function splitTags(tags: string): string[] {
  return [
    ...new Set(
      tags
        .split(/[,;\n]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

function toInput(draft: Draft): QuestionInput {
  return {
    topicId: draft.topicId,
    code: draft.code.trim() || null,
    type: draft.type,
    text: draft.text.trim(),
    options: draft.options.map((option) => option.trim()),
    correct: [...new Set(draft.correct)].sort((a, b) => a - b),
    difficulty: draft.difficulty,
    explanation: draft.explanation.trim(),
    source: { document: draft.sourceDocument.trim(), article: draft.sourceArticle.trim() || null },
    tags: splitTags(draft.tags),
    audience: draft.audience,
    image: draft.image,
    status: draft.status,
    practice: draft.practice,
  };
}

/** The server's rules (domain/validate-draft.ts and the DTO), checked before sending. */
function check(input: QuestionInput): ErrorDetail[] {
  const L = QUESTION_LIMITS;
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!input.topicId) add('topicId', 'Vui lòng chọn chủ đề.');
  if (input.code && input.code.length > L.maxCode) {
    add('code', `Mã câu hỏi dài quá ${L.maxCode} ký tự.`);
  }
  if (!input.text) add('text', 'Nội dung câu hỏi không được để trống.');
  if (input.text.length > L.maxText) add('text', `Nội dung câu hỏi dài quá ${L.maxText} ký tự.`);
  const { options, correct } = input;
  if (options.length < L.minOptions || options.length > L.maxOptions) {
    add('options', `Câu hỏi cần từ ${L.minOptions} đến ${L.maxOptions} phương án.`);
  }
  options.forEach((option, index) => {
    if (!option) add(`options.${index}`, `Phương án ${letter(index)} không được để trống.`);
    if (option.length > L.maxOption) {
      add(`options.${index}`, `Phương án ${letter(index)} dài quá ${L.maxOption} ký tự.`);
    }
  });
  const folded = options.filter(Boolean).map((option) => option.toLowerCase());
  if (new Set(folded).size !== folded.length) add('options', 'Hai phương án trùng nhau.');
  if (correct.length === 0) add('correct', 'Chưa chọn đáp án đúng.');
  else if (correct.some((index) => index >= options.length)) {
    add('correct', 'Đáp án đúng phải là một trong các phương án.');
  } else if (input.type === 'single' && correct.length > 1) {
    add('correct', 'Câu hỏi một đáp án chỉ có đúng một đáp án đúng.');
  } else if (input.type === 'multiple' && correct.length < 2) {
    add('correct', 'Câu hỏi nhiều đáp án cần ít nhất hai đáp án đúng.');
  } else if (input.type === 'true_false' && correct.length !== 1) {
    add('correct', 'Câu hỏi Đúng/Sai có đúng một đáp án đúng.');
  }
  if (input.explanation.length > L.maxExplanation) {
    add('explanation', `Giải thích dài quá ${L.maxExplanation} ký tự.`);
  }
  if (input.source.document.length > L.maxSourceDocument) {
    add('source.document', `Tên văn bản dài quá ${L.maxSourceDocument} ký tự.`);
  }
  if ((input.source.article ?? '').length > L.maxSourceArticle) {
    add('source.article', `Điều, khoản dài quá ${L.maxSourceArticle} ký tự.`);
  }
  if (input.tags.length > L.maxTags) add('tags', `Tối đa ${L.maxTags} thẻ.`);
  const long = input.tags.find((tag) => tag.length > L.maxTag);
  if (long) add('tags', `Thẻ “${truncate(long, 30)}” dài quá ${L.maxTag} ký tự.`);
  return problems;
}

/** Fields shown in the form, in order: the first one with an error takes the focus. */
const FIELD_ORDER = [
  'topicId',
  'code',
  'type',
  'text',
  'options',
  'correct',
  'difficulty',
  'audience',
  'status',
  'practice',
  'explanation',
  'source.document',
  'source.article',
  'tags',
];

const KNOWN_FIELD =
  /^(topicId|code|type|text|options(\.\d+)?|correct|difficulty|audience|status|practice|explanation|source\.document|source\.article|tags)$/;

function toErrors(details: readonly ErrorDetail[]): Errors {
  const errors: Errors = {};
  for (const { field, message } of details) {
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
}

const TYPE_OPTIONS = QUESTION_TYPES.map((value) => ({ value, label: QUESTION_TYPE_LABELS[value] }));
const DIFFICULTY_OPTIONS = DIFFICULTIES.map((value) => ({
  value,
  label: DIFFICULTY_LABELS[value],
}));
const AUDIENCE_OPTIONS = AUDIENCES.map((value) => ({ value, label: AUDIENCE_LABELS[value] }));
const STATUS_OPTIONS = QUESTION_STATUSES.map((value) => ({
  value,
  label: QUESTION_STATUS_LABELS[value],
}));

// ---- Options and the answer key ---------------------------------------------------------------

function OptionsEditor({
  draft,
  errors,
  onChange,
}: {
  draft: Draft;
  errors: Errors;
  onChange: (options: string[], correct: number[]) => void;
}) {
  const id = useId();
  const trueFalse = draft.type === 'true_false';
  const multiple = draft.type === 'multiple';
  const groupError = [errors.options, errors.correct].filter(Boolean).join(' ');
  const hint = trueFalse
    ? 'Câu Đúng/Sai luôn có hai phương án “Đúng” và “Sai”; chọn phương án đúng.'
    : multiple
      ? 'Đánh dấu ít nhất hai đáp án đúng. Từ 2 đến 6 phương án.'
      : 'Chọn một đáp án đúng. Từ 2 đến 6 phương án.';

  function setOption(index: number, value: string) {
    onChange(
      draft.options.map((option, i) => (i === index ? value : option)),
      draft.correct,
    );
  }

  function toggleCorrect(index: number, checked: boolean) {
    if (!multiple) {
      onChange(draft.options, [index]);
      return;
    }
    const next = checked
      ? [...draft.correct, index]
      : draft.correct.filter((candidate) => candidate !== index);
    onChange(
      draft.options,
      [...new Set(next)].sort((a, b) => a - b),
    );
  }

  function remove(index: number) {
    onChange(
      draft.options.filter((_, i) => i !== index),
      draft.correct.filter((i) => i !== index).map((i) => (i > index ? i - 1 : i)),
    );
  }

  return (
    <fieldset
      class={groupError ? 'options-editor options-editor--error' : 'options-editor'}
      aria-describedby={`${id}-hint${groupError ? ` ${id}-error` : ''}`}
    >
      <legend class="field__label">Phương án trả lời và đáp án đúng</legend>
      <p id={`${id}-hint`} class="field__hint">
        {hint}
      </p>
      {groupError && (
        <p id={`${id}-error`} class="field__error">
          <span class="sr-only">Lỗi: </span>
          {groupError}
        </p>
      )}
      <ol class="options-editor__list">
        {draft.options.map((option, index) => {
          const inputId = `${id}-option-${index}`;
          const error = errors[`options.${index}`];
          const isCorrect = draft.correct.includes(index);
          return (
            <li
              key={index}
              class={`option-row${isCorrect ? ' option-row--correct' : ''}${error ? ' field--error' : ''}`}
            >
              <label for={inputId} class="option-row__label">
                Phương án {letter(index)}
              </label>
              <input
                id={inputId}
                class="input option-row__input"
                name={`options.${index}`}
                value={option}
                readOnly={trueFalse}
                maxLength={QUESTION_LIMITS.maxOption}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${inputId}-error` : undefined}
                onInput={(event) => {
                  setOption(index, event.currentTarget.value);
                }}
              />
              <label class="option-row__correct">
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={`${id}-correct`}
                  checked={isCorrect}
                  onChange={(event) => {
                    toggleCorrect(index, event.currentTarget.checked);
                  }}
                />
                <span>
                  Đáp án đúng<span class="sr-only"> (phương án {letter(index)})</span>
                </span>
              </label>
              {!trueFalse && (
                <button
                  type="button"
                  class="button button--secondary button--small option-row__remove"
                  disabled={draft.options.length <= QUESTION_LIMITS.minOptions}
                  onClick={() => {
                    remove(index);
                  }}
                >
                  Xóa<span class="sr-only"> phương án {letter(index)}</span>
                </button>
              )}
              {error && (
                <p id={`${inputId}-error`} class="field__error option-row__error">
                  <span class="sr-only">Lỗi: </span>
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      {!trueFalse && (
        <button
          type="button"
          class="button button--secondary"
          disabled={draft.options.length >= QUESTION_LIMITS.maxOptions}
          onClick={() => {
            onChange([...draft.options, ''], draft.correct);
            // Focus the new option's input once it exists.
            const next = draft.options.length;
            setTimeout(() => document.getElementById(`${id}-option-${next}`)?.focus(), 0);
          }}
        >
          Thêm phương án
        </button>
      )}
    </fieldset>
  );
}

// ---- Versions ---------------------------------------------------------------------------------

function Versions({ question }: { question: QuestionDetail }) {
  const session = useSession();
  const me = session.status === 'signed-in' ? session.account : null;
  const author = (version: QuestionVersion) =>
    version.createdBy === null
      ? 'Hệ thống'
      : version.createdBy === me?.id
        ? `Bạn (${me.username})`
        : 'Cán bộ khác';
  return (
    <section aria-labelledby="phien-ban" class="card">
      <h2 id="phien-ban">Lịch sử phiên bản</h2>
      <p>
        Mỗi lần lưu thay đổi sẽ tạo một phiên bản mới; các lượt thi đã làm xong vẫn giữ nguyên phiên
        bản câu hỏi mà thí sinh đã thấy.
      </p>
      <table class="table table--compact versions-table">
        <caption class="sr-only">Các phiên bản của câu hỏi, mới nhất trước</caption>
        <thead>
          <tr>
            <th scope="col">Phiên bản</th>
            <th scope="col">Thời gian (giờ Việt Nam)</th>
            <th scope="col">Người lưu</th>
          </tr>
        </thead>
        <tbody>
          {question.versions.map((version) => (
            <tr key={version.version}>
              <th scope="row">
                {formatNumber(version.version)}
                {version.version === question.version && <span class="muted"> (hiện tại)</span>}
              </th>
              <td>
                <time dateTime={version.createdAt}>{formatDateTime(version.createdAt)}</time>
              </td>
              <td>{author(version)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

// ---- The form ---------------------------------------------------------------------------------

function EditorForm({
  bank,
  question,
  onSaved,
}: {
  bank: BankDetail;
  /** null for a new question. */
  question: QuestionDetail | null;
  onSaved: (saved: QuestionAdminView) => void;
}) {
  const [flash, setFlashMessage] = useFlashStatus();
  const [draft, setDraft] = useState<Draft>(() =>
    question ? draftOf(question) : emptyDraft(bank.topics[0]?.id ?? ''),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  /** The options typed before switching to Đúng/Sai, restored when switching back. */
  const savedOptions = useRef<{ options: string[]; correct: number[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) => {
      setDraft((current) => ({ ...current, [key]: value }));
    };

  function changeType(type: QuestionType) {
    setDraft((current) => {
      if (type === current.type) return current;
      if (type === 'true_false') {
        savedOptions.current = { options: current.options, correct: current.correct };
        const same =
          current.options.length === 2 &&
          current.options[0] === TRUE_FALSE_OPTIONS[0] &&
          current.options[1] === TRUE_FALSE_OPTIONS[1];
        return {
          ...current,
          type,
          options: [...TRUE_FALSE_OPTIONS],
          correct: same ? current.correct.slice(0, 1) : [],
        };
      }
      let { options, correct } = current;
      if (current.type === 'true_false' && savedOptions.current) {
        ({ options, correct } = savedOptions.current);
      }
      if (type === 'single') correct = correct.slice(0, 1);
      return { ...current, type, options, correct };
    });
  }

  function focusFirstError(found: Errors) {
    const field = FIELD_ORDER.find(
      (name) =>
        found[name] ??
        (name === 'options' && Object.keys(found).some((k) => k.startsWith('options.'))),
    );
    if (!field) return;
    const form = formRef.current;
    const index = Object.keys(found)
      .filter((key) => key.startsWith('options.'))
      .map((key) => Number(key.slice('options.'.length)))
      .sort((a, b) => a - b)[0];
    const target =
      field === 'options' && index !== undefined
        ? form?.querySelector<HTMLElement>(`[name="options.${index}"]`)
        : form?.querySelector<HTMLElement>(`[data-field="${field}"] :is(input, select, textarea)`);
    target?.focus();
  }

  async function submit(event: Event, andNew = false) {
    event.preventDefault();
    if (busy) return;
    setFlashMessage(null);
    const input = toInput(draft);
    const problems = check(input);
    if (problems.length > 0) {
      const found = toErrors(problems);
      setErrors(found);
      setStatus({
        kind: 'error',
        text: `Câu hỏi chưa hợp lệ (${problems.length} lỗi). Vui lòng sửa các mục được đánh dấu.`,
      });
      focusFirstError(found);
      return;
    }
    setErrors({});
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang lưu câu hỏi…' });
    try {
      if (question) {
        const saved = await apiPut<QuestionAdminView>(questionApi(question.id), input);
        setDraft(draftOf(saved));
        setStatus({
          kind: 'success',
          text: `Đã lưu câu hỏi. Câu hỏi đang ở phiên bản ${formatNumber(saved.version)}.`,
        });
        onSaved(saved);
      } else {
        const saved = await apiPost<QuestionAdminView>(`${bankApi(bank.id)}/questions`, input);
        if (andNew) {
          navigate(`${newQuestionHref(bank.id)}?topicId=${encodeURIComponent(saved.topicId)}`, {
            replace: true,
          });
          // Same path: the page stays, so start again by hand.
          setDraft({ ...emptyDraft(saved.topicId), difficulty: saved.difficulty });
          setStatus({
            kind: 'success',
            text: `Đã thêm câu hỏi “${truncate(saved.text, 60)}”. Mời nhập câu tiếp theo.`,
          });
          window.scrollTo(0, 0);
        } else {
          setFlash('Đã thêm câu hỏi (phiên bản 1).');
          navigate(questionHref(saved.id));
        }
      }
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        const found = toErrors(error.details);
        setErrors(found);
        focusFirstError(found);
        // Details the form cannot show beside a field go into the message.
        const other = error.details.filter((detail) => !KNOWN_FIELD.test(detail.field));
        setStatus({
          kind: 'error',
          text: [error.message, ...other.map((detail) => detail.message)].join(' '),
        });
      } else if (error instanceof ApiError && error.code === 'DUPLICATE_QUESTION') {
        setErrors({ text: error.message });
        focusFirstError({ text: error.message });
        setStatus({ kind: 'error', text: error.message });
      } else {
        setStatus({ kind: 'error', text: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  const topicOptions = bank.topics.map((topic) => ({ value: topic.id, label: topic.name }));
  if (!draft.topicId) topicOptions.unshift({ value: '', label: '— Chọn chủ đề —' });

  return (
    <>
      <form
        ref={formRef}
        class="form question-form"
        noValidate
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <Status message={flash} />
        <div class="form-row">
          <div data-field="topicId">
            <SelectField
              label="Chủ đề"
              name="topicId"
              value={draft.topicId}
              options={topicOptions}
              onChange={set('topicId')}
              error={errors.topicId}
            />
          </div>
          <div data-field="code">
            <Field
              label="Mã câu hỏi (không bắt buộc)"
              name="code"
              value={draft.code}
              onInput={set('code')}
              error={errors.code}
              hint="Ví dụ: TTHC-012."
              maxLength={QUESTION_LIMITS.maxCode}
              autoComplete="off"
            />
          </div>
          <div data-field="type">
            <SelectField
              label="Loại câu hỏi"
              name="type"
              value={draft.type}
              options={TYPE_OPTIONS}
              onChange={changeType}
              error={errors.type}
            />
          </div>
        </div>
        <div data-field="text">
          <TextAreaField
            label="Nội dung câu hỏi"
            name="text"
            value={draft.text}
            onInput={set('text')}
            error={errors.text}
            rows={3}
            maxLength={QUESTION_LIMITS.maxText}
          />
        </div>
        <div data-field="options">
          <OptionsEditor
            draft={draft}
            errors={errors}
            onChange={(options, correct) => {
              setDraft((current) => ({ ...current, options, correct }));
            }}
          />
        </div>
        <div class="form-row">
          <div data-field="difficulty">
            <SelectField
              label="Mức độ"
              name="difficulty"
              value={draft.difficulty}
              options={DIFFICULTY_OPTIONS}
              onChange={set('difficulty')}
              error={errors.difficulty}
            />
          </div>
          <div data-field="audience">
            <SelectField
              label="Đối tượng"
              name="audience"
              value={draft.audience}
              options={AUDIENCE_OPTIONS}
              onChange={set('audience')}
              error={errors.audience}
            />
          </div>
          <div data-field="status">
            <SelectField
              label="Trạng thái"
              name="status"
              value={draft.status}
              options={STATUS_OPTIONS}
              onChange={set('status')}
              error={errors.status}
              hint="Nháp: đang soạn, chưa đưa ra cho người thi."
            />
          </div>
        </div>
        <div data-field="practice">
          <CheckboxField
            label="Dùng cho luyện tập công khai"
            name="practice"
            checked={draft.practice}
            onChange={set('practice')}
            error={errors.practice}
            hint="Câu công khai có đánh dấu này có thể hiện ở trang luyện tập cho mọi người, kèm đáp án và giải thích. Không nên chọn cho câu dành riêng cho vòng thi."
          />
        </div>
        <div data-field="explanation">
          <TextAreaField
            label="Giải thích"
            name="explanation"
            value={draft.explanation}
            onInput={set('explanation')}
            error={errors.explanation}
            hint="Hiện cho người luyện tập sau khi trả lời. Nên có cho mọi câu hỏi."
            rows={3}
            maxLength={QUESTION_LIMITS.maxExplanation}
          />
        </div>
        <fieldset class="fieldset">
          <legend class="field__label">Căn cứ pháp lý</legend>
          <div class="form-row form-row--source">
            <div data-field="source.document">
              <Field
                label="Văn bản"
                name="source.document"
                value={draft.sourceDocument}
                onInput={set('sourceDocument')}
                error={errors['source.document']}
                hint="Ví dụ: Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ."
                maxLength={QUESTION_LIMITS.maxSourceDocument}
                autoComplete="off"
              />
            </div>
            <div data-field="source.article">
              <Field
                label="Điều, khoản (không bắt buộc)"
                name="source.article"
                value={draft.sourceArticle}
                onInput={set('sourceArticle')}
                error={errors['source.article']}
                hint="Ví dụ: Điều 5."
                maxLength={QUESTION_LIMITS.maxSourceArticle}
                autoComplete="off"
              />
            </div>
          </div>
        </fieldset>
        <div data-field="tags">
          <Field
            label="Thẻ (không bắt buộc)"
            name="tags"
            value={draft.tags}
            onInput={set('tags')}
            error={errors.tags}
            hint="Cách nhau bằng dấu phẩy, ví dụ: một cửa, dịch vụ công."
            autoComplete="off"
          />
        </div>
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            {question ? 'Lưu thay đổi' : 'Lưu câu hỏi'}
          </button>
          {!question && (
            <button
              type="button"
              class="button button--secondary"
              aria-disabled={busy ? 'true' : undefined}
              onClick={(event) => {
                void submit(event, true);
              }}
            >
              Lưu và thêm câu khác
            </button>
          )}
          <a href={bankListAddress(bank.id)} class="button button--secondary">
            {question ? 'Về ngân hàng' : 'Hủy'}
          </a>
        </div>
        {/* Next to the buttons too, where the eye is after pressing one. */}
        <Status message={status} />
      </form>
    </>
  );
}

function DeleteQuestion({ bank, question }: { bank: BankDetail; question: QuestionDetail }) {
  const [deleting, setDeleting] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  return (
    <section aria-labelledby="xoa-cau-hoi" class="danger-zone">
      <h2 id="xoa-cau-hoi">Xóa câu hỏi</h2>
      <p>Câu hỏi sẽ bị xóa khỏi ngân hàng cùng lịch sử phiên bản. Không thể hoàn tác.</p>
      <button
        type="button"
        ref={deleteButton}
        class="button button--danger"
        onClick={() => {
          setDeleting(true);
        }}
      >
        Xóa câu hỏi…
      </button>
      {deleting && (
        <ConfirmDialog
          title="Xóa câu hỏi này?"
          confirmLabel="Xóa câu hỏi"
          busyText="Đang xóa câu hỏi…"
          onConfirm={async () => {
            await apiDelete(questionApi(question.id));
            setFlash(`Đã xóa câu hỏi “${truncate(question.text, 60)}”.`);
            navigate(bankListAddress(bank.id));
          }}
          onClose={() => {
            setDeleting(false);
            deleteButton.current?.focus();
          }}
        >
          <p>“{truncate(question.text, 200)}”</p>
          <p>Câu hỏi sẽ bị xóa khỏi ngân hàng cùng lịch sử phiên bản. Không thể hoàn tác.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

// ---- The pages --------------------------------------------------------------------------------

function EditorPage({
  bank,
  question,
  onSaved,
}: {
  bank: BankDetail;
  question: QuestionDetail | null;
  onSaved: (saved: QuestionAdminView) => void;
}) {
  const title = question
    ? `Sửa câu hỏi${question.code ? ` ${question.code}` : ''}`
    : 'Thêm câu hỏi';
  usePageTitle(title);
  return (
    <>
      <Breadcrumbs
        items={[
          { href: BANKS_PATH, label: 'Ngân hàng câu hỏi' },
          { href: bankListAddress(bank.id), label: bank.name },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {question ? (
        <p class="version-line">
          <span class="tag tag--info">Phiên bản {formatNumber(question.version)}</span>{' '}
          <span class="muted">
            Cập nhật lần cuối lúc{' '}
            <time dateTime={question.updatedAt}>{formatDateTime(question.updatedAt)}</time>.
          </span>
        </p>
      ) : (
        <p>
          Thêm vào ngân hàng “{bank.name}”. Câu hỏi mới ở trạng thái nháp cho đến khi bạn chọn công
          khai.
        </p>
      )}
      {bank.topics.length === 0 ? (
        <p class="notice">
          Ngân hàng chưa có chủ đề nào. Hãy <a href={bankHref(bank.id)}>thêm chủ đề</a> trước khi
          soạn câu hỏi.
        </p>
      ) : (
        <EditorForm key={question?.id ?? 'new'} bank={bank} question={question} onSaved={onSaved} />
      )}
      {question && <Versions question={question} />}
      {question && <DeleteQuestion bank={bank} question={question} />}
    </>
  );
}

function NewQuestion({ bankId }: { bankId: string }) {
  const bank = useLoaded(`bank-${bankId}`, () => apiGet<BankDetail>(bankApi(bankId)));
  if (bank.error) {
    return <LoadFailed title="Ngân hàng câu hỏi" error={bank.error} onRetry={bank.reload} />;
  }
  if (!bank.data) return <PageLoading title="Thêm câu hỏi" text="Đang tải ngân hàng…" />;
  // A topic chosen on the bank page (or the last one used) comes first.
  const topicId = new URLSearchParams(window.location.search).get('topicId');
  const topics = [...bank.data.topics].sort(
    (a, b) => Number(b.id === topicId) - Number(a.id === topicId),
  );
  return <EditorPage bank={{ ...bank.data, topics }} question={null} onSaved={() => undefined} />;
}

function EditQuestion({ questionId }: { questionId: string }) {
  const question = useLoaded(`question-${questionId}`, () =>
    apiGet<QuestionDetail>(questionApi(questionId)),
  );
  const bankId = question.data?.bankId ?? '';
  const bank = useLoaded(`bank-${bankId}`, () =>
    bankId ? apiGet<BankDetail>(bankApi(bankId)) : new Promise<BankDetail>(() => undefined),
  );
  // After a save, load the question again for its new version in the history.
  const [saved, setSaved] = useState(0);
  useEffect(() => {
    if (saved) question.reload();
  }, [saved]);

  const error = question.error ?? bank.error;
  if (error) {
    return (
      <LoadFailed
        title="Câu hỏi"
        error={error}
        onRetry={() => {
          question.reload();
          bank.reload();
        }}
      />
    );
  }
  if (!question.data || !bank.data) {
    return <PageLoading title="Sửa câu hỏi" text="Đang tải câu hỏi…" />;
  }
  return (
    <EditorPage
      bank={bank.data}
      question={question.data}
      onSaved={() => {
        setSaved((n) => n + 1);
      }}
    />
  );
}

export function QuestionEditor(props: { bankId: string } | { questionId: string }) {
  return 'questionId' in props ? (
    <EditQuestion questionId={props.questionId} />
  ) : (
    <NewQuestion bankId={props.bankId} />
  );
}
