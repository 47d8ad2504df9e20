import { serviceRequest as catalogueEntry, type PlainValue } from '../protocol/index.js';
import type { DccOriginated } from './dcc-originated.js';
import { DuisError, GatewayError } from './duis-error.js';
import type { Inbox } from './inbox.js';
import type { Inventory } from './inventory.js';
import type { RequestContext } from './pipeline/request.js';
import { runAccessControl } from './pipeline/access-control.js';
import type { AccessDeps } from './pipeline/step.js';
import type { Schedule, Schedules } from './schedules.js';

/** Shortest schedule interval accepted (emulator choice, so that tests and soak runs can use short ones; DUIS schedules are daily or longer). */
export const MIN_SCHEDULE_INTERVAL_MS = 100;

/**
 * Non-device SRs that make the DCC itself send commands: schedules (5.1-5.3, BPM 02.02) and
 * firmware distribution (11.1). Answered synchronously; the devices' answers follow in the inbox.
 */
export class DccServices {
  constructor(
    private readonly deps: {
      readonly schedules: Schedules;
      readonly originated: DccOriginated;
      readonly inventory: Inventory;
      readonly inbox: Inbox;
      readonly pipeline: AccessDeps;
      readonly parties: { get(eui: string): RequestContext['party'] | undefined };
      readonly sha256: (data: Uint8Array) => Uint8Array;
    },
  ) {}

  /** 5.2: the party's schedules. */
  readSchedules(ctx: RequestContext): PlainValue {
    return { schedules: this.deps.schedules.ofOwner(ctx.party.eui).map(view) };
  }

  /** 5.3: `body: {scheduleId}`, one of the party's own. */
  deleteSchedule(ctx: RequestContext): PlainValue {
    const id = (ctx.request.body as { scheduleId?: unknown } | null)?.scheduleId;
    if (typeof id !== 'number' || !this.deps.schedules.delete(id, ctx.party.eui)) {
      throw new GatewayError(
        'BAD_REQUEST',
        'body.scheduleId must name one of your schedules (5.2 lists them)',
        400,
        'body.scheduleId',
      );
    }
    return { deleted: id };
  }

