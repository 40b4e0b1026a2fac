import { DomainError, type ErrorDetail } from '../common/errors/domain-error';

export class UnitNotFoundError extends DomainError {
  constructor() {
    super('not_found', 'UNIT_NOT_FOUND', 'Không tìm thấy đơn vị này.');
  }
}

/** A unit that breaks the tree's rules (parent, kind, code); details name the fields. */
export class InvalidUnitError extends DomainError {
  constructor(problems: ErrorDetail[]) {
    super(
      'unprocessable',
      'INVALID_UNIT',
      `Thông tin đơn vị không hợp lệ: ${problems.map((p) => p.message).join(' ')}`,
      problems,
    );
  }
}

export class UnitCodeTakenError extends DomainError {
  constructor(code: string) {
    const message = `Mã "${code}" đã được dùng cho một đơn vị khác của hội thi.`;
    super('conflict', 'UNIT_CODE_TAKEN', message, [{ field: 'code', message }]);
  }
}

export class UnitInUseError extends DomainError {
  constructor(reason: string) {
    super('conflict', 'UNIT_IN_USE', reason);
  }
}

export class InvalidUnitRankError extends DomainError {
  constructor(message: string) {
    super('bad_request', 'INVALID_UNIT_RANK', message, [{ field: 'unitRank', message }]);
  }
}
