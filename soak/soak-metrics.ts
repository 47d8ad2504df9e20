import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Accounting } from './accounting.js';
import type { Sample } from './sample.js';

/**
 * Prometheus metrics of a running soak (prom-client), served at http://127.0.0.1:PORT/metrics.
 * Counts are read from the accounting at scrape time, so they always agree with report.json;
 * latencies are observed as answers arrive. The coordinator's own process metrics (RSS, event
 * loop lag) come from prom-client's defaults; the fleet's and the broker's RSS are gauges.
 */
export class SoakMetrics {
  readonly registry = new Registry();
  private readonly latency: Histogram<'class'>;
  private sample: Sample | undefined;
  private server: Server | undefined;

  constructor(accounting: Accounting) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'smetsim_soak_headend_' });
    // prom-client calls collect() with the gauge as `this`, so the latest sample is read through an arrow.
    const latest = (): Sample | undefined => this.sample;
    new Counter({
      name: 'smetsim_soak_requests_total',
      help: 'Soak requests by outcome: sent, acknowledged (I99), answered, timed_out (E20/E21), refused, open',
      labelNames: ['outcome'],
      registers,
      collect() {
        this.reset();
        const refused = [...accounting.refusedByCode.values()].reduce((a, b) => a + b, 0);
        const outcomes = {
          sent: accounting.sent,
          acknowledged: accounting.acknowledged,
          answered: accounting.answered,
          timed_out: accounting.timedOut,
          refused,
          open: accounting.outstanding,
        };
        for (const [outcome, value] of Object.entries(outcomes)) this.inc({ outcome }, value);
      },
    });
    new Counter({
      name: 'smetsim_soak_refused_total',
      help: 'Requests refused at the gateway, by DUIS or gateway code',
      labelNames: ['code'],
      registers,
      collect() {
        this.reset();
        for (const [code, value] of accounting.refusedByCode) this.inc({ code }, value);
      },
    });
    new Counter({
      name: 'smetsim_soak_alerts_total',
      help: 'Alerts by stage (hub: acknowledged by the broker at the hubs; dcc: logged by the DCC; delivered: in a party inbox) and code',
      labelNames: ['stage', 'code'],
      registers,
      collect() {
        this.reset();
        for (const [code, value] of Object.entries(accounting.alertsUpByCode)) this.inc({ stage: 'hub', code }, value);
        for (const [code, value] of accounting.alertsAtDccByCode) this.inc({ stage: 'dcc', code }, value);
        for (const [code, value] of accounting.alertsDeliveredByCode) this.inc({ stage: 'delivered', code }, value);
      },
    });
    const gauge = (name: string, help: string, read: (s: Sample) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          {
            const sample = latest();
            if (sample) this.set(read(sample));
          }
        },
      });
    gauge('smetsim_soak_hubs_online', 'Hubs connected to the broker', (s) => s.hubsOnline);
    gauge('smetsim_soak_fleet_rss_bytes', 'Resident memory of the fleet process', (s) => s.fleetRssMb * 1048576);
    gauge('smetsim_soak_broker_rss_bytes', 'Resident memory of the broker process', (s) => s.brokerRssMb * 1048576);
    this.latency = new Histogram({
      name: 'smetsim_soak_request_seconds',
      help: 'Request round trip, submit to the answer in the inbox, by class (SR → device)',
      labelNames: ['class'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
  }

  observe(cls: string, latencyMs: number): void {
    this.latency.observe({ class: cls }, latencyMs / 1000);
  }

  update(sample: Sample): void {
    this.sample = sample;
  }

  /** Serve /metrics on 127.0.0.1 (port 0: any free one); resolves to the URL. */
  async listen(port: number): Promise<string> {
    this.server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end('not found: try /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/metrics`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
