import { useEffect, useState } from 'preact/hooks';
import { takeFlash } from '../lib/flash';

export type StatusKind = 'success' | 'error' | 'info';

export interface StatusMessage {
  kind: StatusKind;
  text: string;
}

/**
 * Two live regions that are always in the page, so that screen readers announce a message
 * when it appears: errors at once (role="alert"), everything else politely (role="status").
 */
export function Status({ message }: { message: StatusMessage | null }) {
  const isError = message?.kind === 'error';
  return (
    <>
      <div
        role="alert"
        aria-live="assertive"
        class={isError ? 'status status--error' : 'status status--empty'}
      >
        {isError && message.text}
      </div>
      <div
        role="status"
        aria-live="polite"
        class={message && !isError ? `status status--${message.kind}` : 'status status--empty'}
      >
        {message && !isError && message.text}
      </div>
    </>
  );
}

/**
 * A status message for the current page, starting with the message left by the previous page
 * (set after the first render, so that the live region exists before it is filled).
 */
export function useFlashStatus() {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  useEffect(() => {
    const text = takeFlash();
    if (text) setMessage({ kind: 'success', text });
  }, []);
  return [message, setMessage] as const;
}
