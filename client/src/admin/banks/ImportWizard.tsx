// Import wizard: choose a file, check it (dry run) and look at every question and problem, then
// send the same file again to import it. The server keeps nothing between the two uploads.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { CheckboxField } from '../../components/Field';
import { FileField } from '../../components/FileField';
import { ImportProblems, place } from '../../components/ImportProblems';
import { Status, type StatusMessage } from '../../components/Status';
import { ApiError, apiGet, apiUpload, errorMessage, type UploadProgress } from '../../lib/api';
import { formatBytes, formatNumber } from '../../lib/format';
import { usePageTitle } from '../../lib/router';
import {
  MAX_IMPORT_BYTES,
  type BankDetail,
  type DuplicateAction,
  type ImportAction,
  type ImportOptions,
  type ImportPreviewItem,
  type ImportReport,
} from '../../types';
import { DIFFICULTY_LABELS, IMPORT_ACTION_LABELS, QUESTION_TYPE_LABELS } from '../labels';
import { TEMPLATE_HREF } from './BankList';
import {
  bankApi,
  bankHref,
  BANKS_PATH,
  Breadcrumbs,
  letter,
  LoadFailed,
  PageLoading,
  questionHref,
  useLoaded,
} from './shared';

const ACCEPT = '.xlsx,.csv,.docx,.txt,.gift,.json';
const PREVIEW_STEP = 100;

interface Uploading {
  purpose: 'check' | 'import';
  progress: UploadProgress;
  abort: () => void;
}

function uploadMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 413) {
    return `Tệp vượt quá giới hạn ${formatBytes(MAX_IMPORT_BYTES)}. Hãy chia ngân hàng thành nhiều tệp nhỏ hơn, hoặc xóa hình ảnh, định dạng thừa trong tệp rồi thử lại.`;
  }
  if (error instanceof ApiError && error.status === 0 && error.code === 'NETWORK_ERROR') {
    return `${error.message} Nếu bạn vừa sửa hoặc di chuyển tệp, hãy chọn lại tệp.`;
  }
  return errorMessage(error);
}

// ---- Step indicator and progress --------------------------------------------------------------

const STEPS = ['Chọn tệp', 'Xem trước và kiểm tra', 'Kết quả'];

function StepIndicator({ current }: { current: number }) {
  return (
    <ol class="wizard-steps" aria-label="Các bước nhập câu hỏi">
      {STEPS.map((label, index) => (
        <li
          key={label}
          class={
            index + 1 === current
              ? 'wizard-steps__item wizard-steps__item--current'
              : index + 1 < current
                ? 'wizard-steps__item wizard-steps__item--done'
                : 'wizard-steps__item'
          }
          aria-current={index + 1 === current ? 'step' : undefined}
        >
          <span class="wizard-steps__number">{index + 1}</span> {label}
        </li>
      ))}
    </ol>
  );
}

function ProgressBar({ upload, file }: { upload: Uploading; file: File }) {
  const id = useId();
  const total = upload.progress.total || file.size;
  const percent = total ? Math.min(100, Math.round((upload.progress.loaded / total) * 100)) : 0;
  const sent = total > 0 && upload.progress.loaded >= total;
  // Announce in steps of 10 %, not on every event.
  const spoken = sent
    ? 'Đã tải lên xong. Máy chủ đang đọc và kiểm tra tệp…'
    : `Đang tải tệp lên: ${Math.floor(percent / 10) * 10}%`;
  return (
    <div class="upload">
      <label for={id} class="field__label">
        {upload.purpose === 'check' ? 'Tải tệp lên để kiểm tra' : 'Tải tệp lên để nhập'}
      </label>
      <progress id={id} class="upload__bar" max={100} value={sent ? undefined : percent}>
        {percent}%
      </progress>
      <p class="upload__text" aria-hidden="true">
        {sent
          ? 'Đã tải lên xong. Máy chủ đang đọc và kiểm tra tệp…'
          : `${percent}% · ${formatBytes(upload.progress.loaded)} / ${formatBytes(total)}`}
      </p>
      <p class="sr-only" role="status">
        {spoken}
      </p>
      {!sent && (
        <button type="button" class="button button--secondary button--small" onClick={upload.abort}>
          Hủy tải lên
        </button>
      )}
    </div>
  );
}

