import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import { correlationIdFor } from './correlation';
import { toProblem } from './problem.filter';

/** Deeper than any request the API takes (a batch line's fields sit at depth 3). */
export const MAX_JSON_DEPTH = 32;

/**
 * What is wrong with a parsed request value, or null: nesting deeper than `maxDepth` (the
 * validation pipe and class-transformer recurse per level: 5,000 levels overflowed the stack,
 * a 500) or a NUL character in a string (PostgreSQL cannot store it: a 500 from the driver
 * after work had started). Iterative, so the check itself cannot overflow.
 */
export function inputProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return 'Text must not contain NUL characters';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= maxDepth) return `The request is nested deeper than ${maxDepth} levels`;
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return 'Text must not contain NUL characters';
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * Refuses such requests with 400 VALIDATION_FAILED before any handler, pipe or interceptor
 * sees them (body, query string and path parameters alike).
 */
export function registerInputGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (req, reply) => {
    const problem = inputProblem(req.body) ?? inputProblem(req.query) ?? inputProblem(req.params);
    if (!problem) return;
    const error = new AppError('VALIDATION_FAILED', problem, [{ message: problem }]);
    return reply.status(400).header('content-type', 'application/problem+json').send(toProblem(error, correlationIdFor(req.raw)));
  });
}
