import { useEffect, useRef, useState } from 'preact/hooks';
import {
  GENDERS,
  PARTICIPANT_GROUP_LABELS,
  PARTICIPANT_GROUPS,
  type Gender,
  type ParticipantGroup,
  type ParticipantSignedIn,
} from './contract';
import { normalizeCccd, normalizeVietnamesePhone } from '../../../../src/rounds/domain/masking';
import { CheckboxField, Field, PasswordField } from '../../components/Field';
import { Loading } from '../../components/Lazy';
import { Status, type StatusMessage } from '../../components/Status';
import { ApiError, errorMessage } from '../../lib/api';
import { navigate, useLocation, usePageTitle } from '../../lib/router';
import { RoundItem } from './ContestList';
import { GroupedSelectField, InputField, RadioField, type SelectGroup } from './fields';
import { GENDER_LABELS } from './labels';
import { CONTESTS_PATH, roundPath } from './paths';
import {
  type ContestDetail,
  fetchContest,
  fetchUnits,
  register,
  type RegisterRequest,
  signIn,
  signOut,
  type Unit,
} from './roundsApi';
import { Breadcrumbs, LoadFailed, useLoad } from './shared';
import { forgetSession, loadSession, saveSession, type StoredSession } from './storage';

/** The server's minimum (RegisterParticipantDto); it stays the authority. */
const MIN_PASSWORD = 8;

/**
 * Units grouped by their block (khối → đơn vị, tổ dân phố). A block is a heading, never a
 * choice; a unit without a block is listed first.
 */
export function unitGroups(units: readonly Unit[]): SelectGroup[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const choices = (id: string, depth: number, seen: Set<string>): SelectGroup['options'] =>
    (children.get(id) ?? []).flatMap((unit) => {
      if (seen.has(unit.id)) return [];
      seen.add(unit.id);
      const self =
        unit.kind === 'block'
          ? []
          : [{ value: unit.id, label: `${'— '.repeat(depth)}${unit.name}` }];
      return [...self, ...choices(unit.id, depth + 1, seen)];
    });
  const loose: SelectGroup = { label: null, options: [] };
  const groups: SelectGroup[] = [loose];
  for (const root of children.get(null) ?? []) {
    if (root.kind === 'block') {
      groups.push({ label: root.name, options: choices(root.id, 0, new Set([root.id])) });
    } else {
      loose.options.push({ value: root.id, label: root.name });
      loose.options.push(...choices(root.id, 1, new Set([root.id])));
    }
  }
  return groups.filter((g) => g.options.length > 0);
}

function PrivacyNotice({ requiresCccd }: { requiresCccd: boolean }) {
  return (
    <section class="privacy" aria-labelledby="du-lieu-ca-nhan">
      <h3 id="du-lieu-ca-nhan">Thông báo về xử lý dữ liệu cá nhân</h3>
      <p>Theo Nghị định số 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân, Ban Tổ chức cho bạn biết:</p>
      <ul>
        <li>
          <strong>Dữ liệu được lưu:</strong> họ tên, năm sinh, giới tính, số điện thoại, đơn vị
          {requiresCccd ? ', số căn cước công dân (CCCD)' : ''} và bài làm của bạn.
        </li>
        <li>
          <strong>Mục đích:</strong> tổ chức hội thi, xếp hạng, liên hệ và trao giải cho người đoạt
          giải.
        </li>
        <li>
          <strong>Công khai:</strong> trang công khai chỉ hiện họ tên, đơn vị và số điện thoại đã
          che bớt (ví dụ 09xx xxx 678).
          {requiresCccd ? ' Số CCCD không bao giờ được công khai.' : ''}
        </li>
        <li>
          <strong>Thời hạn:</strong> Ban Tổ chức xóa dữ liệu cá nhân sau khi hội thi kết thúc.
        </li>
      </ul>
    </section>
  );
}

type RegisterField =
  | 'fullName'
  | 'birthYear'
  | 'gender'
  | 'phone'
  | 'cccd'
  | 'unit'
  | 'participantGroup'
  | 'password'
  | 'consent';
type Errors = Partial<Record<RegisterField, string>>;
const FIELD_ORDER: readonly RegisterField[] = [
  'fullName',
  'birthYear',
  'gender',
  'phone',
  'cccd',
  'unit',
  'participantGroup',
  'password',
  'consent',
];

