// Pieces shared by the three views of the live final.
import { useEffect, useState } from 'preact/hooks';
import { serverNow } from '../lib/clock';
import { formatNumber } from '../lib/format';
import type { LeaderboardRow, QuestionView, TimerView } from './contract';
import { optionLetter } from './labels';

/** Milliseconds left on the server's timer, by the server's clock; null when none runs. */
export function useRemaining(timer: TimerView | null | undefined): number | null {
  const endsAt = timer?.endsAt ?? null;
  const paused = timer?.pausedRemainingMs ?? null;
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    if (endsAt === null) return;
    setNow(serverNow());
    const id = window.setInterval(() => {
      setNow(serverNow());
    }, 200);
    return () => {
      window.clearInterval(id);
    };
  }, [endsAt]);
  if (paused !== null) return paused;
  if (endsAt === null) return null;
  return Math.max(0, endsAt - now);
}

/** Whole seconds, rounded up: 0.3 s left still shows 1. */
export function secondsLeft(ms: number): number {
  return Math.ceil(ms / 1000);
}

export function Countdown({
  timer,
  class: className = 'live-countdown',
}: {
  timer: TimerView | null | undefined;
  class?: string;
}) {
  const remaining = useRemaining(timer);
  if (remaining === null) return null;
  const seconds = secondsLeft(remaining);
  const total = timer?.allowedMs ?? null;
  const urgent = seconds <= 5;
  return (
    <div
      class={urgent ? `${className} ${className}--urgent` : className}
      role="timer"
      aria-label={`Còn ${String(seconds)} giây`}
    >
      <span class="live-countdown__value">{seconds}</span>
      {total !== null && total > 0 && (
        <span
          class="live-countdown__bar"
          style={{ width: `${String(Math.min(100, (remaining / total) * 100))}%` }}
          aria-hidden="true"
        />
      )}
    </div>
  );
}

/** The options of a question with their letters; after a reveal, the right ones marked. */
export function OptionList({
  question,
  correct,
  distribution,
  class: className = 'live-options',
}: {
  question: QuestionView;
  correct?: readonly number[] | null;
  distribution?: readonly number[] | null;
  class?: string;
}) {
  const total = distribution?.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <ol class={className}>
      {question.options.map((option, index) => {
        const isRight = correct?.includes(index) ?? false;
        const count = distribution?.[index] ?? null;
        const share = count !== null && total > 0 ? Math.round((count / total) * 100) : 0;
        return (
          <li
            key={index}
            class={`live-option live-option--${String(index % 6)}${
              correct ? (isRight ? ' live-option--right' : ' live-option--wrong') : ''
            }`}
          >
            <span class="live-option__letter" aria-hidden="true">
              {optionLetter(index)}
            </span>
            <span class="live-option__text">
              <span class="sr-only">{`Phương án ${optionLetter(index)}: `}</span>
              {option}
              {isRight && <span class="live-option__mark"> ✓ Đáp án đúng</span>}
            </span>
            {count !== null && (
              <span class="live-option__count">
                <span
                  class="live-option__bar"
                  style={{ width: `${String(share)}%` }}
                  aria-hidden="true"
                />
                <span class="live-option__number">
                  {formatNumber(count)} ({share}%)
                </span>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export function LeaderboardTable({
  rows,
  caption,
  highlight,
  class: className = 'live-table',
}: {
  rows: readonly LeaderboardRow[];
  caption: string;
  highlight?: string | null;
  class?: string;
}) {
  return (
    <table class={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Hạng</th>
          <th scope="col">Người chơi</th>
          <th scope="col">Điểm</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} class={row.id === highlight ? 'live-table__me' : undefined}>
            <td>{row.rank}</td>
            <th scope="row">
              {row.number !== null && <span class="live-number">{row.number}</span>}
              {row.name}
              {row.eliminated && <span class="live-out"> (bị loại)</span>}
            </th>
            <td>{formatNumber(row.score)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The first three places, second–first–third like a real podium. */
export function Podium({
  rows,
  class: className = 'live-podium',
}: {
  rows: readonly LeaderboardRow[];
  class?: string;
}) {
  const places = [2, 1, 3].flatMap((rank) => {
    const at = rows.filter((row) => row.rank === rank);
    return at.length > 0 ? [{ rank, rows: at }] : [];
  });
  return (
    <ol class={className} aria-label="Bục vinh quang">
      {places.map((place) => (
        <li key={place.rank} class={`live-podium__place live-podium__place--${String(place.rank)}`}>
          <span class="live-podium__names">
            {place.rows.map((row) => (
              <span key={row.id} class="live-podium__name">
                {row.name}
              </span>
            ))}
          </span>
          <span class="live-podium__score">{formatNumber(place.rows[0]?.score ?? 0)} điểm</span>
          <span class="live-podium__step">
            <span class="sr-only">Hạng </span>
            {place.rank}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The join address players type (or scan): `/choi/123456` on this origin. */
export function joinUrl(code: string): string {
  return `${window.location.origin}/choi/${code}`;
}

/** "123 456": a code read aloud in two halves. */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}
