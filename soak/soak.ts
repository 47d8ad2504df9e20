import { HEAD_END_USER } from '../smwan/credentials.js';
import type { SmwanCa } from '../smwan/tls/smwan-ca.js';
import { nodeCrypto, Prng, RealClock } from '../protocol/index.js';
import { createDcc, injectTransport } from '../world/dcc-side.js';
import { Accounting } from './accounting.js';
import { watchDcc } from './dcc-watch.js';
import { startFleet } from './fleet-client.js';
import type { FleetEvent } from './fleet-messages.js';
import { PlainDisplay, TtyDisplay, type LiveDisplay } from './live-display.js';
import { OnlineSet } from './online-set.js';
import { PartyTraffic } from './party-traffic.js';
import type { Profile } from './profile.js';
import { Sampler } from './sampler.js';
import { SoakMetrics } from './soak-metrics.js';
import { summaryLines, writeSoakReports, type SoakReport } from './soak-report.js';
import type { Targets } from './targets.js';
import { TrafficDriver } from './traffic.js';

export interface SoakOptions {
  readonly premises: number;
  readonly durationMs: number;
  readonly profile: Profile;
  readonly workers: number;
  readonly brokerUrl: string;
  /** The broker's process, when soak started it: its RSS goes in the report. */
  readonly brokerPid?: number;
  readonly smwanSecret: string;
  /** MQTT over TLS on the SMWAN, with this CA (world/smwan-tls-files.ts). */
  readonly tls?: SmwanCa;
  readonly reportDir: string;
  readonly seed: string;
  /** After the traffic stops, how long to wait for the last answers before counting them lost. */
  readonly graceMs: number;
  /** Overrides the profile's connect ramp. */
  readonly connectPerSecond?: number;
  /** Overrides the profile's targets. */
  readonly targets?: Targets;
  /** Serve Prometheus /metrics here (0: any free port); absent: no endpoint. */
  readonly metricsPort?: number;
  readonly tty: boolean;
  readonly progressEveryMs?: number;
  readonly write?: (line: string) => void;
}

/**
 * A soak run. This process is the DCC: head-end, User Gateway (in process, the same routes and
 * authentication) and the parties' systems issuing the profile's traffic. The fleet runs in its own
 * process with a worker thread per shard, and the broker in another (started by the caller).
 * Every request and alert is accounted for; the run writes report.json and report.html and passes
 * only if nothing was lost, every hub came up, and every response-time target was met.
 */