// ---- Step 1 -----------------------------------------------------------------------------------

function Formats() {
  return (
    <details class="details formats">
      <summary>Các định dạng tệp được chấp nhận</summary>
      <ul>
        <li>
          <strong>Excel (.xlsx)</strong>: mỗi dòng một câu hỏi, các cột như tệp mẫu: Câu hỏi, Phương
          án A đến F, Đáp án đúng (ví dụ “B”, hoặc “A, C” khi có nhiều đáp án), Chủ đề, Mức độ, Giải
          thích, Căn cứ pháp lý. Tên cột viết hơi khác vẫn được nhận.
        </li>
        <li>
          <strong>CSV (.csv)</strong>: các cột như tệp Excel, ngăn cách bằng dấu phẩy hoặc dấu chấm
          phẩy.
        </li>
        <li>
          <strong>Word (.docx)</strong>: “Câu 1: …”, rồi các phương án “A. …”, “B. …”; đáp án đúng
          in đậm, gạch chân, có dấu * ở đầu, hoặc ghi “Đáp án: B”. Có thể thêm các dòng “Giải thích:
          …”, “Nguồn: …”, “Mức độ: …”.
        </li>
        <li>
          <strong>Aiken (.txt) và GIFT (.gift, .txt)</strong>: định dạng văn bản của Moodle.
        </li>
        <li>
          <strong>JSON (.json)</strong>: tệp xuất từ phần mềm này (sao lưu, chuyển ngân hàng).
        </li>
      </ul>
    </details>
  );
}

function ChooseFile({
  file,
  error,
  busy,
  onChoose,
  onSubmit,
}: {
  file: File | null;
  error: string | undefined;
  busy: boolean;
  onChoose: (file: File | null) => void;
  onSubmit: () => void;
}) {
  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <FileField
        label="Tệp câu hỏi"
        name="file"
        accept={ACCEPT}
        disabled={busy}
        hint={<>Excel, CSV, Word, Aiken, GIFT hoặc JSON; tối đa {formatBytes(MAX_IMPORT_BYTES)}.</>}
        error={error}
        onChoose={onChoose}
      >
        {file && (
          <p class="muted small">
            Đã chọn: {file.name} ({formatBytes(file.size)})
          </p>
        )}
      </FileField>
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
          Tải lên và kiểm tra
        </button>
      </div>
    </form>
  );
}

// ---- Step 2 -----------------------------------------------------------------------------------

function ProblemsTable({ report }: { report: ImportReport }) {
  return (
    <ImportProblems
      problems={report.errors}
      headingId="loi-trong-tep"
      heading="Lỗi trong tệp"
      caption="Các lỗi tìm thấy trong tệp"
      class="problems"
    >
      <p>Các dòng dưới đây không được nhập. Hãy sửa trong tệp rồi tải lên lại.</p>
    </ImportProblems>
  );
}

