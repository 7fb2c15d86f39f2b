/**
 * Session: who runs the code, and the script's time zone and locale.
 */
import { createHash } from 'node:crypto';
import { instrument } from './calls';
import { Fake, type FakeContext } from './context';

export class FakeSession extends Fake {
  /**
   * Outside an authorised execution (simple triggers, AuthMode.NONE) Google withholds the
   * address: "not available in any context that allows a script to run without that user's
   * authorization, like a simple onOpen(e) or onEdit(e) trigger"
   * (https://developers.google.com/apps-script/reference/base/session#getActiveUser()).
   */
  getActiveUser(): FakeUser {
    return new FakeUser(this.ctx, authorised(this.ctx) ? this.ctx.users.active : '');
  }

  getEffectiveUser(): FakeUser {
    return new FakeUser(this.ctx, authorised(this.ctx) ? this.ctx.users.effective : '');
  }

  /** Stable per person and script, opaque, and not the email. */
  getTemporaryActiveUserKey(): string {
    return createHash('sha256')
      .update(`${this.ctx.script.id}:${this.ctx.users.effective}`)
      .digest('base64url')
      .slice(0, 43);
  }

  getScriptTimeZone(): string {
    return this.ctx.script.timeZone;
  }

  getActiveUserLocale(): string {
    return this.ctx.script.locale;
  }
}

instrument(FakeSession, 'Session', 'Session');

/** Off the instrumented prototype, so it is not counted as an Apps Script call. */
function authorised(ctx: FakeContext): boolean {
  return ctx.execution.authMode === 'FULL';
}

export class FakeUser extends Fake {
  constructor(
    ctx: FakeContext,
    private readonly email: string,
  ) {
    super(ctx);
  }

  getEmail(): string {
    return this.email;
  }
}

instrument(FakeUser, 'User', 'Session');
