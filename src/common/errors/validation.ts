import { ValidationError } from 'class-validator';
import { ErrorDetail, ValidationFailedError } from './domain-error';

/** Vietnamese wording for class-validator constraints; unknown ones fall back to a generic phrase. */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: 'không được phép gửi',
  isDefined: 'là bắt buộc',
  isNotEmpty: 'không được để trống',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là đúng/sai (true/false)',
  isIn: 'không nằm trong các giá trị cho phép',
  isEnum: 'không nằm trong các giá trị cho phép',
  isUUID: 'không phải mã định danh hợp lệ',
  isEmail: 'không phải địa chỉ email hợp lệ',
  isArray: 'phải là danh sách',
  isObject: 'phải là đối tượng',
  isDateString: 'phải là thời điểm theo chuẩn ISO 8601',
  isISO8601: 'phải là thời điểm theo chuẩn ISO 8601',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  min: 'quá nhỏ',
  max: 'quá lớn',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  matches: 'không đúng định dạng',
  nestedValidation: 'không hợp lệ',
};

function describe(constraint: string, raw: string): string {
  const base = CONSTRAINT_MESSAGES[constraint] ?? 'không hợp lệ';
  // Keep the limit that class-validator put in its English message ("... 10 characters").
  const limit = /(minLength|maxLength|min|max|arrayMinSize|arrayMaxSize)$/.test(constraint)
    ? raw.match(/(-?\d+(?:\.\d+)?)/)?.[1]
    : undefined;
  if (!limit) return base;
  if (constraint === 'minLength') return `${base} (tối thiểu ${limit} ký tự)`;
  if (constraint === 'maxLength') return `${base} (tối đa ${limit} ký tự)`;
  if (constraint === 'min' || constraint === 'arrayMinSize') return `${base} (tối thiểu ${limit})`;
  return `${base} (tối đa ${limit})`;
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, raw] of Object.entries(error.constraints ?? {})) {
      details.push({ field, message: `Trường "${field}" ${describe(constraint, raw)}.` });
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

/** exceptionFactory for the global ValidationPipe (HTTP) and for socket payload validation. */
export function validationExceptionFactory(errors: ValidationError[]): ValidationFailedError {
  return new ValidationFailedError(flattenValidationErrors(errors));
}
