import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERROR_STATUS, ERROR_TITLE, type ErrorCode, type FieldError } from './errors';

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  detail: string,
  errors: FieldError[] = [],
  extra: Record<string, unknown> = {},
) {
  const status = ERROR_STATUS[code];
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://zhiben.dev/problems/${code}`,
      title: ERROR_TITLE[code],
      status,
      detail,
      code,
      errors,
      instance: req.url,
      requestId: req.id,
      ...extra,
    });
}

/** One handler turns every error into application/problem+json; unknown errors become a bare 500. */
export function registerProblemHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendProblem(reply, req, err.code, err.message, err.errors, err.extra);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where,
        message: v.message ?? '无效',
      }));
      const label = where === 'querystring' ? '查询参数' : where === 'params' ? '路径参数' : '请求数据';
      return sendProblem(reply, req, 'validation', `${label}有 ${errors.length} 处错误`, errors, {
        in: where,
      });
    }
    const status = err.statusCode ?? 500;
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendProblem(reply, req, 'unsupported_media_type', '不支持的内容类型');
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413)
      return sendProblem(reply, req, 'payload_too_large', '请求内容过大');
    if (status === 429) return sendProblem(reply, req, 'rate_limited', '请求过于频繁，请稍后再试');
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, empty body…)
      const detail =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError
          ? '请求体不是有效的 JSON'
          : err.message;
      return sendProblem(reply, req, status === 404 ? 'not_found' : 'bad_request', detail, [
        { path: 'body', message: detail },
      ]);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, 'internal', `服务器内部错误，请求编号 ${req.id}`);
  });
}
