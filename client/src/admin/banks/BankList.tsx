import { useRef, useState } from 'preact/hooks';
import { Field, TextAreaField } from '../../components/Field';
import { Loading } from '../../components/Lazy';
import { Status, useFlashStatus, type StatusMessage } from '../../components/Status';
import { ApiError, apiGet, apiPost, errorMessage } from '../../lib/api';
import { setFlash } from '../../lib/flash';
import { formatDay, formatNumber } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import type { BankDetail, BankListResponse, BankSummary, CreateBankRequest } from '../../types';
import { bankHref, useLoaded } from './shared';

export const TEMPLATE_HREF = '/api/banks/template.xlsx';

function CreateBankForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const request: CreateBankRequest = { name: name.trim(), description: description.trim() };
    if (!request.name) {
      setErrors({ name: 'Vui lòng nhập tên ngân hàng câu hỏi.' });
      setStatus({ kind: 'error', text: 'Chưa tạo được ngân hàng. Vui lòng nhập tên.' });
      nameRef.current?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang tạo ngân hàng câu hỏi…' });
    try {
      const bank = await apiPost<BankDetail>('/banks', request);
      setFlash(
        `Đã tạo ngân hàng “${bank.name}”. Hãy thêm chủ đề và câu hỏi, hoặc nhập câu hỏi từ tệp.`,
      );
      navigate(bankHref(bank.id));
    } catch (error) {
      if (error instanceof ApiError) {
        const found = {
          name:
            error.fieldMessage('name') ??
            (error.code === 'BANK_NAME_TAKEN' ? error.message : undefined),
          description: error.fieldMessage('description'),
        };
        setErrors(found);
        if (found.name) nameRef.current?.focus();
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="tao-ngan-hang" class="card">
      <h2 id="tao-ngan-hang">Tạo ngân hàng câu hỏi</h2>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          void submit(event);
        }}
      >
        <Field
          label="Tên ngân hàng"
          name="name"
          value={name}
          onInput={setName}
          error={errors.name}
          hint="Ví dụ: Câu hỏi tuần thi thứ nhất – CBCCVC."
          maxLength={200}
          required
          autoComplete="off"
          inputRef={nameRef}
        />
        <TextAreaField
          label="Mô tả (không bắt buộc)"
          name="description"
          value={description}
          onInput={setDescription}
          error={errors.description}
          maxLength={2000}
          rows={2}
        />
        <div class="form__actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            Tạo ngân hàng
          </button>
        </div>
        <Status message={status} />
      </form>
    </section>
  );
}

function BankRow({ bank }: { bank: BankSummary }) {
  return (
    <tr>
      <th scope="row" data-label="Tên ngân hàng">
        <a href={bankHref(bank.id)}>{bank.name}</a>
        {bank.isSample && (
          <>
            {' '}
            <span class="tag tag--info" title="Bộ câu hỏi mẫu đi kèm phần mềm">
              Mẫu
            </span>
          </>
        )}
        {bank.practiceEnabled && (
          <>
            {' '}
            <span class="tag tag--info" title="Mở cho luyện tập công khai">
              Luyện tập
            </span>
          </>
        )}
      </th>
      <td data-label="Mô tả">{bank.description || <span class="muted">—</span>}</td>
      <td data-label="Số câu hỏi" class="nowrap">
        {formatNumber(bank.questions)}
        <span class="muted"> / {formatNumber(bank.published)} công khai</span>
      </td>
      <td data-label="Ngày rà soát nội dung" class="nowrap">
        {bank.contentCheckedAt ? (
          <time dateTime={bank.contentCheckedAt}>{formatDay(bank.contentCheckedAt)}</time>
        ) : (
          <span class="muted">Chưa ghi nhận</span>
        )}
      </td>
    </tr>
  );
}

export function BankList() {
  usePageTitle('Ngân hàng câu hỏi');
  const [flash] = useFlashStatus();
  const banks = useLoaded('banks', () => apiGet<BankListResponse>('/banks'));

  return (
    <>
      <h1>Ngân hàng câu hỏi</h1>
      <Status message={flash} />
      <p class="lead">
        Mỗi ngân hàng gồm các chủ đề và câu hỏi trắc nghiệm, kèm giải thích và căn cứ pháp lý. Có
        thể soạn từng câu ở đây hoặc nhập cả bộ từ tệp Excel, Word, CSV, GIFT, Aiken hay JSON.
      </p>
      <p>
        <a href={TEMPLATE_HREF} download class="button button--secondary">
          Tải tệp mẫu Excel
        </a>
      </p>

      <section aria-labelledby="danh-sach-ngan-hang">
        <h2 id="danh-sach-ngan-hang">Danh sách ngân hàng</h2>
        {banks.error ? (
          <>
            <p role="alert" class="status status--error">
              {banks.error.message}
            </p>
            <button type="button" class="button" onClick={banks.reload}>
              Thử lại
            </button>
          </>
        ) : banks.data === null ? (
          <Loading text="Đang tải danh sách ngân hàng…" />
        ) : banks.data.items.length === 0 ? (
          <p>Chưa có ngân hàng câu hỏi nào. Hãy tạo ngân hàng đầu tiên ở bên dưới.</p>
        ) : (
          <table class="table table--stack">
            <caption class="sr-only">
              Các ngân hàng câu hỏi ({banks.data.items.length} ngân hàng)
            </caption>
            <thead>
              <tr>
                <th scope="col">Tên ngân hàng</th>
                <th scope="col">Mô tả</th>
                <th scope="col">Số câu hỏi</th>
                <th scope="col">Ngày rà soát nội dung</th>
              </tr>
            </thead>
            <tbody>
              {banks.data.items.map((bank) => (
                <BankRow key={bank.id} bank={bank} />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <CreateBankForm />
    </>
  );
}
