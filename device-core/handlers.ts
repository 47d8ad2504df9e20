import {
  isServiceReferenceVariant,
  type CommandFrame,
  type Frame,
  type PlainValue,
  type ServiceReferenceVariant,
} from '../protocol/index.js';
import type { Execution } from './firmware.js';
import { asMap, type PayloadMap } from './payload.js';

/** A command that names a DUIS service request (the HAN's local messages never reach a handler). */
export type ServiceCommand = CommandFrame & { readonly serviceRequest: ServiceReferenceVariant };

export function isServiceCommand(frame: Frame): frame is ServiceCommand {
  return frame.kind === 'command' && isServiceReferenceVariant(frame.serviceRequest);
}

/** One service request's behaviour on one device type. A throw of PayloadError is a refusal. */
export type Handler<D> = (device: D, command: ServiceCommand) => Execution;

/**
 * A device type's service requests, keyed by the catalogue's variants: a key that is not a DUIS
 * variant does not compile. Every device model (meters, displays, the CHF and the GPF) answers
 * through a table of this shape; the meters build theirs from one file per SR family.
 */
export type HandlerTable<D> = { readonly [variant in ServiceReferenceVariant]?: Handler<D> };

/** Run the handler for the command's SR, or answer NOT_SUPPORTED naming the device type. */
export function dispatch<D extends { readonly identity: { readonly type: string } }>(
  table: HandlerTable<D>,
  device: D,
  command: ServiceCommand,
): Execution {
  const handler = table[command.serviceRequest];
  if (!handler)
    return {
      status: 'NOT_SUPPORTED',
      payload: { reason: `${device.identity.type} does not implement SR ${command.serviceRequest}` },
    };
  return handler(device, command);
}

export const ok = (payload: PlainValue = null, alerts?: Execution['alerts']): Execution =>
  alerts ? { status: 'OK', payload, alerts } : { status: 'OK', payload };

/** The command body as a map, or PayloadError. */
export const body = (command: CommandFrame): PayloadMap => asMap(command.payload);
