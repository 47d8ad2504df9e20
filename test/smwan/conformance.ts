import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEui, type Eui64, type HubState } from '../../protocol/index.js';
import type { SmwanCredentials } from '../../smwan/index.js';
import { LinkError, type HeadEndLink, type HubLink } from '../../smwan/index.js';
import { quietPeriod, waitFor } from '../support/wait.js';

export interface SmwanFixture {
  readonly credentials: SmwanCredentials;
  hubLink(hub: Eui64, secret: string): HubLink;
  headEndLink(secret: string): HeadEndLink;
  close(): Promise<void>;
}

const HUB_A = parseEui('00-DB-12-34-56-78-00-0A');
const HUB_B = parseEui('00-DB-12-34-56-78-00-0B');

/** One behaviour suite for every SMWAN link implementation (STYLE: one suite, several transports). */
export function smwanConformance(name: string, makeFixture: () => Promise<SmwanFixture>): void {
  describe(`SMWAN link conformance: ${name}`, () => {
    let fixture: SmwanFixture;
    const opened: { close(): Promise<void> }[] = [];

    beforeEach(async () => {
      fixture = await makeFixture();
    });
    afterEach(async () => {
      for (const link of opened.splice(0)) await link.close();
      await fixture.close();
    });

    function hub(eui: Eui64): HubLink {
      const link = fixture.hubLink(eui, fixture.credentials.hubSecret(eui));
      opened.push(link);
      return link;
    }
    function headEnd(): { link: HeadEndLink; up: [Eui64, string][]; states: [Eui64, HubState][] } {
      const link = fixture.headEndLink(fixture.credentials.headEndSecret);
      opened.push(link);
      const up: [Eui64, string][] = [];
      const states: [Eui64, HubState][] = [];
      link.onUp((h, frame) => up.push([h, Buffer.from(frame).toString()]));
      link.onHubState((h, s) => states.push([h, s]));
      return { link, up, states };
    }

    it('carries a frame up from a hub, named by the hub it came from', async () => {
      const dcc = headEnd();
      await dcc.link.open();
      const a = hub(HUB_A);
      await a.open();
      await a.sendUp(Buffer.from('reading'));
      await waitFor(() => dcc.up.length === 1, 'the up frame');
      expect(dcc.up).toEqual([[HUB_A, 'reading']]);
    });

    it('carries a frame down to the addressed hub only', async () => {
      const dcc = headEnd();
      await dcc.link.open();
      const got = { a: [] as string[], b: [] as string[] };
      const a = hub(HUB_A);
      const b = hub(HUB_B);
      a.onDown((f) => got.a.push(Buffer.from(f).toString()));
      b.onDown((f) => got.b.push(Buffer.from(f).toString()));
      await a.open();
      await b.open();
      await dcc.link.sendDown(HUB_B, Buffer.from('for B'));
      await waitFor(() => got.b.length === 1, 'the down frame');
      await quietPeriod();
      expect(got).toEqual({ a: [], b: ['for B'] });
    });

    it('keeps frames in order for one hub', async () => {
      const dcc = headEnd();
      await dcc.link.open();
      const a = hub(HUB_A);
      const got: string[] = [];
      a.onDown((f) => got.push(Buffer.from(f).toString()));
      await a.open();
      for (let i = 0; i < 50; i++) await dcc.link.sendDown(HUB_A, Buffer.from(String(i)));
      await waitFor(() => got.length === 50, '50 frames');
      expect(got).toEqual(Array.from({ length: 50 }, (_, i) => String(i)));
    });

    it('reports hub state online, then offline on a graceful close', async () => {
      const dcc = headEnd();
      await dcc.link.open();
      const a = hub(HUB_A);
      await a.open();
      await waitFor(() => dcc.states.some(([, s]) => s === 'online'), 'online');
      await a.close({ graceful: true });
      await waitFor(() => dcc.states.at(-1)?.[1] === 'offline', 'offline');
      expect(dcc.states.at(-1)).toEqual([HUB_A, 'offline']);
    });

    it('publishes the last will (offline) when a hub drops without a goodbye', async () => {
      const dcc = headEnd();
      await dcc.link.open();
      const a = hub(HUB_A);
      await a.open();
      await waitFor(() => dcc.states.at(-1)?.[1] === 'online', 'online');
      await a.close({ graceful: false });
      await waitFor(() => dcc.states.at(-1)?.[1] === 'offline', 'the last will');
      expect(dcc.states.at(-1)).toEqual([HUB_A, 'offline']);
    });

    it('retains hub state for a head-end that connects later', async () => {
      const a = hub(HUB_A);
      await a.open();
      const dcc = headEnd();
      await dcc.link.open();
      await waitFor(() => dcc.states.length > 0, 'the retained state');
      expect(dcc.states[0]).toEqual([HUB_A, 'online']);
    });

    it('holds a QoS 1 command published while the hub was offline until it returns', async () => {
      const dcc = headEnd();
      await dcc.link.open();
      const first = hub(HUB_A);
      await first.open();
      await first.close({ graceful: false });
      await dcc.link.sendDown(HUB_A, Buffer.from('while you were away'));
      const got: string[] = [];
      const again = hub(HUB_A);
      again.onDown((f) => got.push(Buffer.from(f).toString()));
      await again.open();
      await waitFor(() => got.length === 1, 'the queued command');
      expect(got).toEqual(['while you were away']);
    });

    it('refuses a hub with the wrong secret with a typed error', async () => {
      const link = fixture.hubLink(HUB_A, 'not-the-secret');
      opened.push(link);
      await expect(link.open()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
      await expect(link.open().catch((e: unknown) => e)).resolves.toBeInstanceOf(LinkError);
    });

    it('refuses a hub presenting another hub\u2019s secret', async () => {
      const link = fixture.hubLink(HUB_A, fixture.credentials.hubSecret(HUB_B));
      opened.push(link);
      await expect(link.open()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });

    it('refuses a head-end with the wrong secret', async () => {
      const link = fixture.headEndLink('wrong');
      opened.push(link);
      await expect(link.open()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });

    it('survives a handler that throws', async () => {
      const dcc = headEnd();
      const seen: string[] = [];
      dcc.link.onUp((_, f) => {
        seen.push(Buffer.from(f).toString());
        throw new Error('handler bug');
      });
      await dcc.link.open();
      const a = hub(HUB_A);
      await a.open();
      await a.sendUp(Buffer.from('1'));
      await a.sendUp(Buffer.from('2'));
      await waitFor(() => seen.length === 2, 'both frames despite the throwing handler');
      expect(seen).toEqual(['1', '2']);
    });

    it('refuses to send on a link that is not open', async () => {
      const a = hub(HUB_A);
      await expect(a.sendUp(Buffer.from('x'))).rejects.toMatchObject({ code: 'NOT_OPEN' });
    });
  });
}