function AnswerList({ item }: { item: ImportPreviewItem }) {
  return (
    <ol class="answers">
      {item.options.map((option, index) => {
        const correct = item.correct.includes(index);
        return (
          <li
            key={index}
            class={correct ? 'answers__item answers__item--correct' : 'answers__item'}
          >
            <span class="answers__letter">{letter(index)}.</span> {option}
            {correct && (
              <>
                {' '}
                <span class="answers__mark" aria-hidden="true">
                  ✓
                </span>
                <span class="sr-only"> (đáp án đúng)</span>
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}

const ACTION_TAG: Record<ImportAction, string> = {
  insert: 'tag tag--ok',
  update: 'tag tag--info',
  skip: 'tag tag--muted',
};

function PreviewTable({ report }: { report: ImportReport }) {
  const [shown, setShown] = useState(PREVIEW_STEP);
  const items = report.preview;
  const sheets = new Set(items.map((item) => item.sheet)).size > 1;
  return (
    <section aria-labelledby="cau-hoi-doc-duoc">
      <h3 id="cau-hoi-doc-duoc">Câu hỏi đọc được ({formatNumber(items.length)})</h3>
      {items.length === 0 ? (
        <p>Không đọc được câu hỏi hợp lệ nào từ tệp.</p>
      ) : (
        <>
          <p>
            Đáp án đúng được tô đậm và đánh dấu <span aria-hidden="true">✓</span>
            <span class="sr-only">“đáp án đúng”</span>. Hãy đối chiếu vài câu với tệp gốc trước khi
            nhập.
          </p>
          <div class="table-scroll">
            <table class="table table--stack table--preview">
              <caption class="sr-only">
                Các câu hỏi đọc được từ tệp và việc sẽ làm với từng câu
              </caption>
              <thead>
                <tr>
                  <th scope="col">Dòng</th>
                  <th scope="col">Xử lý</th>
                  <th scope="col">Chủ đề</th>
                  <th scope="col">Loại, mức độ</th>
                  <th scope="col">Câu hỏi</th>
                  <th scope="col">Phương án</th>
                </tr>
              </thead>
              <tbody>
                {items.slice(0, shown).map((item, index) => (
                  <tr key={index} class={item.action === 'skip' ? 'row--muted' : undefined}>
                    <td data-label="Dòng" class="numeric">
                      {sheets && item.sheet ? `${item.sheet}: ` : ''}
                      {place(item.row)}
                    </td>
                    <td data-label="Xử lý" class="nowrap">
                      <span class={ACTION_TAG[item.action]}>
                        {IMPORT_ACTION_LABELS[item.action]}
                      </span>
                    </td>
                    <td data-label="Chủ đề" class="topic-cell">
                      {item.topic}
                    </td>
                    <td data-label="Loại, mức độ" class="nowrap">
                      {QUESTION_TYPE_LABELS[item.type]}
                      <br />
                      <span class="muted small">{DIFFICULTY_LABELS[item.difficulty]}</span>
                    </td>
                    <th scope="row" data-label="Câu hỏi" class="question-cell">
                      {item.code && <span class="muted small">{item.code} · </span>}
                      {item.text}
                    </th>
                    <td data-label="Phương án">
                      <AnswerList item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {items.length > shown && (
            <p>
              <button
                type="button"
                class="button button--secondary"
                onClick={() => {
                  setShown((n) => n + PREVIEW_STEP);
                }}
              >
                Hiện thêm {formatNumber(Math.min(PREVIEW_STEP, items.length - shown))} câu (còn{' '}
                {formatNumber(items.length - shown)})
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function DuplicatesTable({ report }: { report: ImportReport }) {
  return (
    <section aria-labelledby="cau-trung">
      <h3 id="cau-trung">Câu hỏi trùng với câu đã có ({formatNumber(report.duplicates.length)})</h3>
      <table class="table table--stack">
        <caption class="sr-only">Câu hỏi trong tệp có nội dung giống một câu đã có</caption>
        <thead>
          <tr>
            <th scope="col">Dòng</th>
            <th scope="col">Câu hỏi trong tệp</th>
            <th scope="col">Câu đã có</th>
            <th scope="col">Xử lý</th>
          </tr>
        </thead>
        <tbody>
          {report.duplicates.map((duplicate, index) => (
            <tr key={index}>
              <td data-label="Dòng" class="numeric">
                {place(duplicate.row)}
              </td>
              <th scope="row" data-label="Câu hỏi trong tệp" class="question-cell">
                {duplicate.text}
              </th>
              <td data-label="Câu đã có" class="nowrap">
                <a href={questionHref(duplicate.existingId)} target="_blank" rel="noopener">
                  {duplicate.existingCode ?? 'Mở câu hỏi'}
                  <span class="sr-only"> (mở trong thẻ mới)</span>
                </a>
              </td>
              <td data-label="Xử lý" class="nowrap">
                {IMPORT_ACTION_LABELS[duplicate.action]}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Preview({
  bank,
  report,
  file,
  options,
  busy,
  upload,
  status,
  onDuplicates,
  onOnlyValid,
  onConfirm,
  onRestart,
}: {
  bank: BankDetail;
  report: ImportReport;
  file: File;
  options: ImportOptions;
  busy: boolean;
  upload: Uploading | null;
  status: StatusMessage | null;
  onDuplicates: (value: DuplicateAction) => void;
  onOnlyValid: (value: boolean) => void;
  onConfirm: () => void;
  onRestart: () => void;
}) {
  const id = useId();
  const hasProblems = report.errors.length > 0;
  const writes = report.preview.filter((item) => item.action !== 'skip');
  const inserts = writes.filter((item) => item.action === 'insert').length;
  const updates = writes.length - inserts;
  const blocked = hasProblems && !options.onlyValid;
  const disabled = busy || blocked || writes.length === 0;
  // The server names new topics only when the import may write; otherwise, work them out.
  const known = new Set(bank.topics.map((topic) => topic.name));
  const newTopics =
    report.newTopics.length > 0
      ? report.newTopics.map((topic) => topic.name)
      : [...new Set(report.preview.map((item) => item.topic))].filter((name) => !known.has(name));
  const why = blocked
    ? 'Tệp còn lỗi: hãy sửa tệp rồi tải lên lại, hoặc đánh dấu “Chỉ nhập các câu hợp lệ”.'
    : writes.length === 0
      ? 'Không có câu hỏi nào để nhập: mọi câu đọc được đều trùng với câu đã có và đang chọn bỏ qua.'
      : null;

  return (
    <>
      <p role="status" class={hasProblems ? 'status status--error' : 'status status--info'}>
        {report.summary}
      </p>
      <dl class="facts facts--tight">
        <div>
          <dt>Câu hỏi đọc được</dt>
          <dd>{formatNumber(report.questions)}</dd>
        </div>
        <div>
          <dt>Câu mới</dt>
          <dd>{formatNumber(inserts)}</dd>
        </div>
        <div>
          <dt>Câu cập nhật</dt>
          <dd>{formatNumber(updates)}</dd>
        </div>
        <div>
          <dt>Câu trùng, bỏ qua</dt>
          <dd>{formatNumber(report.preview.length - writes.length)}</dd>
        </div>
        <div class={hasProblems ? 'facts__bad' : undefined}>
          <dt>Lỗi</dt>
          <dd>{formatNumber(report.errors.length)}</dd>
        </div>
      </dl>

      {hasProblems && <ProblemsTable report={report} />}

      {report.notices.length > 0 && (
        <section aria-labelledby="luu-y" class="notice">
          <h3 id="luu-y">Lưu ý</h3>
          <ul>
            {report.notices.map((notice, index) => (
              <li key={index}>{notice}</li>
            ))}
          </ul>
        </section>
      )}

      {newTopics.length > 0 && (
        <section aria-labelledby="chu-de-moi">
          <h3 id="chu-de-moi">Chủ đề mới sẽ được tạo ({formatNumber(newTopics.length)})</h3>
          <ul>
            {newTopics.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </section>
      )}

      {report.duplicates.length > 0 && <DuplicatesTable report={report} />}

      <PreviewTable report={report} />

      <section aria-labelledby={`${id}-confirm`} class="card confirm-import">
        <h3 id={`${id}-confirm`}>Xác nhận nhập</h3>
        <fieldset class="fieldset radios" disabled={busy}>
          <legend class="field__label">Câu hỏi trùng (cùng nội dung với câu đã có)</legend>
          {(
            [
              ['skip', 'Bỏ qua'],
              ['update', 'Cập nhật thành phiên bản mới'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} class="check">
              <input
                type="radio"
                class="check__input"
                name={`${id}-duplicates`}
                value={value}
                checked={options.duplicates === value}
                onChange={() => {
                  onDuplicates(value);
                }}
              />
              <span class="check__label">{label}</span>
            </label>
          ))}
          {report.duplicates.length === 0 && (
            <p class="field__hint">Tệp này không có câu nào trùng.</p>
          )}
        </fieldset>
        {hasProblems && (
          <CheckboxField
            label="Chỉ nhập các câu hợp lệ (bỏ qua các dòng lỗi)"
            name="onlyValid"
            checked={options.onlyValid}
            onChange={onOnlyValid}
            disabled={busy}
          />
        )}
        {upload && <ProgressBar upload={upload} file={file} />}
        <Status message={status} />
        <div class="form__actions">
          <button
            type="button"
            class="button"
            disabled={disabled}
            aria-describedby={why ? `${id}-why` : undefined}
            onClick={onConfirm}
          >
            {writes.length > 0
              ? `Nhập ${formatNumber(writes.length)} câu hỏi vào ngân hàng`
              : 'Nhập câu hỏi'}
          </button>
          <button
            type="button"
            class="button button--secondary"
            disabled={busy}
            onClick={onRestart}
          >
            Chọn tệp khác
          </button>
          <a href={bankHref(bank.id)} class="button button--secondary">
            Hủy
          </a>
        </div>
        {why && (
          <p id={`${id}-why`} class="field__hint">
            {why}
          </p>
        )}
      </section>
    </>
  );
}

// ---- Step 3 -----------------------------------------------------------------------------------

function Result({
  bank,
  report,
  onAnother,
}: {
  bank: BankDetail;
  report: ImportReport;
  onAnother: () => void;
}) {
  return (
    <>
      <p role="status" class="status status--success">
        {report.summary}
      </p>
      <dl class="facts facts--tight">
        <div>
          <dt>Đã thêm mới</dt>
          <dd>{formatNumber(report.imported)}</dd>
        </div>
        <div>
          <dt>Đã cập nhật</dt>
          <dd>{formatNumber(report.updated)}</dd>
        </div>
        <div>
          <dt>Bỏ qua (trùng)</dt>
          <dd>{formatNumber(report.skipped)}</dd>
        </div>
        {report.errors.length > 0 && (
          <div class="facts__bad">
            <dt>Dòng lỗi không nhập</dt>
            <dd>{formatNumber(report.errors.length)}</dd>
          </div>
        )}
      </dl>
      {report.newTopics.length > 0 && (
        <p>Đã tạo chủ đề mới: {report.newTopics.map((topic) => topic.name).join(', ')}.</p>
      )}
      <div class="form__actions">
        <a href={bankHref(bank.id)} class="button">
          Về ngân hàng “{bank.name}”
        </a>
        <button type="button" class="button button--secondary" onClick={onAnother}>
          Nhập tệp khác
        </button>
      </div>
    </>
  );
}

// ---- The page ---------------------------------------------------------------------------------

function Wizard({ bank }: { bank: BankDetail }) {
  usePageTitle(`Nhập câu hỏi – ${bank.name}`);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [options, setOptions] = useState<ImportOptions>({
    dryRun: true,
    onlyValid: false,
    duplicates: 'skip',
  });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [upload, setUpload] = useState<Uploading | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const step = result ? 3 : report ? 2 : 1;
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);
  const abortUpload = useRef<(() => void) | null>(null);

  // Leaving the page stops an upload in progress.
  useEffect(
    () => () => {
      abortUpload.current?.();
    },
    [],
  );

  // A new step takes the focus (and the screen), as a new page would.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
    heading.current?.scrollIntoView();
  }, [step]);

  async function send(purpose: 'check' | 'import', chosen: File, opts: ImportOptions) {
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    form.append('dryRun', String(purpose === 'check'));
    form.append('onlyValid', String(opts.onlyValid));
    form.append('duplicates', opts.duplicates);
    const started = apiUpload<ImportReport>(`${bankApi(bank.id)}/import`, form, (progress) => {
      setUpload((current) => (current ? { ...current, progress } : current));
    });
    setUpload({ purpose, progress: { loaded: 0, total: chosen.size }, abort: started.abort });
    abortUpload.current = started.abort;
    try {
      return await started.result;
    } finally {
      abortUpload.current = null;
      setUpload(null);
    }
  }

  /** Uploads the file as a dry run; resolves with whether a new report arrived. */
  async function check(chosen: File | null, opts: ImportOptions): Promise<boolean> {
    if (upload) return false;
    if (!chosen) {
      setFileError('Vui lòng chọn tệp câu hỏi.');
      setStatus({ kind: 'error', text: 'Chưa chọn tệp để tải lên.' });
      return false;
    }
    if (chosen.size > MAX_IMPORT_BYTES) {
      const text = `Tệp nặng ${formatBytes(chosen.size)}, vượt quá giới hạn ${formatBytes(MAX_IMPORT_BYTES)}. Hãy chia thành nhiều tệp nhỏ hơn.`;
      setFileError(text);
      setStatus({ kind: 'error', text });
      return false;
    }
    setFileError(undefined);
    setStatus(null);
    try {
      const checked = await send('check', chosen, opts);
      setReport(checked);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ABORTED') {
        setStatus({ kind: 'info', text: error.message });
        return false;
      }
      const text = uploadMessage(error);
      if (error instanceof ApiError && error.fieldMessage('file')) setFileError(text);
      setStatus({ kind: 'error', text });
      return false;
    }
  }

  async function confirm() {
    if (upload || !file || !report) return;
    setStatus(null);
    try {
      const done = await send('import', file, { ...options, dryRun: false });
      if (done.imported + done.updated > 0) {
        setResult(done);
      } else {
        // Refused (the bank changed since the check, for example): show why.
        setReport(done);
        setStatus({ kind: 'error', text: done.summary });
      }
    } catch (error) {
      setStatus({
        kind: error instanceof ApiError && error.code === 'ABORTED' ? 'info' : 'error',
        text: uploadMessage(error),
      });
    }
  }

  function restart() {
    setReport(null);
    setResult(null);
    setStatus(null);
    setOptions({ dryRun: true, onlyValid: false, duplicates: 'skip' });
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { href: BANKS_PATH, label: 'Ngân hàng câu hỏi' },
          { href: bankHref(bank.id), label: bank.name },
          { label: 'Nhập câu hỏi từ tệp' },
        ]}
      />
      <h1>Nhập câu hỏi từ tệp</h1>
      <p>
        Vào ngân hàng “{bank.name}”. Tệp được kiểm tra trước, chưa ghi gì; bạn xem từng câu, từng
        lỗi rồi mới xác nhận nhập.
      </p>
      <StepIndicator current={step} />

      <h2 ref={heading} tabIndex={-1} class="wizard-heading">
        Bước {step}: {STEPS[step - 1]}
      </h2>

      {step === 1 && (
        <>
          <p>
            Chưa có tệp?{' '}
            <a href={TEMPLATE_HREF} download>
              Tải tệp mẫu Excel
            </a>{' '}
            (có sẵn tiêu đề cột và ví dụ), điền câu hỏi rồi tải lên.
          </p>
          <Formats />
          <ChooseFile
            file={file}
            error={fileError}
            busy={upload !== null}
            onChoose={(chosen) => {
              setFile(chosen);
              setFileError(undefined);
              setStatus(null);
            }}
            onSubmit={() => void check(file, options)}
          />
          {upload && file && <ProgressBar upload={upload} file={file} />}
          <Status message={status} />
        </>
      )}

      {step === 2 && report && file && (
        <Preview
          bank={bank}
          report={report}
          file={file}
          options={options}
          busy={upload !== null}
          upload={upload}
          status={status}
          onDuplicates={(duplicates) => {
            const next = { ...options, duplicates };
            setOptions(next);
            // The preview's actions depend on it: check again when there are duplicates (and
            // go back to the previous choice if that fails, so the preview stays true).
            if (report.duplicates.length > 0) {
              void check(file, next).then((ok) => {
                if (!ok) setOptions(options);
              });
            }
          }}
          onOnlyValid={(onlyValid) => {
            setOptions({ ...options, onlyValid });
          }}
          onConfirm={() => void confirm()}
          onRestart={restart}
        />
      )}

      {step === 3 && result && (
        <Result
          bank={bank}
          report={result}
          onAnother={() => {
            setFile(null);
            restart();
          }}
        />
      )}
    </>
  );
}

export function ImportWizard({ bankId }: { bankId: string }) {
  const bank = useLoaded(`bank-${bankId}`, () => apiGet<BankDetail>(bankApi(bankId)));
  if (bank.error) {
    return <LoadFailed title="Ngân hàng câu hỏi" error={bank.error} onRetry={bank.reload} />;
  }
  if (!bank.data) return <PageLoading title="Nhập câu hỏi từ tệp" text="Đang tải ngân hàng…" />;
  return <Wizard bank={bank.data} />;
}
