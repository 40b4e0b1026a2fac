import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PracticeTopic } from '../../../../src/shared/practice';
import { Status, type StatusMessage } from '../../components/Status';
import { errorMessage } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { navigate, usePageTitle } from '../../lib/router';
import {
  fetchTopics,
  lengthFor,
  LENGTHS,
  type PracticeLength,
  startAndRemember,
  type StartRequest,
} from './practiceApi';
import { SESSION_PATH } from './paths';
import { loadCurrent, loadMissed, takeNotice } from './storage';

type Topics =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; items: PracticeTopic[] };

/** Topics grouped by question bank, in the server's order. */
function groupByBank(topics: readonly PracticeTopic[]): [string, PracticeTopic[]][] {
  const groups = new Map<string, PracticeTopic[]>();
  for (const topic of topics) {
    const group = groups.get(topic.bankName) ?? [];
    group.push(topic);
    groups.set(topic.bankName, group);
  }
  return [...groups];
}

function TopicCheckbox({
  topic,
  checked,
  onChange,
}: {
  topic: PracticeTopic;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <li>
      <label class="choice">
        <input
          type="checkbox"
          class="choice__input"
          checked={checked}
          onChange={(event) => {
            onChange(event.currentTarget.checked);
          }}
        />
        <span class="choice__text">
          {topic.name}
          <span class="choice__meta">{formatNumber(topic.questions)} câu</span>
        </span>
      </label>
    </li>
  );
}

function TopicList({
  topics,
  selected,
  onToggle,
  error,
}: {
  topics: Topics;
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean) => void;
  error: string | null;
}) {
  if (topics.kind === 'loading') return <p class="loading">Đang tải danh sách chủ đề…</p>;
  if (topics.kind === 'failed') return null; // The message and "Thử lại" are shown above.
  const groups = groupByBank(topics.items);
  const list = (items: PracticeTopic[]) => (
    <ul class="choices" role="list">
      {items.map((topic) => (
        <TopicCheckbox
          key={topic.id}
          topic={topic}
          checked={selected.has(topic.id)}
          onChange={(checked) => {
            onToggle(topic.id, checked);
          }}
        />
      ))}
    </ul>
  );
  return (
    <fieldset class="practice-fieldset practice-topics" aria-describedby="loi-chu-de">
      <legend class="sr-only">Chủ đề</legend>
      <p id="loi-chu-de" class={error ? 'field__error' : 'sr-only'}>
        {error ?? ''}
      </p>
      {groups.length === 1
        ? list(groups[0]?.[1] ?? [])
        : groups.map(([bank, items]) => (
            <fieldset key={bank} class="practice-fieldset">
              <legend class="practice-topics__bank">{bank}</legend>
              {list(items)}
            </fieldset>
          ))}
    </fieldset>
  );
}

function Radio({
  name,
  value,
  checked,
  onSelect,
  children,
  meta,
}: {
  name: string;
  value: string;
  checked: boolean;
  onSelect: () => void;
  children: string;
  meta?: string;
}) {
  return (
    <li>
      <label class="choice">
        <input
          type="radio"
          name={name}
          value={value}
          class="choice__input"
          checked={checked}
          onChange={onSelect}
        />
        <span class="choice__text">
          {children}
          {meta && <span class="choice__meta">{meta}</span>}
        </span>
      </label>
    </li>
  );
}

