// Within this page load only: the attempt the round page just started, so the attempt page
// shows it without asking the server again.
import type { AttemptView } from './contract';

let handed: AttemptView | null = null;

export function handOffAttempt(view: AttemptView): void {
  handed = view;
}

export function takeAttempt(id: string): AttemptView | null {
  const view = handed?.id === id ? handed : null;
  handed = null;
  return view;
}
