/**
 * Session: who runs the code.
 */
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
