/**
 * ScriptApp: the AuthMode enum the add-on's onOpen receives, an OAuth token, and installable
 * triggers recorded in memory (no trigger ever fires by itself; tests call the handler).
 */
import { randomUUID } from 'node:crypto';
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';
import { makeEnum, type EnumValue } from './enums';
import { GasError } from './errors';
import { FakeSpreadsheet } from './spreadsheet';

export const AuthMode = makeEnum(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const AuthorizationStatus = makeEnum(['REQUIRED', 'NOT_REQUIRED']);
export const EventType = makeEnum([
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
  'ON_EVENT_UPDATED',
]);
export const TriggerSource = makeEnum(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);

export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: keyof typeof EventType;
  source: keyof typeof TriggerSource;
  sourceId: string | null;
  /** For clock triggers: the schedule as given to the builder. */
  schedule?: Record<string, unknown>;
  owner: string;
}

export class TriggerState {
  readonly triggers: TriggerRecord[] = [];
}

export class FakeScriptApp extends Fake {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;

  constructor(
    ctx: FakeContext,
    private readonly state: TriggerState,
  ) {
    super(ctx);
  }

  getOAuthToken(): string {
    return `fake-oauth-token.${Buffer.from(this.ctx.users.effective).toString('base64url')}`;
  }

  getScriptId(): string {
    return this.ctx.script.id;
  }

  getProjectTriggers(): FakeTrigger[] {
    return this.state.triggers
      .filter((t) => t.owner === this.ctx.users.effective)
      .map((t) => new FakeTrigger(this.ctx, t));
  }

  getUserTriggers(_document: unknown): FakeTrigger[] {
    return this.state.triggers
      .filter((t) => t.owner === this.ctx.users.effective && t.source === 'SPREADSHEETS')
      .map((t) => new FakeTrigger(this.ctx, t));
  }

  deleteTrigger(trigger: FakeTrigger): void {
    if (!(trigger instanceof FakeTrigger))
      throw new GasError(
        "The parameters don't match the method signature for ScriptApp.deleteTrigger.",
      );
    const { id } = FakeTrigger.recordOf(trigger);
    const index = this.state.triggers.findIndex((t) => t.id === id);
    if (index >= 0) this.state.triggers.splice(index, 1);
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    return new FakeTriggerBuilder(this.ctx, this.state, String(functionName));
  }
}

instrument(FakeScriptApp, 'ScriptApp', 'ScriptApp');

export class FakeTrigger extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly record: TriggerRecord,
  ) {
    super(ctx);
  }

  getUniqueId(): string {
    return this.record.id;
  }

  getHandlerFunction(): string {
    return this.record.handler;
  }

  getEventType(): EnumValue {
    return EventType[this.record.eventType];
  }

  getTriggerSource(): EnumValue {
    return TriggerSource[this.record.source];
  }

  getTriggerSourceId(): string | null {
    return this.record.sourceId;
  }

  /** The stored trigger (a static, so reading it is not counted). */
  static recordOf(trigger: FakeTrigger): TriggerRecord {
    return trigger.record;
  }
}

instrument(FakeTrigger, 'Trigger', 'ScriptApp');

export class FakeTriggerBuilder extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly state: TriggerState,
    private readonly handler: string,
  ) {
    super(ctx);
  }

  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.ctx, this.state, this.handler);
  }

  forSpreadsheet(sheet: unknown): FakeSpreadsheetTriggerBuilder {
    const id = sheet instanceof FakeSpreadsheet ? sheet.ctx.book.id : String(sheet ?? '');
    return new FakeSpreadsheetTriggerBuilder(this.ctx, this.state, this.handler, id);
  }
}

instrument(FakeTriggerBuilder, 'TriggerBuilder', 'ScriptApp');

function addTrigger(
  ctx: FakeContext,
  state: TriggerState,
  record: Omit<TriggerRecord, 'id' | 'owner'>,
): FakeTrigger {
  const full: TriggerRecord = { ...record, id: randomUUID(), owner: ctx.users.effective };
  state.triggers.push(full);
  return new FakeTrigger(ctx, full);
}

export class FakeClockTriggerBuilder extends Fake {
  private readonly schedule: Record<string, unknown> = {};

  constructor(
    ctx: FakeContext,
    private readonly state: TriggerState,
    private readonly handler: string,
  ) {
    super(ctx);
  }

  after(durationMilliseconds: number): FakeClockTriggerBuilder {
    this.schedule.after = durationMilliseconds;
    return this;
  }

  at(date: Date): FakeClockTriggerBuilder {
    this.schedule.at = new Date(date.getTime());
    return this;
  }

  everyMinutes(n: number): FakeClockTriggerBuilder {
    this.schedule.everyMinutes = n;
    return this;
  }

  everyHours(n: number): FakeClockTriggerBuilder {
    this.schedule.everyHours = n;
    return this;
  }

  everyDays(n: number): FakeClockTriggerBuilder {
    this.schedule.everyDays = n;
    return this;
  }

  create(): FakeTrigger {
    return addTrigger(this.ctx, this.state, {
      handler: this.handler,
      eventType: 'CLOCK',
      source: 'CLOCK',
      sourceId: null,
      schedule: { ...this.schedule },
    });
  }
}

instrument(FakeClockTriggerBuilder, 'ClockTriggerBuilder', 'ScriptApp');

export class FakeSpreadsheetTriggerBuilder extends Fake {
  private eventType: keyof typeof EventType | null = null;

  constructor(
    ctx: FakeContext,
    private readonly state: TriggerState,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {
    super(ctx);
  }

  onOpen(): FakeSpreadsheetTriggerBuilder {
    this.eventType = 'ON_OPEN';
    return this;
  }

  onEdit(): FakeSpreadsheetTriggerBuilder {
    this.eventType = 'ON_EDIT';
    return this;
  }

  onChange(): FakeSpreadsheetTriggerBuilder {
    this.eventType = 'ON_CHANGE';
    return this;
  }

  onFormSubmit(): FakeSpreadsheetTriggerBuilder {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }

  create(): FakeTrigger {
    if (!this.eventType) throw new GasError('Trigger must have an event type.');
    return addTrigger(this.ctx, this.state, {
      handler: this.handler,
      eventType: this.eventType,
      source: 'SPREADSHEETS',
      sourceId: this.sourceId,
    });
  }
}

instrument(FakeSpreadsheetTriggerBuilder, 'SpreadsheetTriggerBuilder', 'ScriptApp');
