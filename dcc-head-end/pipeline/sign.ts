import type { CommandFrame } from '../../protocol/index.js';
import { GatewayError } from '../duis-error.js';
import { behaviourOf } from '../service-request-table.js';
import { carriesSignedPreCommand } from './access/command-variant.js';
import type { PipelineStep } from './step.js';

/**
 * Sign: a critical command carries the registered supplier's signature, checked here against the
 * key the DCC holds for it (GBCS); an SR whose entry names a DCC signer gets that party's
 * signature (6.23: the Transitional CoS party); then every command gets the Access Control
 * Broker's countersignature.
 */
export const sign: PipelineStep = {
  name: 'sign (supplier, CoS for 6.23, ACB)',
  run(ctx, { crypto, dispatch }) {
    const { request, party } = ctx;
    let frame: CommandFrame = ctx.frame!;
    if (carriesSignedPreCommand(request.commandVariant)) {
      if (!crypto.verify(party.keys.ds, request.preCommand!, request.signature!)) {
        throw new GatewayError(
          'BAD_PRE_COMMAND_SIGNATURE',
          `signature over the pre-command does not verify with ${party.eui}'s signing key`,
          400,
          'signature',
        );
      }
      frame = { ...frame, signatures: [{ role: 'Supplier', signer: party.eui, value: request.signature! }] };
    }
    const entry = behaviourOf(frame.serviceRequest);
    if (entry.signer === 'TransitionalCoS') frame = dispatch.signAsCoS(frame);
    ctx.frame = frame;
    ctx.command = dispatch.countersign(frame);
    const records = entry.records?.(frame.payload);
    if (records) ctx.records = records;
  },
};
