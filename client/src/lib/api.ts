import type { ErrorBody, ErrorDetail } from '../types';

/** An error answered by the server, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    /** Vietnamese text meant for people: show it as is. */
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  /** The server's message for one form field, if it sent one. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((detail) => detail.field === field)?.message;
  }
}

type ApiErrorListener = (error: ApiError) => void;
const listeners = new Set<ApiErrorListener>();

/** Called for every ApiError, before it is thrown (session expiry, forced password change). */
export function onApiError(listener: ApiErrorListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const TIMEOUT_MS = 30_000;

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.';
  if (status === 403) return 'Bạn không có quyền thực hiện thao tác này.';
  if (status === 404) return 'Không tìm thấy dữ liệu yêu cầu.';
  if (status === 429) return 'Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.';
  if (status >= 500) return `Máy chủ đang gặp sự cố (mã ${status}). Vui lòng thử lại sau ít phút.`;
  return `Yêu cầu không thành công (mã ${status}). Vui lòng thử lại.`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy error page, for example.
  }
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.code, body.message, body.details ?? []);
  }
  return new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status));
}

function notify(error: ApiError): ApiError {
  for (const listener of listeners) listener(error);
  return error;
}

/**
 * Calls the server's JSON API under /api. Resolves with the parsed body (undefined for 204),
 * rejects with an {@link ApiError} whose message can be shown to the user.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    throw notify(
      controller.signal.aborted
        ? new ApiError(0, 'TIMEOUT', 'Máy chủ phản hồi quá lâu. Vui lòng kiểm tra mạng và thử lại.')
        : new ApiError(
            0,
            'NETWORK_ERROR',
            'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng và thử lại.',
          ),
    );
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) throw notify(await toApiError(response));
  if (response.status === 204) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw notify(
      new ApiError(response.status, 'BAD_RESPONSE', 'Máy chủ trả về dữ liệu không hợp lệ.'),
    );
  }
}

export const apiGet = <T>(path: string) => api<T>('GET', path);
export const apiPost = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const apiPatch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

/** Turns any thrown value into a message a person can read. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.';
}
