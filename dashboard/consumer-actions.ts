import type { Premises } from '../world/premises.js';
import type { ActionAnswer, ActionRequest } from './api-types.js';

/**
 * What a consumer can do at home, done the way the scenario runner's `consumer` steps do it
 * (scenario-runner/steps.ts): on the PPMID's keypad when the premises has one, otherwise at the
 * meter; a power cut takes the ESME's power and the hub's WAN connection (the broker's last will).
 */
export async function runConsumerAction(home: Premises, request: ActionRequest): Promise<ActionAnswer> {
  const fuel = request.fuel ?? 'electricity';
  const meter = fuel === 'gas' ? home.gsme : home.esme;
  switch (request.action) {
    case 'enterUtrn': {
      const utrn = (request.utrn ?? '').replace(/\s+/g, '');
      if (home.ppmid) {
        // The keypad sends it over the HAN; the meter's verdict comes back as an alert (0x810E credit added locally, or a refusal).
        const sent = home.ppmid.enterUtrn(utrn, fuel);
        return { ok: sent, detail: sent ? `typed on the PPMID for the ${fuel} meter` : 'the PPMID is off' };
      }
      const outcome = meter.enterUtrn(utrn, 'local');
      return outcome.ok
        ? { ok: true, detail: `credited ${outcome.amountPence ?? 0}p at the ${fuel} meter` }
        : { ok: false, detail: `refused by the ${fuel} meter: ${outcome.reason ?? 'unknown'}` };
    }
    case 'supplyButton': {
      if (home.ppmid) {
        const sent = home.ppmid.pressSupplyButton(fuel);
        return { ok: sent, detail: sent ? `pressed on the PPMID for the ${fuel} meter` : 'the PPMID is off' };
      }
      const done = meter.pressSupplyButton();
      return { ok: done, detail: done ? `${fuel} supply enabled` : `the ${fuel} supply is not armed` };
    }
    case 'emergencyCredit': {
      if (home.ppmid) {
        const sent = home.ppmid.requestEmergencyCredit(fuel);
        return { ok: sent, detail: sent ? `asked on the PPMID for the ${fuel} meter` : 'the PPMID is off' };
      }
      const outcome = meter.takeEmergencyCredit();
      return {
        ok: outcome.ok,
        detail: outcome.ok ? 'emergency credit taken' : `refused: ${outcome.reason ?? 'unknown'}`,
      };
    }
    case 'powerCut':
      home.esme.powerOff();
      await home.hub.powerCut();
      return { ok: true, detail: 'power cut: the ESME is off and the hub has dropped off the SMWAN' };
    case 'powerRestore':
      await home.hub.powerRestore();
      home.esme.powerOn();
      return { ok: true, detail: 'power restored' };
  }
}
