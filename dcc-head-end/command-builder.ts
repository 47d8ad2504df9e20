import type { CommandFrame, PlainValue } from '../protocol/index.js';
import { DuisError, GatewayError } from './duis-error.js';
import type { RequestContext } from './pipeline/request.js';
import type { TokenService } from './token-service.js';

/** The command a request that passed access control becomes, before any signature (DUIS transform). */
export function buildCommand(ctx: RequestContext, tokens: TokenService): CommandFrame {
  const { request, party, now } = ctx;
  const target = ctx.target!;
  let payload = request.body;
  if (request.serviceRequest.variant === '2.2') payload = topUpPayload(ctx, tokens);
  if (request.serviceRequest.variant === '6.23') {
    // BPM 04: the DCC fills in the incoming supplier's credentials from its registry.
    const floor = (request.body as { counterFloor?: unknown } | null)?.counterFloor;
    payload = {
      supplier: {
        eui: party.eui,
        ds: party.keys.ds.point,
        ...(party.keys.ka ? { ka: party.keys.ka.point } : {}),
        ...(party.keys.prepaymentKa ? { prepaymentKa: party.keys.prepaymentKa.point } : {}),
      },
      counterFloor: typeof floor === 'string' && /^\d{1,20}$/.test(floor) ? floor : '0',
    };
  }
  return {
    kind: 'command',
    header: {
      originator: party.eui,
      recipient: target.eui,
      counter: request.requestId.counter,
      createdAt: now,
      ...(request.executeAt !== undefined ? { executeAt: request.executeAt } : {}),
    },
    serviceRequest: request.serviceRequest.variant,
    payload,
    signatures: [],
  };
}

/**
 * SR 2.2: a UTRN the supplier made itself (`body.utrn`), or one the DCC's token service makes
 * from `body.value` and `body.valueClass` (pounds or pennies).
 */
function topUpPayload(ctx: RequestContext, tokens: TokenService): PlainValue {
  const body = (ctx.request.body ?? {}) as { utrn?: unknown; value?: unknown; valueClass?: unknown };
  if (typeof body.utrn === 'string') return { utrn: body.utrn };
  const { value, valueClass } = body;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > 8191 ||
    (valueClass !== 'pounds' && valueClass !== 'pennies')
  ) {
    throw new GatewayError(
      'BAD_REQUEST',
      'SR 2.2 takes body.utrn (20 digits), or body.value (1..8191) and body.valueClass ("pounds" or "pennies") for the DCC to make the UTRN',
      400,
      'body',
    );
  }
  const meter = ctx.target!;
  if (!meter.ka)
    throw new DuisError('E5', `the inventory holds no key agreement key for ${meter.eui}`, 'requestId.target');
  return { utrn: tokens.issue(ctx.party.eui, meter.eui, meter.ka, value, valueClass).utrn };
}
