import type { z } from 'zod';
import { type FieldIssue, InvalidRequestError } from '../domain/errors.js';

const pathOf = (segments: readonly PropertyKey[]) => segments.map(String).join('.');

/** zod issues as the `errors` of a problem: one entry per offending field path. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: pathOf([...issue.path, key]),
          message: 'is not an allowed property',
        }))
      : [{ path: pathOf(issue.path) || '(root)', message: issue.message }],
  );
}

export function validate<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InvalidRequestError(`The ${what} is not valid.`, fieldIssues(result.error));
  return result.data;
}
