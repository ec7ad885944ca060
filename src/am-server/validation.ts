import type { z } from 'zod';
import { ApiError } from './http-kit.js';

export type FieldProblem = { field: string; message: string };

/** 422 VALIDATION_ERROR listing each wrong field (`details.fields`: [{field, message}]). */
export function validationError(fields: FieldProblem[]): ApiError {
  return new ApiError(422, 'VALIDATION_ERROR', 'La requête contient des champs invalides.', { fields });
}

export function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.slice(0, 50).map((issue) => ({
    field: fieldPath(issue.path) || '(corps)',
    message: frenchIssue(issue),
  }));
}

/** A field's path as the contract writes it: `lines[0].dispensed[1].units`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('');
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'champ obligatoire' : `type attendu : ${issue.expected}`;
    case 'invalid_value':
      return 'valeur non autorisée';
    case 'too_big':
      return 'valeur trop grande ou trop longue';
    case 'too_small':
      return 'valeur trop petite ou trop courte';
    case 'unrecognized_keys':
      return `champ inconnu : ${issue.keys.slice(0, 5).join(', ')}`;
    case 'invalid_format':
      return 'format invalide';
    default:
      return issue.message.startsWith('Invalid') ? 'valeur invalide' : issue.message;
  }
}

/** Parses with a schema or throws 422 VALIDATION_ERROR. */
export function parseOr422<S extends z.ZodType>(schema: S, value: unknown, extra?: (v: z.infer<S>) => FieldProblem[]): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(zodProblems(result.error));
  const problems = extra ? extra(result.data) : [];
  if (problems.length > 0) throw validationError(problems);
  return result.data;
}
