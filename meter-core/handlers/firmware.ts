import { ALERT } from '../../protocol/index.js';
import { body, ok, type HandlerTable } from '../../device-core/handlers.js';
import { bytes, str } from '../../device-core/payload.js';
import type { MeterFirmware } from '../meter-firmware.js';

/**
 * The hash of each meter's pending image (11.1), so that 11.3 (GBCS CS06, which names the image
 * by its hash) activates only the image it names. Kept beside the meter: PendingFirmware is the
 * meter's, this is the activation check's.
 */
const PENDING_HASH = new WeakMap<MeterFirmware, Uint8Array>();

const isZero = (b: Uint8Array) => b.every((x) => x === 0);

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
    PENDING_HASH.set(m, hash);
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
  // 11.3 Activate Firmware (immediate or future-dated): needs a verified image, and the one the
  // command names when it names one (CS06's hash; all zeros = "the image you hold"); then 0x8F43.
  // A CS06 with the never date cancels a pending future-dated activation (the firmware layer
  // holds those); at execution nothing is left to do.
  '11.3': (m, c) => {
    const running = m.identity.firmwareVersion;
    const b = c.payload === null ? {} : body(c);
    if (b.cancel === true) return ok({ firmwareVersion: running, cancelled: true });
    const pending = m.pendingFirmware;
    if (!pending?.verified)
      return {
        status: 'INVALID_STATE',
        payload: { reason: 'no verified firmware image to activate (send 11.1 first)', firmwareVersion: running },
      };
    const named = b.hash instanceof Uint8Array ? b.hash : undefined;
    const held = PENDING_HASH.get(m);
    if (named && !isZero(named) && held && !Buffer.from(named).equals(Buffer.from(held)))
      return {
        status: 'INVALID_STATE',
        payload: { reason: 'the image hash is not the pending image', firmwareVersion: running },
      };
    m.identity.firmwareVersion = pending.version;
    m.pendingFirmware = undefined;
    PENDING_HASH.delete(m);
    m.events.record(m.now(), 'firmware activated', pending.version);
    return ok({ firmwareVersion: pending.version }, [
      { code: ALERT.FirmwareVersionChanged, payload: { from: running, to: pending.version } },
    ]);
  },
};
