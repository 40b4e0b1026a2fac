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

function errorFromBody(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.code, body.message, body.details ?? []);
  return new ApiError(status, `HTTP_${status}`, fallbackMessage(status));
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy error page, for example.
  }
  return errorFromBody(response.status, body);
}

function notify(error: ApiError): ApiError {
  for (const listener of listeners) listener(error);
  return error;
}

export interface RequestOptions {
  /** Extra headers, e.g. a participant's or a practice session's token. */
  headers?: Record<string, string>;
  /**
   * Tell the global error listeners (staff session expiry, forced password change). Off for
   * calls made with a participant's or practice token: their 401 is not the staff session's.
   */
  notify?: boolean;
  /** Called with a successful reply's body and when it was sent and received (clock offset). */
  onReply?: (body: unknown, sentAt: number, receivedAt: number) => void;
}

/**
 * Calls the server's JSON API under /api. Resolves with the parsed body (undefined for 204),
 * rejects with an {@link ApiError} whose message can be shown to the user.
 */
export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const fail = (error: ApiError) => (options.notify === false ? error : notify(error));
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, TIMEOUT_MS);
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...options.headers,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch {
    throw fail(
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
  const receivedAt = Date.now();
  if (!response.ok) throw fail(await toApiError(response));
  if (response.status === 204) return undefined as T;
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw fail(
      new ApiError(response.status, 'BAD_RESPONSE', 'Máy chủ trả về dữ liệu không hợp lệ.'),
    );
  }
  options.onReply?.(parsed, sentAt, receivedAt);
  return parsed as T;
}

export const api = <T>(method: string, path: string, body?: unknown) =>
  request<T>(method, path, body);

export const apiGet = <T>(path: string) => api<T>('GET', path);
export const apiPost = <T>(path: string, body?: unknown) => api<T>('POST', path, body);
export const apiPatch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const apiPut = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const apiDelete = (path: string) => api<undefined>('DELETE', path);

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send; 0 when the browser cannot tell. */
  total: number;
}

export interface Upload<T> {
  /** Resolves with the parsed JSON answer; rejects with an {@link ApiError} (code ABORTED on cancel). */
  result: Promise<T>;
  abort: () => void;
}

/** Long enough for 10 MB over a slow 3G link; the upload itself reports progress meanwhile. */
const UPLOAD_TIMEOUT_MS = 15 * 60_000;

/**
 * POSTs a multipart form with XMLHttpRequest, which (unlike fetch) reports upload progress:
 * organizers send files of several megabytes from slow connections.
 */
export function apiUpload<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
): Upload<T> {
  const xhr = new XMLHttpRequest();
  const result = new Promise<T>((resolve, reject) => {
    const fail = (error: ApiError) => {
      reject(notify(error));
    };
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : 0 });
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // Not JSON: handled below.
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        fail(errorFromBody(xhr.status, body));
      } else if (body === null) {
        fail(new ApiError(xhr.status, 'BAD_RESPONSE', 'Máy chủ trả về dữ liệu không hợp lệ.'));
      } else {
        resolve(body as T);
      }
    };
    xhr.onerror = () => {
      fail(
        new ApiError(
          0,
          'NETWORK_ERROR',
          'Mất kết nối khi đang tải tệp lên. Vui lòng kiểm tra mạng và thử lại.',
        ),
      );
    };
    xhr.ontimeout = () => {
      fail(new ApiError(0, 'TIMEOUT', 'Tải tệp lên quá lâu. Vui lòng kiểm tra mạng và thử lại.'));
    };
    xhr.onabort = () => {
      reject(new ApiError(0, 'ABORTED', 'Đã hủy tải tệp lên.'));
    };
    xhr.send(form);
  });
  return {
    result,
    abort: () => {
      xhr.abort();
    },
  };
}

/** Turns any thrown value into a message a person can read. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.';
}