/** /luyen-tap: continue, review missed questions, or choose topics and a length. */
export function StartPage() {
  usePageTitle('Luyện tập');
  const [topics, setTopics] = useState<Topics>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [mode, setMode] = useState<'mix' | 'topics'>('mix');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [length, setLength] = useState<PracticeLength>(10);
  const [topicError, setTopicError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'form' | 'missed' | null>(null);
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const [missed, setMissed] = useState<string[]>([]);
  const current = useMemo(loadCurrent, []);
  const inProgress = current && current.answered < current.total ? current : null;

  useEffect(() => {
    setMissed(loadMissed());
    const notice = takeNotice();
    if (notice) setMessage({ kind: 'info', text: notice });
  }, []);

  useEffect(() => {
    let live = true;
    setTopics({ kind: 'loading' });
    fetchTopics().then(
      (items) => {
        if (live) setTopics({ kind: 'ready', items });
      },
      (error: unknown) => {
        if (live) setTopics({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const total =
    topics.kind === 'ready' ? topics.items.reduce((sum, topic) => sum + topic.questions, 0) : 0;
  const empty = topics.kind === 'ready' && topics.items.length === 0;

  async function start(request: StartRequest, which: 'form' | 'missed') {
    if (busy) return;
    setBusy(which);
    setMessage(null);
    try {
      await startAndRemember(request);
      navigate(SESSION_PATH);
    } catch (error) {
      setBusy(null);
      setMissed(loadMissed());
      setMessage({ kind: 'error', text: errorMessage(error) });
    }
  }

  function onSubmit(event: Event) {
    event.preventDefault();
    if (mode === 'topics') {
      const topicIds = [...selected];
      if (topicIds.length === 0) {
        setTopicError('Hãy chọn ít nhất một chủ đề, hoặc chọn “Ngẫu nhiên tất cả chủ đề”.');
        document.querySelector<HTMLInputElement>('.practice-topics input')?.focus();
        return;
      }
      void start({ mode, length, topicIds }, 'form');
    } else {
      void start({ mode, length }, 'form');
    }
  }

  return (
    <div class="container page practice">
      <h1>Luyện tập</h1>
      <p class="lead">
        Ôn tập kiến thức cải cách hành chính, miễn phí và không cần đăng ký. Sau mỗi câu, bạn xem
        ngay đáp án đúng, lời giải thích và văn bản pháp luật liên quan.
      </p>
      <Status message={message} />

      {inProgress && (
        <section class="card practice-offer" aria-labelledby="dang-lam">
          <h2 id="dang-lam">Lượt đang làm dở</h2>
          <p>
            Bạn đã trả lời {inProgress.answered}/{inProgress.total} câu của lượt luyện tập trước.
          </p>
          <a href={SESSION_PATH} class="button button--wide">
            Tiếp tục lượt đang làm
          </a>
        </section>
      )}

      {missed.length > 0 && (
        <section class="card practice-offer" aria-labelledby="on-lai">
          <h2 id="on-lai">Câu bạn từng trả lời sai</h2>
          <p id="on-lai-mo-ta">
            Trên thiết bị này có <strong>{formatNumber(missed.length)} câu</strong> bạn đã trả lời
            sai.
            {missed.length > 30 && ' Mỗi lượt ôn lại 30 câu, chọn ngẫu nhiên.'}
          </p>
          <button
            type="button"
            class={inProgress ? 'button button--secondary button--wide' : 'button button--wide'}
            aria-describedby="on-lai-mo-ta"
            aria-disabled={busy ? 'true' : undefined}
            onClick={() => {
              void start(
                { mode: 'missed', length: lengthFor(missed.length), questionIds: missed },
                'missed',
              );
            }}
          >
            {busy === 'missed' ? 'Đang chuẩn bị câu hỏi…' : 'Ôn lại các câu tôi đã trả lời sai'}
          </button>
        </section>
      )}

      <form class="practice-form" noValidate onSubmit={onSubmit} aria-labelledby="luot-moi">
        <h2 id="luot-moi">
          {inProgress || missed.length > 0 ? 'Lượt luyện tập mới' : 'Chọn nội dung'}
        </h2>

        {topics.kind === 'failed' && (
          <div class="status status--error" role="alert">
            <p>Không tải được danh sách chủ đề. {topics.message}</p>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => {
                setAttempt(attempt + 1);
              }}
            >
              Thử lại
            </button>
          </div>
        )}
        {empty && <p class="notice">Hiện chưa có câu hỏi luyện tập. Vui lòng quay lại sau.</p>}

        <fieldset class="practice-fieldset">
          <legend class="practice-legend">Chủ đề</legend>
          <ul class="choices" role="list">
            <Radio
              name="noi-dung"
              value="mix"
              checked={mode === 'mix'}
              onSelect={() => {
                setMode('mix');
                setTopicError(null);
              }}
              meta={
                topics.kind === 'ready' && total > 0
                  ? `${formatNumber(total)} câu, ${formatNumber(topics.items.length)} chủ đề`
                  : undefined
              }
            >
              Ngẫu nhiên tất cả chủ đề
            </Radio>
            <Radio
              name="noi-dung"
              value="topics"
              checked={mode === 'topics'}
              onSelect={() => {
                setMode('topics');
              }}
              meta="Chọn một hoặc nhiều chủ đề"
            >
              Chọn chủ đề
            </Radio>
          </ul>
        </fieldset>

        {mode === 'topics' && (
          <TopicList
            topics={topics}
            selected={selected}
            error={topicError}
            onToggle={(id, checked) => {
              const next = new Set(selected);
              if (checked) next.add(id);
              else next.delete(id);
              setSelected(next);
              if (next.size > 0) setTopicError(null);
            }}
          />
        )}

        <fieldset class="practice-fieldset">
          <legend class="practice-legend">Số câu hỏi</legend>
          <ul class="choices choices--row" role="list">
            {LENGTHS.map((value) => (
              <Radio
                key={value}
                name="so-cau"
                value={String(value)}
                checked={length === value}
                onSelect={() => {
                  setLength(value);
                }}
              >
                {`${value} câu`}
              </Radio>
            ))}
          </ul>
        </fieldset>

        <button
          type="submit"
          class="button button--wide practice-start"
          aria-disabled={busy || empty ? 'true' : undefined}
          disabled={empty}
        >
          {busy === 'form' ? 'Đang chuẩn bị câu hỏi…' : 'Bắt đầu luyện tập'}
        </button>
      </form>
    </div>
  );
}