export async function runSoak(options: SoakOptions): Promise<{ report: SoakReport; passed: boolean }> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { profile, premises } = options;
  const targets = options.targets ?? profile.targets;
  const clock = new RealClock();
  const accounting = new Accounting();
  const metrics = new SoakMetrics(accounting);
  const online = new OnlineSet();
  const display: LiveDisplay = options.tty
    ? new TtyDisplay(profile.name, options.durationMs)
    : new PlainDisplay(write, options.progressEveryMs ?? 5000);

  // The DCC answers E20 / E21 at the same deadlines the run is judged by.
  const timeouts = {
    nonCriticalMs: targets.nonCriticalMs,
    criticalMs: targets.criticalMs,
    gasWakeMs: targets.gsmeWakeMs,
  };
  const dcc = createDcc({
    clock,
    crypto: nodeCrypto,
    seed: options.seed,
    brokerUrl: options.brokerUrl,
    smwanSecret: options.smwanSecret,
    ...(options.tls ? { smwanTls: await options.tls.issueClient(HEAD_END_USER) } : {}),
    timeouts,
    ...(profile.outageAlertDelayMs !== undefined ? { outageAlertDelayMs: profile.outageAlertDelayMs } : {}),
  });
  watchDcc(dcc.headEnd, accounting, metrics);
  const gatewayUrl = await dcc.start();
  const parties = new PartyTraffic(dcc, gatewayUrl, injectTransport(dcc.gateway, gatewayUrl), clock, accounting);
  const metricsUrl = options.metricsPort !== undefined ? await metrics.listen(options.metricsPort) : undefined;
  if (metricsUrl) display.log(`metrics: ${metricsUrl}`);

  let phase = 'building the fleet';
  // A fleet that crashes or reports an error fails the run: its premises' counts are incomplete.
  const fleetErrors: string[] = [];
  const fleetAlive = () => fleet.exitCode === undefined;
  let firstOnlineAt: number | undefined;
  let allOnlineAt: number | undefined;
  const started = performance.now();
  const fleet = startFleet(
    {
      premises,
      workers: options.workers,
      seed: options.seed,
      brokerUrl: options.brokerUrl,
      smwanSecret: options.smwanSecret,
      ...(options.tls ? { tlsCa: await options.tls.toPem() } : {}),
      anchors: dcc.anchors,
      connectPerSecond: options.connectPerSecond ?? profile.connectPerSecond,
      ihdRefreshMs: profile.ihdRefreshMs,
      gsmeWakeMs: profile.gsmeWakeMs,
    },
    (event: FleetEvent) => {
      switch (event.type) {
        case 'enrol':
          for (const record of event.records) dcc.enrol(record);
          return;
        case 'online':
          for (const index of event.indices) online.add(index);
          firstOnlineAt ??= performance.now();
          if (allOnlineAt === undefined && online.size === premises) allOnlineAt = performance.now();
          return;
        case 'offline':
          for (const index of event.indices) online.delete(index);
          return;
        case 'stats': {
          const byCode: Record<string, number> = {};
          for (const shard of fleet.shards.values())
            for (const [code, n] of Object.entries(shard.alertsUpByCode)) byCode[code] = (byCode[code] ?? 0) + n;
          accounting.alertsUpByCode = byCode;
          return;
        }
        case 'error':
          fleetErrors.push(event.message);
          display.log(`fleet: ${event.message}`);
          return;
        default:
          return;
      }
    },
  );

  const driver = new TrafficDriver({
    profile,
    premises,
    durationMs: options.durationMs,
    online,
    rng: new Prng(options.seed).stream('soak/traffic'),
    issue: (request, index) => parties.issue(request, index),
    consumer: (action, indices) => fleet.consumer(action, indices),
    admin: (admin, index) => parties.admin(admin, index),
  });

  // Once a second: the timeline, the live display and /metrics.
  const sampler = new Sampler(accounting, online, fleet, options.brokerPid);
  let trafficStart: number | undefined;
  const elapsed = () => (trafficStart === undefined ? 0 : performance.now() - trafficStart);
  const sample = () => {
    const s = sampler.sample(trafficStart === undefined ? undefined : elapsed());
    metrics.update(s);
    display.update({
      profile: profile.name,
      premises,
      elapsedMs: elapsed(),
      durationMs: options.durationMs,
      phase,
      sample: s,
      accounting,
    });
  };
  const ticker = setInterval(sample, 1000);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  let report: SoakReport;
  try {
    // The run's clock starts with the first hub online: building the fleet is not traffic time.
    const buildDeadline = performance.now() + 10 * 60_000;
    while (firstOnlineAt === undefined && performance.now() < buildDeadline && fleetAlive()) await sleep(100);
    if (firstOnlineAt === undefined)
      throw new Error(
        fleetAlive()
          ? 'no hub came online within 10 minutes'
          : `the fleet process exited (code ${String(fleet.exitCode)}) before any hub came online`,
      );
    trafficStart = performance.now();
    phase = 'traffic';
    display.log(
      `fleet built in ${((trafficStart - started) / 1000).toFixed(1)} s; traffic for ${options.durationMs / 1000} s`,
    );
    while (elapsed() < options.durationMs && fleetAlive()) {
      phase = online.size < premises && allOnlineAt === undefined ? 'traffic (hubs connecting)' : 'traffic';
      driver.tick(elapsed());
      await sleep(100);
    }
    driver.tick(options.durationMs);
    // Grace: the last answers and alerts may still be on their way; fleet counts are a second old.
    phase = 'grace: waiting for the last answers and alerts';
    const trafficEnd = performance.now();
    const graceEnd = trafficEnd + options.graceMs;
    let driverBusy = true;
    void driver.settled().then(() => (driverBusy = false));
    while (
      performance.now() < graceEnd &&
      fleetAlive() &&
      (accounting.outstanding > 0 ||
        driverBusy ||
        accounting.alertsAtDcc < accounting.alertsUp ||
        performance.now() - trafficEnd < 2500)
    )
      await sleep(100);
    sample();
    report = buildReport();
  } finally {
    clearInterval(ticker);
    sampler.stop();
    display.stop();
    await fleet.stop();
    await dcc.stop();
    await metrics.close();
  }
  writeSoakReports(options.reportDir, report);
  for (const line of summaryLines(report)) write(line);
  write(`reports: ${options.reportDir}/report.json, ${options.reportDir}/report.html`);
  return { report, passed: report.passed };

  function buildReport(): SoakReport {
    const summary = accounting.summary(targets, performance.now());
    const { peaks } = sampler;
    const shards = [...fleet.shards.values()];
    const sum = (key: 'framesDown' | 'responsesUp' | 'upBufferOverflows' | 'connectFailures') =>
      shards.reduce((a, s) => a + s[key], 0);
    const failures: string[] = [];
    if (!fleetAlive()) failures.push(`the fleet process exited during the run (code ${String(fleet.exitCode)})`);
    for (const message of fleetErrors) failures.push(`fleet: ${message}`);
    if (summary.requests.lost > 0) failures.push(`${summary.requests.lost} requests lost`);
    if (summary.alerts.lost > 0) failures.push(`${summary.alerts.lost} alerts lost`);
    if (sum('upBufferOverflows') > 0)
      failures.push(`${sum('upBufferOverflows')} frames lost at the premises (hub buffer full)`);
    const offlineAtEnd = premises - online.size;
    if (offlineAtEnd > 0) failures.push(`${offlineAtEnd} hubs offline at the end`);
    const missed = summary.targets.filter((t) => !t.passed);
    if (missed.length > 0) failures.push(`targets missed: ${missed.map((t) => t.subject).join(', ')}`);
    return {
      ...summary,
      options: {
        premises,
        durationMs: options.durationMs,
        profile: profile.name,
        seed: options.seed,
        workers: options.workers,
        connectPerSecond: options.connectPerSecond ?? profile.connectPerSecond,
      },
      profileDescription: profile.description,
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      connect: {
        allOnlineAfterMs:
          allOnlineAt === undefined || firstOnlineAt === undefined ? null : Math.round(allOnlineAt - firstOnlineAt),
        failures: sum('connectFailures'),
        offlineAtEnd,
      },
      fleet: {
        framesDown: sum('framesDown'),
        responsesUp: sum('responsesUp'),
        upBufferOverflows: sum('upBufferOverflows'),
      },
      memory: {
        fleetPeakRssMb: peaks.fleet,
        fleetRssPerPremisesKb: Math.round((peaks.fleet * 1024) / premises),
        headEndPeakRssMb: peaks.headEnd,
        brokerPeakRssMb: options.brokerPid ? peaks.broker : null,
      },
      timeline: sampler.timeline,
      passed: failures.length === 0,
      failures,
    };
  }
}
