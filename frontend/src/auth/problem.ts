import { isRecord } from '../app/json';

/** One field error inside an RFC 9457 problem response. */
export interface FieldProblem {
  field: string;
  code: string;
  message?: string;
}

/** The problem-details body every backend error uses (RFC 9457 plus `code`, `requestId`, `errors`). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

/**
 * What went wrong with a request, in terms the pages can act on:
 * - `network`: no answer at all (offline, server down)
 * - `unauthenticated`: 401 that a silent renewal could not fix ("please sign in again")
 * - `forbidden`: 403 ("not allowed")
 * - `problem`: any other error answer (see `status`, `code` and `fieldErrors`)
 */
export type ApiErrorKind = 'network' | 'unauthenticated' | 'forbidden' | 'problem';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(kind: ApiErrorKind, status: number, problem: ProblemDetails = {}) {
    super(problem.detail ?? problem.title ?? `${kind} (${status})`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.problem = problem;
  }

  /** The machine-readable code of the whole problem, e.g. `username.taken`. */
  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): FieldProblem[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }

  get requestId(): string | undefined {
    return this.problem.requestId;
  }
}

/** Reads a problem body if there is one; never throws. */
export async function readProblem(response: Response): Promise<ProblemDetails> {
  try {
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('json')) return { status: response.status };
    const body: unknown = await response.json();
    if (!isRecord(body)) return { status: response.status };
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(isRecord).map((error) => ({
          field: String(error.field ?? ''),
          code: String(error.code ?? ''),
          ...(typeof error.message === 'string' ? { message: error.message } : {}),
        }))
      : undefined;
    const problem: ProblemDetails = {
      status: typeof body.status === 'number' ? body.status : response.status,
    };
    for (const key of ['type', 'title', 'detail', 'instance', 'code', 'requestId'] as const) {
      const value = body[key];
      if (typeof value === 'string') problem[key] = value;
    }
    if (errors) problem.errors = errors;
    return problem;
  } catch {
    return { status: response.status };
  }
}

/** Turns a non-OK response into an ApiError of the right kind. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  if (response.status === 401) return new ApiError('unauthenticated', 401, problem);
  if (response.status === 403) return new ApiError('forbidden', 403, problem);
  return new ApiError('problem', response.status, problem);
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError('network', 0, { detail: cause instanceof Error ? cause.message : String(cause) });
  return error;
}
