import type { Command } from 'commander';
import {
  decodeFrame,
  encodeFrame,
  nodeCrypto,
  parseEui,
  Prng,
  signFrame,
  verifyFrameSignature,
  type Eui64,
  type HubState,
} from '../../protocol/index.js';
import type { EmbeddedBroker } from '../../smwan/index.js';
import { runCommand } from '../cli-errors.js';
import { withExamples } from '../help-examples.js';
import { brokerOption, smwanSecretOption } from '../smwan-options.js';

const HUB = parseEui('00-DB-12-34-56-78-00-01');
const DCC_ACB = parseEui('90-B3-D5-1F-30-00-00-02');

interface DemoOptions {
  broker?: string;
  smwanSecret: string;
  seed: string;
}

/**
 * The SMWAN demo: the embedded broker, one hub connecting and reporting its state, a signed alert
 * up and a signed command down over real MQTT, then a power cut seen through the last will. It
 * stands in for the scenario runner until that exists, and exits non-zero if any step fails.
 */
export function registerDemoCommand(program: Command): void {
  const command = program
    .command('demo')
    .description('Start the embedded broker, connect one hub, and exchange signed frames with the head-end over MQTT')
    .addOption(
      brokerOption('use this MQTT broker instead of the embedded one (it must accept the derived hub credentials)'),
    )
    .option('--seed <seed>', 'seed for the keys', '1')
    .addOption(smwanSecretOption())
    .action((options: DemoOptions) => runCommand('demo', () => runDemo(options)));
  withExamples(command, ['smetsim demo', 'smetsim demo --broker mqtt://127.0.0.1:1883 --smwan-secret "$SECRET"']);
}

async function runDemo(options: DemoOptions): Promise<number> {
  const { MqttHeadEndLink, MqttHubLink, SmwanCredentials, startEmbeddedBroker } = await import('../../smwan/index.js');
  const credentials = new SmwanCredentials(options.smwanSecret);
  const rng = new Prng(options.seed);
  const hubKey = nodeCrypto.keyPairFromSeed(rng.stream('hub-ds').bytes(32));
  const acbKey = nodeCrypto.keyPairFromSeed(rng.stream('acb-ds').bytes(32));
  let broker: EmbeddedBroker | undefined;
  const url = options.broker ?? (broker = await startEmbeddedBroker({ credentials })).url;
  const steps: [string, boolean][] = [];
  const step = (name: string, ok: boolean) => {
    steps.push([name, ok]);
    process.stdout.write(`  ${ok ? 'PASS' : 'FAIL'}  ${name}\n`);
  };
  process.stdout.write(`smetsim demo: SMWAN over MQTT at ${url}${broker ? ' (embedded aedes)' : ''}\n`);

  const states: [Eui64, HubState][] = [];
  const upFrames: Uint8Array[] = [];
  const headEnd = new MqttHeadEndLink({
    url,
    secret: credentials.headEndSecret,
    clientId: `demo-head-end-${process.pid}`,
  });
  headEnd.onHubState((hub, state) => states.push([hub, state]));
  headEnd.onUp((_, frame) => upFrames.push(frame));
  const hub = new MqttHubLink({ url, hub: HUB, secret: credentials.hubSecret(HUB) });
  const downFrames: Uint8Array[] = [];
  hub.onDown((frame) => downFrames.push(frame));
  try {
    await headEnd.open();
    await hub.open();
    step(
      `hub ${HUB} connected and reported online`,
      await until(() => states.some(([h, s]) => h === HUB && s === 'online')),
    );

    const alert = signFrame(
      nodeCrypto,
      {
        kind: 'alert',
        header: { originator: HUB, recipient: DCC_ACB, counter: 1n, createdAt: Date.now() },
        alertCode: 0x8f12,
        payload: { log: 'changed' },
        signatures: [],
      },
      'Device',
      HUB,
      hubKey,
    );
    await hub.sendUp(encodeFrame(alert));
    const upOk = await until(() => upFrames.length > 0);
    const upFrame = upOk ? decodeFrame(upFrames[0]!) : undefined;
    step(
      'signed alert 0x8F12 reached the head-end and its signature verifies',
      !!upFrame && verifyFrameSignature(nodeCrypto, upFrame, 'Device', hubKey.publicKey),
    );

    const command = signFrame(
      nodeCrypto,
      {
        kind: 'command',
        header: { originator: DCC_ACB, recipient: HUB, counter: 1n, createdAt: Date.now() },
        serviceRequest: '8.9',
        payload: null,
        signatures: [],
      },
      'AccessControlBroker',
      DCC_ACB,
      acbKey,
    );
    await headEnd.sendDown(HUB, encodeFrame(command));
    const downOk = await until(() => downFrames.length > 0);
    const downFrame = downOk ? decodeFrame(downFrames[0]!) : undefined;
    step(
      'ACB-signed command SR 8.9 reached the hub and its signature verifies',
      !!downFrame && verifyFrameSignature(nodeCrypto, downFrame, 'AccessControlBroker', acbKey.publicKey),
    );

    await hub.close({ graceful: false });
    step(
      'power cut: the broker published the hub\u2019s last will (offline)',
      await until(() => states.at(-1)?.[1] === 'offline'),
    );
  } finally {
    await hub.close({ graceful: false });
    await headEnd.close();
    await broker?.close();
  }
  const failed = steps.filter(([, ok]) => !ok).length;
  process.stdout.write(`\n${steps.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}
