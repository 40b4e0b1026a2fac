import { DomainError } from '../common/errors/domain-error';

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('unauthenticated', 'INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
}

export class AccountLockedError extends DomainError {
  constructor(readonly until: Date) {
    const time = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(until);
    super(
      'locked',
      'ACCOUNT_LOCKED',
      `Tài khoản tạm thời bị khoá do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${time}.`,
      [{ message: 'lockedUntil', lockedUntil: until.toISOString() }],
    );
  }
}

export class AccountDisabledError extends DomainError {
  constructor() {
    super(
      'forbidden',
      'ACCOUNT_DISABLED',
      'Tài khoản đã bị vô hiệu hoá. Vui lòng liên hệ quản trị viên.',
    );
  }
}

export class PasswordChangeRequiredError extends DomainError {
  constructor() {
    super('forbidden', 'PASSWORD_CHANGE_REQUIRED', 'Bạn cần đổi mật khẩu trước khi tiếp tục.');
  }
}

export class WrongCurrentPasswordError extends DomainError {
  constructor() {
    super('bad_request', 'WRONG_CURRENT_PASSWORD', 'Mật khẩu hiện tại không đúng.', [
      { field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
    ]);
  }
}

export class PasswordReusedError extends DomainError {
  constructor() {
    super('bad_request', 'PASSWORD_REUSED', 'Mật khẩu mới phải khác mật khẩu hiện tại.', [
      { field: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' },
    ]);
  }
}
