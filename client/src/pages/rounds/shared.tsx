// Small pieces shared by the round pages.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { usePageTitle } from '../../lib/router';

/** A page that could not load: the message, "Thử lại", and a way out. */
export function LoadFailed({
  title,
  message,
  retry,
  children,
}: {
  title: string;
  message: string;
  retry?: () => void;
  children?: ComponentChildren;
}) {
  usePageTitle(title);
  return (
    <div class="container page rounds">
      <h1>{title}</h1>
      <div class="status status--error" role="alert">
        <p class="rounds-alert__text">{message}</p>
        {retry && (
          <button type="button" class="button" onClick={retry}>
            Thử lại
          </button>
        )}
      </div>
      {children}
    </div>
  );
}

export type Load<T> =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string; error: unknown }
  | { kind: 'ready'; value: T };

/** "Hội thi › Tuần 1": links back up, the current page last. */
export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Vị trí trang">
      <ol>
        {items.map((item) => (
          <li key={item.label}>
            {item.href ? (
              <a href={item.href}>{item.label}</a>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * Loads something when the page opens and again on `retry()`; `set` replaces the value (after
 * a change the page made itself). Results of a stale request are ignored.
 */
export function useLoad<T>(
  fetcher: () => Promise<T>,
  deps: readonly unknown[],
): [Load<T>, () => void, (value: T) => void] {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoad({ kind: 'loading' });
    fetcher().then(
      (value) => {
        if (live) setLoad({ kind: 'ready', value });
      },
      (error: unknown) => {
        if (live) setLoad({ kind: 'failed', message: errorMessage(error), error });
      },
    );
    return () => {
      live = false;
    };
  }, [...deps, attempt]);
  return [
    load,
    () => {
      setAttempt((n) => n + 1);
    },
    (value: T) => {
      setLoad({ kind: 'ready', value });
    },
  ];
}