function RegisterForm({
  contest,
  units,
  onDone,
}: {
  contest: ContestDetail;
  units: Unit[] | null;
  onDone: (signed: ParticipantSignedIn) => void;
}) {
  const [fullName, setFullName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [gender, setGender] = useState<Gender | ''>('');
  const [phone, setPhone] = useState('');
  const [cccd, setCccd] = useState('');
  const [unit, setUnit] = useState('');
  const [group, setGroup] = useState<ParticipantGroup | ''>('');
  const [password, setPassword] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const groups = units ? unitGroups(units) : null;

  /** A setter that also clears the field's message once the person edits it. */
  function edit<T>(field: RegisterField, set: (value: T) => void) {
    return (value: T) => {
      set(value);
      if (errors[field]) {
        setErrors({ ...errors, [field]: undefined });
        setStatus(null);
      }
    };
  }

  function check(): Errors {
    const found: Errors = {};
    if (fullName.trim().length < 2) found.fullName = 'Vui lòng nhập họ và tên.';
    const year = Number(birthYear.trim());
    const thisYear = new Date().getFullYear();
    if (!/^\d{4}$/.test(birthYear.trim()) || year < 1900 || year > thisYear)
      found.birthYear = 'Vui lòng nhập năm sinh gồm 4 chữ số, ví dụ 1990.';
    if (!gender) found.gender = 'Vui lòng chọn giới tính.';
    const checkedPhone = normalizeVietnamesePhone(phone);
    if (!checkedPhone.ok) found.phone = checkedPhone.reason;
    if (contest.requiresCccd) {
      const checkedCccd = normalizeCccd(cccd);
      if (!checkedCccd.ok) found.cccd = checkedCccd.reason;
    }
    if (!unit.trim())
      found.unit = groups
        ? 'Vui lòng chọn đơn vị hoặc tổ dân phố.'
        : 'Vui lòng nhập đơn vị công tác hoặc tổ dân phố.';
    if (!group) found.participantGroup = 'Vui lòng chọn đối tượng dự thi.';
    if (password.length < MIN_PASSWORD)
      found.password = `Mật khẩu cần ít nhất ${MIN_PASSWORD} ký tự.`;
    if (!consent)
      found.consent = 'Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để đăng ký dự thi.';
    return found;
  }

  function focusFirst(found: Errors) {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (!first) return;
    // After the render that shows the messages: the control is marked aria-invalid.
    setTimeout(() => {
      formRef.current
        ?.querySelector<HTMLElement>(`[data-field="${first}"] [aria-invalid]`)
        ?.focus();
    }, 0);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ kind: 'error', text: 'Vui lòng sửa các mục được đánh dấu bên dưới.' });
      focusFirst(found);
      return;
    }
    if (!gender || !group) return;
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang đăng ký…' });
    const request: RegisterRequest = {
      fullName: fullName.trim(),
      birthYear: Number(birthYear.trim()),
      gender,
      phone: phone.trim(),
      ...(contest.requiresCccd ? { cccd: cccd.trim() } : {}),
      ...(groups ? { unitId: unit } : { unit: unit.trim() }),
      participantGroup: group,
      password,
      consent: true,
    };
    try {
      onDone(await register(contest.id, request));
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError) {
        const fromServer: Errors = {};
        for (const field of FIELD_ORDER) {
          const message =
            error.fieldMessage(field) ??
            (field === 'unit' ? error.fieldMessage('unitId') : undefined);
          if (message) fromServer[field] = message;
        }
        setErrors(fromServer);
        focusFirst(fromServer);
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  return (
    <form
      ref={formRef}
      class="form rounds-form"
      noValidate
      aria-labelledby="dang-ky"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h2 id="dang-ky">Đăng ký dự thi</h2>
      <p class="muted">
        Đăng ký một lần cho cả hội thi. Vui lòng dùng thông tin thật của chính bạn.
      </p>
      <div data-field="fullName">
        <Field
          label="Họ và tên"
          name="fullName"
          value={fullName}
          onInput={edit('fullName', setFullName)}
          error={errors.fullName}
          autoComplete="name"
          maxLength={100}
          required
        />
      </div>
      <div data-field="birthYear">
        <InputField
          label="Năm sinh"
          name="birthYear"
          keyboard="numeric"
          value={birthYear}
          onInput={edit('birthYear', setBirthYear)}
          error={errors.birthYear}
          hint="Ví dụ: 1990"
          autoComplete="bday-year"
          maxLength={4}
          required
        />
      </div>
      <div data-field="gender">
        <RadioField
          legend="Giới tính"
          name="gender"
          row
          value={gender}
          options={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))}
          onChange={edit('gender', setGender)}
          error={errors.gender}
        />
      </div>
      <div data-field="phone">
        <InputField
          label="Số điện thoại"
          name="phone"
          keyboard="tel"
          value={phone}
          onInput={edit('phone', setPhone)}
          error={errors.phone}
          hint="Dùng để đăng nhập và để Ban Tổ chức liên hệ khi bạn đoạt giải. Ví dụ: 0912345678 hoặc +84912345678."
          autoComplete="tel"
          maxLength={20}
          required
        />
      </div>
      {contest.requiresCccd && (
        <div data-field="cccd">
          <InputField
            label="Số căn cước công dân (CCCD)"
            name="cccd"
            keyboard="numeric"
            value={cccd}
            onInput={edit('cccd', setCccd)}
            error={errors.cccd}
            hint="Gồm 12 chữ số. Hội thi này yêu cầu CCCD để bảo đảm mỗi người chỉ dự thi một lần."
            maxLength={15}
            required
          />
        </div>
      )}
      <div data-field="unit">
        {groups ? (
          <GroupedSelectField
            label="Đơn vị hoặc tổ dân phố"
            value={unit}
            groups={groups}
            placeholder="— Chọn đơn vị —"
            onChange={edit('unit', setUnit)}
            error={errors.unit}
          />
        ) : (
          <InputField
            label="Đơn vị công tác hoặc tổ dân phố"
            name="unit"
            value={unit}
            onInput={edit('unit', setUnit)}
            error={errors.unit}
            hint="Ví dụ: UBND phường, Trường THCS Nguyễn Du, Tổ dân phố 5."
            autoComplete="organization"
            maxLength={200}
            required
          />
        )}
      </div>
      <div data-field="participantGroup">
        <RadioField
          legend="Đối tượng dự thi"
          name="participantGroup"
          value={group}
          options={PARTICIPANT_GROUPS.map((g) => ({
            value: g,
            label: PARTICIPANT_GROUP_LABELS[g],
          }))}
          onChange={edit('participantGroup', setGroup)}
          error={errors.participantGroup}
        />
      </div>
      <div data-field="password">
        <PasswordField
          label="Mật khẩu"
          name="password"
          value={password}
          onInput={edit('password', setPassword)}
          error={errors.password}
          hint={`Ít nhất ${MIN_PASSWORD} ký tự. Dùng mật khẩu này để đăng nhập lại hoặc thi trên thiết bị khác.`}
          autoComplete="new-password"
          required
        />
      </div>
      <PrivacyNotice requiresCccd={contest.requiresCccd} />
      <div data-field="consent">
        <CheckboxField
          label="Tôi đã đọc thông báo trên và đồng ý cho Ban Tổ chức xử lý dữ liệu cá nhân của tôi để tổ chức hội thi."
          name="consent"
          checked={consent}
          onChange={edit('consent', setConsent)}
          error={errors.consent}
        />
      </div>
      <Status message={status} />
      <button type="submit" class="button button--wide" aria-disabled={busy ? 'true' : undefined}>
        {busy ? 'Đang đăng ký…' : 'Đăng ký dự thi'}
      </button>
    </form>
  );
}

