import { body, ok, type Handler, type ServiceCommand } from '../../device-core/handlers.js';
import type { Execution } from '../../device-core/firmware.js';
import type { PlainValue } from '../../protocol/index.js';
import { useCaseOfBody } from '../../protocol/gbcs/use-cases/configuration.js';
import { configurationOf, definitionFor, factoryValues } from '../configuration-store.js';
import type { MeterFirmware } from '../meter-firmware.js';

/** The body of a command as fields; a command without a body is `{}` (a JSON read names nothing). */
export function fieldsOf(c: ServiceCommand): Record<string, PlainValue> {
  return c.payload === null ? {} : { ...body(c) };
}

/**
 * Run a configuration use case from its definition (protocol/gbcs/use-cases/configuration/): the
 * values the command carries are stored, and the answer is the use case's response values, from
 * what was stored, over the factory configuration, under what the meter knows live (`live`).
 * A use case this device type does not have is answered NOT_SUPPORTED, as dispatch would.
 */
export function storedConfiguration(
  m: MeterFirmware,
  c: ServiceCommand,
  live: Record<string, PlainValue> = {},
  ignore: readonly string[] = [],
): Execution {
  const fields = fieldsOf(c);
  const def = definitionFor(c.serviceRequest, m.identity.type, useCaseOfBody(fields));
  if (!def) {
    return {
      status: 'NOT_SUPPORTED',
      payload: {
        reason: `${m.identity.type} has no use case ${useCaseOfBody(fields) ?? ''} of SR ${c.serviceRequest}`,
      },
    };
  }
  const store = configurationOf(m);
  for (const [field, value] of Object.entries(fields)) {
    if (field !== 'useCase' && !ignore.includes(field)) store.set(field, value);
  }
  const answer: Record<string, PlainValue> = { ...factoryValues(def) };
  for (const field of Object.keys(answer)) {
    const stored = store.get(field);
    if (stored !== undefined) answer[field] = stored;
  }
  return ok({ useCase: def.useCase, ...answer, ...live });
}

/** A handler that only stores and answers. */
export const stored: Handler<MeterFirmware> = (m, c) => storedConfiguration(m, c);
