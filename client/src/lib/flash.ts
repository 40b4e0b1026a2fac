// A message carried across one navigation ("Đã đổi mật khẩu." shown on the next page).
let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** Returns the pending message once, then forgets it. */
export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
