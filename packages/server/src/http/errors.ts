/** Stable error codes; the map to HTTP status is exhaustive, so a new code without a status fails to compile. */
export type ErrorCode =
  | 'validation'
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'locked'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal';

export const ERROR_STATUS: { [K in ErrorCode]: number } = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
};

export const ERROR_TITLE: { [K in ErrorCode]: string } = {
  validation: '请求数据有误',
  bad_request: '请求无效',
  unauthenticated: '未登录或登录已过期',
  forbidden: '无权执行此操作',
  not_found: '未找到',
  conflict: '数据冲突',
  locked: '账号已锁定',
  payload_too_large: '请求内容过大',
  unsupported_media_type: '不支持的内容类型',
  rate_limited: '请求过于频繁',
  internal: '服务器内部错误',
};

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = '记录') => new AppError('not_found', `${what}不存在或无权查看`);
export const forbidden = (msg = '无权执行此操作') => new AppError('forbidden', msg);
export const unauthenticated = (msg = '请先登录') => new AppError('unauthenticated', msg);
export const conflict = (msg: string, errors: FieldError[] = []) => new AppError('conflict', msg, errors);
export const invalid = (errors: FieldError[], msg = '请求数据有误') =>
  new AppError('validation', msg, errors);

/** Zod issues → field errors, path joined with dots ("principal.idNumber"). */
export function zodIssuesToFieldErrors(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  prefix: string[] = [],
): FieldError[] {
  return issues.map((i) => ({
    path: [...prefix, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}