function SignInForm({
  contestId,
  onDone,
}: {
  contestId: string;
  onDone: (signed: ParticipantSignedIn) => void;
}) {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const checked = normalizeVietnamesePhone(phone);
    const found = {
      phone: checked.ok ? undefined : checked.reason,
      password: password ? undefined : 'Vui lòng nhập mật khẩu.',
    };
    setErrors(found);
    if (found.phone || found.password) {
      setStatus({ kind: 'error', text: 'Vui lòng nhập số điện thoại và mật khẩu đã đăng ký.' });
      (found.phone ? phoneRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setStatus({ kind: 'info', text: 'Đang đăng nhập…' });
    try {
      onDone(await signIn(contestId, phone.trim(), password));
    } catch (error) {
      setBusy(false);
      setPassword('');
      if (error instanceof ApiError) {
        setErrors({ phone: error.fieldMessage('phone'), password: error.fieldMessage('password') });
      }
      setStatus({ kind: 'error', text: errorMessage(error) });
      passwordRef.current?.focus();
    }
  }

  return (
    <form
      class="form rounds-form"
      noValidate
      aria-labelledby="dang-nhap"
      onSubmit={(event) => {
        void submit(event);
      }}
    >
      <h2 id="dang-nhap">Đăng nhập để dự thi</h2>
      <p class="muted">
        Dành cho người đã đăng ký hội thi này, trên thiết bị này hoặc thiết bị khác.
      </p>
      <InputField
        label="Số điện thoại"
        name="phone"
        keyboard="tel"
        value={phone}
        onInput={setPhone}
        error={errors.phone}
        autoComplete="tel"
        maxLength={20}
        inputRef={phoneRef}
        required
      />
      <PasswordField
        label="Mật khẩu"
        name="password"
        value={password}
        onInput={setPassword}
        error={errors.password}
        autoComplete="current-password"
        inputRef={passwordRef}
        required
      />
      <Status message={status} />
      <button type="submit" class="button button--wide" aria-disabled={busy ? 'true' : undefined}>
        {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
      </button>
    </form>
  );
}

/** Who is signed in on this device for the contest, with a way to sign out. */
export function SignedInBox({
  session,
  onSignOut,
}: {
  session: StoredSession;
  onSignOut: () => void;
}) {
  return (
    <section class="card signed-in" aria-labelledby="da-dang-nhap">
      <h2 id="da-dang-nhap" class="signed-in__title">
        Bạn đã đăng nhập
      </h2>
      <p class="signed-in__who">
        <strong>{session.participant.fullName}</strong>
        <span class="signed-in__phone">
          <span class="sr-only">Số điện thoại: </span>
          {session.participant.phone}
        </span>
        <span class="muted">{PARTICIPANT_GROUP_LABELS[session.participant.participantGroup]}</span>
      </p>
      <button type="button" class="button button--secondary" onClick={onSignOut}>
        Đăng xuất
      </button>
    </section>
  );
}

/** /hoi-thi/:contestId — the contest's rounds, registration and sign-in. */
export function ContestPage({ contestId }: { contestId: string }) {
  const { query } = useLocation();
  const [load, retry] = useLoad(
    () => Promise.all([fetchContest(contestId), fetchUnits(contestId)]),
    [contestId],
  );
  const [session, setSession] = useState(() => loadSession(contestId));
  const [mode, setMode] = useState<'register' | 'signin'>('register');
  const [message, setMessage] = useState<StatusMessage | null>(null);
  usePageTitle(load.kind === 'ready' ? load.value[0].name : 'Hội thi');

  // Back from a round page that asked to sign in first (?vong=<roundId>).
  const next = query.get('vong');
  useEffect(() => {
    if (query.get('dang-nhap') !== null) setMode('signin');
  }, []);

  if (load.kind === 'loading') return <Loading text="Đang tải hội thi…" />;
  if (load.kind === 'failed') {
    return (
      <LoadFailed title="Không tải được hội thi" message={load.message} retry={retry}>
        <p>
          <a href={CONTESTS_PATH}>Về danh sách hội thi</a>
        </p>
      </LoadFailed>
    );
  }
  const [contest, units] = load.value;

  function signedIn(signed: ParticipantSignedIn, how: 'register' | 'signin') {
    const stored = { token: signed.token, participant: signed.participant };
    saveSession(contestId, stored);
    setSession(stored);
    const round = next ? contest.rounds.find((r) => r.id === next) : undefined;
    if (round) {
      navigate(roundPath(contestId, round.id), { replace: true });
      return;
    }
    setMessage({
      kind: 'success',
      text:
        how === 'register'
          ? `Đăng ký thành công. Chào ${signed.participant.fullName}, bạn có thể vào thi.`
          : `Đăng nhập thành công. Chào ${signed.participant.fullName}.`,
    });
    window.scrollTo(0, 0);
  }

  return (
    <div class="container page rounds">
      <Breadcrumbs items={[{ href: CONTESTS_PATH, label: 'Hội thi' }, { label: contest.name }]} />
      <h1>{contest.name}</h1>
      {contest.description && <p class="lead rounds-description">{contest.description}</p>}
      <Status message={message} />

      {session && (
        <SignedInBox
          session={session}
          onSignOut={() => {
            void signOut(session.token);
            forgetSession(contestId);
            setSession(null);
            setMessage({ kind: 'info', text: 'Bạn đã đăng xuất trên thiết bị này.' });
          }}
        />
      )}

      <section aria-labelledby="cac-vong-thi">
        <h2 id="cac-vong-thi">Các vòng thi</h2>
        {contest.rounds.length === 0 ? (
          <p class="notice">Hội thi chưa có vòng thi nào được công bố.</p>
        ) : (
          <ul class="round-list" role="list">
            {contest.rounds.map((round) => (
              <RoundItem key={round.id} contestId={contest.id} round={round} />
            ))}
          </ul>
        )}
      </section>

      {!session && (
        <section class="card join" aria-label="Đăng ký hoặc đăng nhập">
          {next && <p class="notice">Vui lòng đăng ký hoặc đăng nhập trước khi vào thi.</p>}
          <div class="switch" role="group" aria-label="Bạn đã đăng ký chưa?">
            <button
              type="button"
              class="switch__button"
              aria-pressed={mode === 'register'}
              onClick={() => {
                setMode('register');
              }}
            >
              Đăng ký mới
            </button>
            <button
              type="button"
              class="switch__button"
              aria-pressed={mode === 'signin'}
              onClick={() => {
                setMode('signin');
              }}
            >
              Đã đăng ký? Đăng nhập
            </button>
          </div>
          {mode === 'register' ? (
            <RegisterForm
              contest={contest}
              units={units}
              onDone={(signed) => {
                signedIn(signed, 'register');
              }}
            />
          ) : (
            <SignInForm
              contestId={contest.id}
              onDone={(signed) => {
                signedIn(signed, 'signin');
              }}
            />
          )}
        </section>
      )}
    </div>
  );
}
