import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { num, optNum } from '../../device-core/payload.js';
import type { Gsme } from '../gsme.js';

/** SR 14.1 Record Network Data (GAS): the GSME starts sampling for the network operator (ZSE Start Sampling). */
export const GSME_NETWORK_DATA_HANDLERS: HandlerTable<Gsme> = {
  '14.1': (m, c) => {
    const b = body(c);
    const sampling = {
      sampleId: m.settings.nextSampleId(),
      startAt: optNum(b, 'startAt', 0) ?? m.now(),
      intervalSeconds: num(b, 'intervalSeconds', 1, 0xffff),
      maxSamples: num(b, 'maxSamples', 1, 0xffff),
    };
    m.settings.networkSampling = sampling;
    m.events.record(m.now(), 'network data sampling', `sample ${sampling.sampleId}`);
    return ok({ ...sampling });
  },
};
