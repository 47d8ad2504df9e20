import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SmetsimError } from '../../protocol/index.js';
import { IllegalTransitionError } from '../../protocol/state-machine.js';
import { DuisError, GatewayError } from '../duis-error.js';

/** HTTP status for each DUIS refusal. */
const DUIS_STATUS: Readonly<Record<string, number>> = {
  E1: 403,
  E2: 403,
  E3: 403,
  E4: 403,
  E5: 409,
  E11: 422,
  E12: 422,
  E19: 404,
};

/**
 * Every error becomes JSON naming the code, the field and the rule; never a stack trace.
 */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const requestId = (request.body as { requestId?: unknown } | undefined)?.requestId;
  const base = typeof requestId === 'string' ? { requestId } : {};
  if (error instanceof DuisError) {
    return reply
      .status(DUIS_STATUS[error.code] ?? 400)
      .send({ ...base, code: error.code, field: error.field, message: error.message });
  }
  if (error instanceof GatewayError) {
    return reply.status(error.status).send({
      ...base,
      code: error.code,
      ...(error.duis ? { duis: error.duis } : {}),
      field: error.field,
      message: error.message,
    });
  }
  if (error instanceof IllegalTransitionError)
    return reply.status(409).send({ code: error.code, message: error.message });
  if (error instanceof SmetsimError)
    return reply.status(400).send({ ...base, code: error.code, field: error.field, message: error.message });
  const fastifyError = error as FastifyError & {
    validation?: {
      instancePath: string;
      params?: { missingProperty?: string; additionalProperty?: string };
      message?: string;
    }[];
  };
  if (fastifyError.validation) {
    const first = fastifyError.validation[0];
    const path = first?.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const field =
      first?.params?.missingProperty ??
      first?.params?.additionalProperty ??
      (path || fastifyError.validationContext || 'body');
    const rule = first?.params?.additionalProperty ? 'unknown field' : (first?.message ?? 'invalid');
    return reply.status(400).send({ ...base, code: 'BAD_REQUEST', field, message: `${field}: ${rule}` });
  }
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return reply.status(413).send({
      code: 'BODY_TOO_LARGE',
      field: 'body',
      message: `the body is over the ${request.routeOptions.bodyLimit ?? 0}-byte limit`,
    });
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return reply
      .status(415)
      .send({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'Content-Type', message: 'send Content-Type: application/json' });
  if (fastifyError.statusCode === 400)
    return reply
      .status(400)
      .send({ code: 'MALFORMED_JSON', field: 'body', message: `the body is not valid JSON: ${fastifyError.message}` });
  request.log.error(error);
  return reply
    .status(500)
    .send({ code: 'INTERNAL', message: 'the DCC failed while handling this call; it has been logged' });
}