  /** 5.1: `body: {serviceReferenceVariant, intervalMs, firstRunAt?}` for the device in the request id. */
  createSchedule(ctx: RequestContext): PlainValue {
    const body = (ctx.request.body ?? {}) as {
      serviceReferenceVariant?: unknown;
      intervalMs?: unknown;
      firstRunAt?: unknown;
      body?: PlainValue;
    };
    const variant = body.serviceReferenceVariant;
    let sr;
    try {
      sr = catalogueEntry(String(variant));
    } catch {
      throw new GatewayError(
        'BAD_REQUEST',
        'body.serviceReferenceVariant must name a read in the catalogue',
        400,
        'body.serviceReferenceVariant',
      );
    }
    if (sr.critical || sr.nonDevice || !sr.dccScheduled) {
      throw new GatewayError(
        'BAD_REQUEST',
        `SR ${sr.variant} cannot be DCC-scheduled (the catalogue's dcc_scheduled flag)`,
        400,
        'body.serviceReferenceVariant',
      );
    }
    const interval = body.intervalMs;
    if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < MIN_SCHEDULE_INTERVAL_MS) {
      throw new GatewayError(
        'BAD_REQUEST',
        `body.intervalMs must be an integer of at least ${MIN_SCHEDULE_INTERVAL_MS}`,
        400,
        'body.intervalMs',
      );
    }
    // The scheduled read itself must pass access control for the owner, now and at every run.
    this.check(ctx.party.eui, ctx.request.role, sr.variant, ctx.request.requestId.target, ctx.now);
    const firstRun = typeof body.firstRunAt === 'string' ? Date.parse(body.firstRunAt) : ctx.now + interval;
    if (Number.isNaN(firstRun))
      throw new GatewayError('BAD_REQUEST', 'body.firstRunAt must be an RFC 3339 date-time', 400, 'body.firstRunAt');
    const schedule = this.deps.schedules.create({
      owner: ctx.party.eui,
      role: ctx.request.role,
      serviceRequest: sr.variant,
      target: ctx.request.requestId.target,
      body: body.body ?? null,
      intervalMs: interval,
      nextRun: firstRun,
    });
    return view(schedule);
  }

  /** One run of a schedule: access control again, then the read, answered into the owner's inbox. */
  run(schedule: Schedule, now: number): void {
    const requestId = `schedule:${schedule.id}:${schedule.runs}`;
    try {
      this.check(schedule.owner, schedule.role, schedule.serviceRequest, schedule.target, now);
    } catch (error) {
      if (!(error instanceof DuisError)) throw error;
      this.deps.inbox.append(
        schedule.owner,
        {
          kind: 'response',
          requestId,
          code: error.code,
          serviceReferenceVariant: schedule.serviceRequest,
          body: { reason: error.message, scheduleId: schedule.id },
        },
        now,
      );
      return;
    }
    this.deps.originated.send(
      this.deps.inventory.get(schedule.target)!,
      schedule.serviceRequest,
      schedule.body,
      schedule.owner,
      requestId,
    );
  }

  private check(
    owner: string,
    role: RequestContext['request']['role'],
    variant: string,
    target: RequestContext['request']['requestId']['target'],
    now: number,
  ): void {
    const party = this.deps.parties.get(owner);
    if (!party) throw new DuisError('E1', `no party ${owner}`, 'owner');
    const sr = catalogueEntry(variant);
    runAccessControl(
      {
        now,
        party,
        request: {
          requestId: { originator: party.eui, target, counter: 0n },
          requestIdText: '',
          role,
          serviceRequest: sr,
          commandVariant: 1,
          body: null,
          executeAt: undefined,
          preCommand: undefined,
          signature: undefined,
        },
        target: undefined,
        meterPoint: undefined,
      },
      this.deps.pipeline,
    );
  }

  /**
   * 11.1: `body: {image (base64), version, deviceType?, hash?}` for a hub (all its meters, or those of
   * `deviceType`) or one meter. Each meter verifies the image (0x8F72 / 0x8F1C); the supplier then
   * activates it with 11.3, immediate or future-dated.
   */
  distributeFirmware(ctx: RequestContext): PlainValue {
    const body = (ctx.request.body ?? {}) as {
      image?: unknown;
      version?: unknown;
      deviceType?: unknown;
      hash?: unknown;
    };
    if (!(body.image instanceof Uint8Array) || body.image.length === 0 || body.image.length > 48 * 1024) {
      throw new GatewayError(
        'BAD_REQUEST',
        'body.image must be base64 of 1 byte to 48 KiB (frames are at most 64 KiB)',
        400,
        'body.image',
      );
    }
    if (typeof body.version !== 'string' || !/^[\w.-]{1,32}$/.test(body.version))
      throw new GatewayError(
        'BAD_REQUEST',
        'body.version must be 1-32 of letters, digits, dot, dash',
        400,
        'body.version',
      );
    const target = ctx.target!;
    const meters = (target.type === 'CHF' ? this.deps.inventory.onHub(target.eui) : [target]).filter(
      (d) =>
        (d.type === 'ESME' || d.type === 'GSME') &&
        d.status === 'Commissioned' &&
        (body.deviceType === undefined || d.type === body.deviceType),
    );
    if (meters.length === 0)
      throw new DuisError(
        'E11',
        `no commissioned meter${typeof body.deviceType === 'string' ? ` of type ${body.deviceType}` : ''} to receive firmware at ${target.eui}`,
        'requestId.target',
      );
    const hash = body.hash instanceof Uint8Array ? body.hash : this.deps.sha256(body.image);
    const requestIds = meters.map((meter) => {
      const requestId = `firmware:${body.version as string}:${meter.eui}`;
      this.deps.originated.send(
        meter,
        '11.1',
        { image: body.image as Uint8Array, hash, version: body.version as string },
        ctx.party.eui,
        requestId,
      );
      return requestId;
    });
    return { distributedTo: meters.map((m) => m.eui), requestIds };
  }
}

function view(schedule: Schedule): PlainValue {
  return {
    scheduleId: schedule.id,
    serviceReferenceVariant: schedule.serviceRequest,
    target: schedule.target,
    intervalMs: schedule.intervalMs,
    nextRunAt: new Date(schedule.nextRun).toISOString(),
    runs: schedule.runs,
  };
}
