/** Error codes the API answers with, in the shape `{ error: { code, parameter?, message } }`. */
export type ApiErrorCode =
  | 'bad_parameter'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'too_large'
  | 'not_ready'
  | 'timeout'
  | 'internal';

type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 503 | 504 | 500;

const STATUS: Record<ApiErrorCode, ErrorStatus> = {
  bad_parameter: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  not_ready: 503,
  timeout: 504,
  internal: 500,
};

/** An error that maps to one HTTP status and a JSON body naming the offending parameter. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly parameter: string | undefined;
  readonly status: ErrorStatus;

  constructor(code: ApiErrorCode, message: string, parameter?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.parameter = parameter;
    this.status = STATUS[code];
  }

  /** The JSON body sent to the client. */
  toJSON(): { error: { code: ApiErrorCode; parameter?: string; message: string } } {
    return {
      error: {
        code: this.code,
        ...(this.parameter !== undefined ? { parameter: this.parameter } : {}),
        message: this.message,
      },
    };
  }
}

/** Shorthand for a 400 naming a parameter. */
export function badParameter(parameter: string, message: string): ApiError {
  return new ApiError('bad_parameter', message, parameter);
}
