import { describe, expect, it } from 'vitest';
import { JoinedDevices } from '../../device-core/lifecycles.js';
import { IllegalTransitionError, parseEui } from '../../protocol/index.js';

const IHD = parseEui('00-DB-12-34-56-78-90-A3');
const PPMID = parseEui('00-DB-12-34-56-78-90-A4');

// SR 8.7 join / 8.8 unjoin: one place holds the join state, moved only by JOIN_STATE.
describe('JoinedDevices', () => {
  it('joins, re-joins and unjoins through the join machine', () => {
    const joined = new JoinedDevices();
    expect(joined.state(IHD)).toBe('NotJoined');
    joined.join(IHD);
    joined.join(IHD); // JOIN_STATE: Joined --join--> Joined
    joined.add(PPMID);
    expect([...joined].sort()).toEqual([IHD, PPMID].sort());
    expect(joined.size).toBe(2);
    joined.unjoin(IHD);
    expect(joined.has(IHD)).toBe(false);
    expect(joined.state(IHD)).toBe('NotJoined');
    expect([...joined]).toEqual([PPMID]);
  });

  it('refuses to unjoin a device that is not joined', () => {
    const joined = new JoinedDevices();
    expect(() => joined.unjoin(IHD)).toThrow(IllegalTransitionError);
    joined.join(IHD);
    joined.unjoin(IHD);
    expect(() => joined.unjoin(IHD)).toThrow(IllegalTransitionError);
  });
});
