// Autosave of the answers of one attempt: each choice is sent at once, one request at a time
// per question (a newer choice waits for the reply and is sent next), retried on its own after
// a network failure. A choice counts as saved only once the server has acknowledged it. The
// requests go through `send` (the attempt channel: the socket when it is open, else HTTP).
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../lib/api';
import type { AttemptChannel } from './attemptChannel';
import { isTransient } from './roundsApi';

export type SaveStatus = 'none' | 'saving' | 'saved' | 'error';

interface Slot {
  /** What the participant chose last (display indexes, sorted). */
  desired: number[];
  /** What the server acknowledged; null: nothing yet. */
  saved: number[] | null;
  inFlight: boolean;
  failures: number;
  error: string | null;
  timer: number | undefined;
}

export interface AnswerState {
  chosen: number[];
  status: SaveStatus;
  error: string | null;
}

/** Why autosave stopped for good: time is up / already submitted, or the session is gone. */
export type Stop = { kind: 'finished'; message: string } | { kind: 'signed-out'; message: string };

const same = (a: readonly number[], b: readonly number[] | null) =>
  b !== null && a.length === b.length && a.every((value, index) => value === b[index]);

const RETRY_MAX_MS = 10_000;

export function useAutosave(
  attemptId: string,
  token: string,
  initial: readonly { position: number; chosen: number[] }[],
  onStop: (stop: Stop) => void,
  send: AttemptChannel['save'],
) {
  const slots = useRef<Map<number, Slot> | null>(null);
  if (slots.current === null) {
    slots.current = new Map(
      initial.map((answer) => {
        const chosen = [...answer.chosen].sort((a, b) => a - b);
        return [
          answer.position,
          {
            desired: chosen,
            saved: chosen,
            inFlight: false,
            failures: 0,
            error: null,
            timer: undefined,
          },
        ];
      }),
    );
  }
  const map = slots.current;
  const stopped = useRef(false);
  const stopRef = useRef(onStop);
  stopRef.current = onStop;
  const [, setVersion] = useState(0);
  const render = () => {
    setVersion((n) => n + 1);
  };

  function slot(position: number): Slot {
    let found = map.get(position);
    if (!found) {
      found = {
        desired: [],
        saved: null,
        inFlight: false,
        failures: 0,
        error: null,
        timer: undefined,
      };
      map.set(position, found);
    }
    return found;
  }

  function stop(value: Stop) {
    if (stopped.current) return;
    stopped.current = true;
    for (const s of map.values()) window.clearTimeout(s.timer);
    stopRef.current(value);
  }

  async function pump(position: number): Promise<void> {
    const s = slot(position);
    if (s.inFlight || stopped.current) return;
    window.clearTimeout(s.timer);
    s.timer = undefined;
    if (same(s.desired, s.saved) || (s.saved === null && s.desired.length === 0)) {
      s.error = null;
      render();
      return;
    }
    const sending = [...s.desired];
    s.inFlight = true;
    render();
    let again = false;
    try {
      const reply = await send(attemptId, token, position, sending);
      s.saved = [...reply.chosen].sort((a, b) => a - b);
      s.failures = 0;
      s.error = null;
      again = !same(s.desired, s.saved);
    } catch (error) {
      if (isTransient(error)) {
        s.failures += 1;
        s.error = 'Chưa lưu — đang thử lại';
        const delay = Math.min(RETRY_MAX_MS, 1000 * 2 ** Math.min(s.failures - 1, 4));
        s.timer = window.setTimeout(() => {
          void pump(position);
        }, delay);
      } else if (error instanceof ApiError && error.status === 401) {
        stop({ kind: 'signed-out', message: error.message });
      } else if (
        error instanceof ApiError &&
        (error.code === 'ATTEMPT_TIME_UP' || error.code === 'ATTEMPT_SUBMITTED')
      ) {
        stop({ kind: 'finished', message: error.message });
      } else {
        // Refused (an invalid choice): show what the server holds, with its message.
        s.error = errorMessage(error);
        s.desired = s.saved ?? [];
      }
    } finally {
      s.inFlight = false;
    }
    render();
    if (again) await pump(position);
  }

  /** The participant chose `chosen` for `position`: show it and send it. */
  function choose(position: number, chosen: number[]) {
    if (stopped.current) return;
    const s = slot(position);
    s.desired = [...chosen].sort((a, b) => a - b);
    s.error = null;
    s.failures = 0;
    render();
    void pump(position);
  }

  /** Sends every unsaved answer again now (the "Thử lại" button, the network coming back). */
  function retryAll() {
    for (const [position, s] of map) {
      if (!s.inFlight && !same(s.desired, s.saved)) {
        s.failures = 0;
        void pump(position);
      }
    }
  }

  useEffect(() => {
    const online = () => {
      retryAll();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      for (const s of map.values()) window.clearTimeout(s.timer);
    };
  }, []);

  function state(position: number): AnswerState {
    const s = map.get(position);
    if (!s) return { chosen: [], status: 'none', error: null };
    const synced = same(s.desired, s.saved) || (s.saved === null && s.desired.length === 0);
    let status: SaveStatus;
    if (s.inFlight) status = 'saving';
    else if (synced) status = s.saved === null || s.saved.length === 0 ? 'none' : 'saved';
    else status = s.error ? 'error' : 'saving';
    return { chosen: s.desired, status, error: s.error };
  }

  /** Positions whose last choice is not acknowledged yet. */
  function unsaved(): number[] {
    return [...map]
      .filter(
        ([, s]) =>
          s.inFlight || !(same(s.desired, s.saved) || (s.saved === null && s.desired.length === 0)),
      )
      .map(([position]) => position)
      .sort((a, b) => a - b);
  }

  return {
    choose,
    state,
    unsaved,
    retryAll,
    /** No more saves (the attempt is being submitted or is over). */
    halt: () => {
      stopped.current = true;
    },
  };
}
