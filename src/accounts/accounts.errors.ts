import { DomainError } from '../common/errors/domain-error';

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super('conflict', 'USERNAME_TAKEN', `Tên đăng nhập "${username}" đã được sử dụng.`);
  }
}

export class CannotDemoteLastAdminError extends DomainError {
  constructor() {
    super(
      'conflict',
      'LAST_ADMIN',
      'Không thể khoá hoặc đổi vai trò của quản trị viên cuối cùng đang hoạt động.',
    );
  }
}
