import type {
  Audience,
  AuditAction,
  Difficulty,
  ImportAction,
  QuestionStatus,
  QuestionType,
  Role,
} from '../types';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị viên',
  organizer: 'Ban tổ chức',
  host: 'Người dẫn chương trình',
};

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.logout': 'Đăng xuất',
  'auth.password_changed': 'Đổi mật khẩu',
  'account.created': 'Tạo tài khoản',
  'account.updated': 'Cập nhật tài khoản',
  'account.password_reset': 'Đặt lại mật khẩu',
  'bank.created': 'Tạo ngân hàng câu hỏi',
  'bank.updated': 'Sửa ngân hàng câu hỏi',
  'bank.deleted': 'Xóa ngân hàng câu hỏi',
  'bank.imported': 'Nhập câu hỏi từ tệp',
  'topic.created': 'Thêm chủ đề',
  'question.created': 'Thêm câu hỏi',
  'question.updated': 'Sửa câu hỏi',
  'question.deleted': 'Xóa câu hỏi',
};

/** Vietnamese label of an audit action; the raw action for one the client does not know yet. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

const ENTITY_LABELS: Record<string, string> = {
  account: 'Tài khoản',
  session: 'Phiên đăng nhập',
  question_bank: 'Ngân hàng câu hỏi',
  topic: 'Chủ đề',
  question: 'Câu hỏi',
};

export function entityLabel(entityType: string): string {
  return ENTITY_LABELS[entityType] ?? entityType;
}

/** Labels of the fields that appear in an audit entry's before/after. */
const FIELD_LABELS: Record<string, string> = {
  username: 'Tên đăng nhập',
  displayName: 'Tên hiển thị',
  role: 'Vai trò',
  disabled: 'Bị khóa',
  mustChangePassword: 'Phải đổi mật khẩu',
  lastLoginAt: 'Đăng nhập gần nhất',
  createdAt: 'Ngày tạo',
  updatedAt: 'Ngày cập nhật',
  failedLoginCount: 'Số lần đăng nhập sai',
  lockedUntil: 'Khóa đến',
  reason: 'Lý do',
  locked: 'Bị khóa',
  name: 'Tên',
  description: 'Mô tả',
  bank: 'Ngân hàng',
  bankId: 'Mã ngân hàng',
  file: 'Tệp',
  format: 'Định dạng',
  imported: 'Số câu nhập mới',
  updated: 'Số câu cập nhật',
  skipped: 'Số câu trùng bỏ qua',
  problems: 'Số lỗi',
  code: 'Mã',
  topic: 'Chủ đề',
  type: 'Loại câu hỏi',
  text: 'Nội dung',
  options: 'Phương án',
  correct: 'Đáp án đúng',
  difficulty: 'Mức độ',
  explanation: 'Giải thích',
  source: 'Căn cứ pháp lý',
  tags: 'Thẻ',
  audience: 'Đối tượng',
  image: 'Hình ảnh',
  status: 'Trạng thái',
  practice: 'Dùng cho luyện tập',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

// ---- Question banks ----------------------------------------------------------------------------

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: 'Một đáp án',
  multiple: 'Nhiều đáp án',
  true_false: 'Đúng/Sai',
};

export const DIFFICULTY_LABELS: Record<Difficulty, string> = {
  easy: 'Dễ',
  medium: 'Trung bình',
  hard: 'Khó',
};

export const AUDIENCE_LABELS: Record<Audience, string> = {
  all: 'Tất cả',
  civil_servant: 'CBCCVC',
  citizen: 'Người dân',
};

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  draft: 'Nháp',
  published: 'Công khai',
};

export const IMPORT_ACTION_LABELS: Record<ImportAction, string> = {
  insert: 'Thêm mới',
  update: 'Cập nhật',
  skip: 'Bỏ qua (trùng)',
};

/** Label of a value of one of the enums above, or the value itself. */
export function enumLabel(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}
