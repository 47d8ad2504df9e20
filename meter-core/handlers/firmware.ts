import { ALERT } from '../../protocol/index.js';
import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { bytes, str } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';

/** SR family 11: firmware distribution, version read and activation. */
export const FIRMWARE_HANDLERS: HandlerTable<MeterFirmware> = {
  // 11.1 Update Firmware: image receipt with its hash (0x8F72 verified, 0x8F1C failed)
  '11.1': (m, c) => {
    const b = body(c);
    const image = bytes(b, 'image');
    const hash = bytes(b, 'hash', 32);
    const version = str(b, 'version', /^[\w.-]{1,32}$/);
    const verified = Buffer.from(m.sha256(image)).equals(Buffer.from(hash));
    m.pendingFirmware = { version, verified };
    m.events.record(m.now(), verified ? 'firmware verified' : 'firmware verification failed', version);
    return ok({ version, verified }, [
      {
        code: verified ? ALERT.FirmwareVerificationSuccessful : ALERT.FirmwareVerificationFailed,
        payload: { version },
      },
    ]);
  },
  // 11.2 Read Firmware Version
  '11.2': (m) => ok({ firmwareVersion: m.identity.firmwareVersion, pending: m.pendingFirmware?.version ?? null }),
  // 11.3 Activate Firmware (immediate or future-dated): needs a verified image; then 0x8F43
  '11.3': (m) => {
    const pending = m.pendingFirmware;
    if (!pending?.verified)
      return {
        status: 'INVALID_STATE',
        payload: { reason: 'no verified firmware image to activate (send 11.1 first)' },
      };
    const previous = m.identity.firmwareVersion;
    m.identity.firmwareVersion = pending.version;
    m.pendingFirmware = undefined;
    m.events.record(m.now(), 'firmware activated', pending.version);
    return ok({ firmwareVersion: pending.version }, [
      { code: ALERT.FirmwareVersionChanged, payload: { from: previous, to: pending.version } },
    ]);
  },
};
