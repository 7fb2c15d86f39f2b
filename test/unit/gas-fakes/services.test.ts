import { createGasFakes } from '../../../local/gas-fakes';

describe('PropertiesService', () => {
  test('values are strings and reads are copies', () => {
    const { globals } = createGasFakes();
    const props = globals.PropertiesService.getDocumentProperties();
    props.setProperty('count', 3 as unknown as string).setProperties({ a: 'x', b: true });
    expect(props.getProperty('count')).toBe('3');
    expect(props.getProperty('missing')).toBeNull();
    const all = props.getProperties();
    all.a = 'changed';
    expect(props.getProperties()).toEqual({ count: '3', a: 'x', b: 'true' });
    expect(Object.keys(props.getProperties()).sort()).toEqual(['a', 'b', 'count']);
    props.setProperties({ only: '1' }, true);
    expect(Object.keys(props.getProperties())).toEqual(['only']);
    props.deleteProperty('only');
    expect(props.getProperties()).toEqual({});
  });

  test('a value over 9 KB is refused, in bytes of UTF-8', () => {
    const { globals } = createGasFakes();
    const props = globals.PropertiesService.getScriptProperties();
    expect(() => props.setProperty('ok', 'x'.repeat(9216))).not.toThrow();
    expect(() => props.setProperty('big', 'x'.repeat(9217))).toThrow('Argument too large: value');
    expect(() => props.setProperty('wide', 'é'.repeat(4609))).toThrow('Argument too large: value');
    expect(props.getProperty('big')).toBeNull();
  });

  test('a store over 500 KB is refused and left unchanged', () => {
    const { globals } = createGasFakes();
    const props = globals.PropertiesService.getDocumentProperties();
    let stored = 0;
    expect(() => {
      for (let i = 0; i < 100; i++) {
        props.setProperty(`chunk${i}`, 'x'.repeat(9000));
        stored++;
      }
    }).toThrow(
      'You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(stored).toBe(56);
    expect(Object.keys(props.getProperties())).toHaveLength(56);
  });

  test('user properties are per person; document properties are shared', () => {
    const fakes = createGasFakes({ user: 'ann@example.com' });
    const service = fakes.globals.PropertiesService;
    service.getUserProperties().setProperty('token', 'ann-secret');
    service.getDocumentProperties().setProperty('mapping', '{"Phone":"B"}');

    fakes.setActiveUser('bob@example.com');
    expect(service.getUserProperties().getProperty('token')).toBeNull();
    expect(service.getDocumentProperties().getProperty('mapping')).toBe('{"Phone":"B"}');
    expect(fakes.globals.Session.getActiveUser().getEmail()).toBe('bob@example.com');

    fakes.setActiveUser('ann@example.com', { hideEmail: true });
    expect(fakes.globals.Session.getActiveUser().getEmail()).toBe('');
    expect(service.getUserProperties().getProperty('token')).toBe('ann-secret');
    expect(fakes.properties.snapshot().users).toEqual({
      'ann@example.com': { token: 'ann-secret' },
      'bob@example.com': {},
    });
  });
});

describe('LockService', () => {
  test('two executions contend for the document lock', () => {
    const fakes = createGasFakes();
    const first = fakes.globals.LockService.getDocumentLock()!;
    first.waitLock(10_000);
    expect(fakes.locks.isHeld('document')).toBe(true);

    const second = fakes.globals.LockService.getDocumentLock()!;
    const before = fakes.clock.now();
    expect(second.tryLock(5_000)).toBe(false);
    expect(fakes.clock.now() - before).toBe(5_000);
    expect(() => second.waitLock(30_000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    first.releaseLock();
    expect(fakes.locks.isHeld('document')).toBe(false);
    expect(second.tryLock(0)).toBe(true);
    expect(fakes.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  test('getDocumentLock answers null when the fakes are told to, as Google does outside a document', () => {
    const fakes = createGasFakes({ documentLock: 'null' });
    expect(fakes.globals.LockService.getDocumentLock()).toBeNull();
    expect(fakes.globals.LockService.getScriptLock().tryLock(0)).toBe(true);
  });

  test('a simulated holder lets go after its time; the clock jumps, nothing blocks', () => {
    const fakes = createGasFakes();
    fakes.locks.holdExternally('document', { forMs: 20_000 });
    const lock = fakes.globals.LockService.getDocumentLock()!;
    const fakeStart = fakes.clock.now();
    expect(lock.tryLock(1_000)).toBe(false);
    lock.waitLock(30_000);
    expect(fakes.locks.isHeld('document')).toBe(true);
    expect(fakes.clock.now() - fakeStart).toBe(20_000);
    expect(fakes.clock.sleeps).toEqual([1_000, 19_000]);
  });

  test('locks still held when an execution ends are released', () => {
    const fakes = createGasFakes();
    fakes.run(() => fakes.globals.LockService.getDocumentLock()!.waitLock(1_000));
    expect(fakes.locks.isHeld('document')).toBe(false);
    fakes.globals.LockService.getDocumentLock()!.waitLock(1_000);
    expect(fakes.locks.isHeld('document')).toBe(true);
  });
});

describe('CacheService', () => {
  test('entries expire on the fake clock and respect the limits', () => {
    const fakes = createGasFakes();
    const cache = fakes.globals.CacheService.getDocumentCache()!;
    cache.put('review', 'stale soon', 60);
    cache.put('a', 2 as unknown as string);
    expect(cache.get('a')).toBe('2');
    fakes.clock.advance(59_999);
    expect(cache.get('review')).toBe('stale soon');
    fakes.clock.advance(1);
    expect(cache.get('review')).toBeNull();
    cache.put('long', 'x', 999_999);
    fakes.clock.advance(6 * 3600 * 1000);
    expect(cache.get('long')).toBeNull();
    expect(() => cache.put('k'.repeat(251), 'x')).toThrow('Argument too large: key');
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
  });
});

describe('Utilities', () => {
  const { globals, clock } = createGasFakes({ now: Date.UTC(2024, 0, 5, 14, 3, 9) });
  const U = globals.Utilities;

  test('formatDate uses Java patterns in the given time zone', () => {
    const date = new Date(Date.UTC(2024, 0, 5, 14, 3, 9, 7));
    expect(U.formatDate(date, 'America/New_York', "yyyy-MM-dd'T'HH:mm:ss.SSS Z")).toBe(
      '2024-01-05T09:03:09.007 -0500',
    );
    expect(U.formatDate(date, 'America/New_York', 'EEE, d MMM yyyy hh:mm a z')).toBe(
      'Fri, 5 Jan 2024 09:03 AM EST',
    );
    expect(U.formatDate(date, 'Asia/Kuala_Lumpur', 'EEEE d MMMM yy HH:mm z XXX')).toBe(
      'Friday 5 January 24 22:03 GMT+08:00 +08:00',
    );
    expect(U.formatDate(date, 'GMT+2', "yyyy-MM-dd HH:mm ''Z''")).toBe("2024-01-05 16:03 '+0200'");
    expect(U.formatDate(date, 'Not/AZone', 'HH:mm z')).toBe('14:03 GMT');
    expect(() => U.formatDate(date, 'UTC', 'yyyy-MM-dd q')).toThrow(
      "Illegal pattern character 'q'",
    );
  });

  test('sleep advances the fake clock without blocking', () => {
    const before = clock.now();
    U.sleep(120_000);
    expect(clock.now() - before).toBe(120_000);
    expect(clock.sleeps).toContain(120_000);
  });

  test('in real-clock mode sleep really waits', () => {
    const real = createGasFakes({ clock: 'real' });
    const before = real.clock.now();
    real.globals.Utilities.sleep(60);
    // The real clock is the machine's: it moved on by at least the sleep.
    expect(real.clock.now() - before).toBeGreaterThanOrEqual(60);
    expect(real.clock.sleeps).toEqual([60]);
    expect(() => real.clock.advance(1)).toThrow('real mode');
  });
});

describe('HtmlService and the UI', () => {
  test('sidebars from files, with titles; missing files fail like Google', () => {
    const fakes = createGasFakes({ files: { sidebar: '<html>wizard</html>' } });
    const { HtmlService, SpreadsheetApp } = fakes.globals;
    const output = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Import contacts');
    SpreadsheetApp.getUi().showSidebar(output);
    expect(fakes.ui.sidebar).toEqual({
      title: 'Import contacts',
      content: '<html>wizard</html>',
      width: 300,
      height: 0,
    });
    expect(() => HtmlService.createHtmlOutputFromFile('Sidebar')).toThrow(
      'No HTML file named Sidebar was found.',
    );
    SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('sidebar.html'));
    expect(fakes.ui.sidebar?.content).toBe('<html>wizard</html>');
  });

  test('menus', () => {
    const fakes = createGasFakes({ addonName: 'Contact Import' });
    const ui = fakes.globals.SpreadsheetApp.getUi();
    ui.createAddonMenu()
      .addItem('Open importer', 'showSidebar')
      .addItem('Help', 'showHelp')
      .addToUi();
    expect(fakes.ui.menus[0]?.caption).toBe('Contact Import');
    expect(fakes.ui.menuFunction('Open importer')).toBe('showSidebar');

    expect(() => ui.showSidebar('<p>' as never)).toThrow("The parameters don't match");

    fakes.ui.available = false;
    expect(() => fakes.globals.SpreadsheetApp.getUi()).toThrow(
      'Cannot call SpreadsheetApp.getUi() from this context.',
    );
  });
});

describe('Session, ScriptApp and Logger', () => {
  test('session facts', () => {
    const fakes = createGasFakes({ user: 'ann@example.com', timeZone: 'Asia/Kuala_Lumpur' });
    const { Session } = fakes.globals;
    expect(Session.getEffectiveUser().getEmail()).toBe('ann@example.com');
    fakes.setActiveUser('bob@example.com');
    expect(Session.getActiveUser().getEmail()).toBe('bob@example.com');
    expect(fakes.globals.SpreadsheetApp.getActive().getSpreadsheetTimeZone()).toBe(
      'Asia/Kuala_Lumpur',
    );
  });

  test('ScriptApp.AuthMode', () => {
    const fakes = createGasFakes();
    const { ScriptApp } = fakes.globals;
    expect(String(ScriptApp.AuthMode.LIMITED)).toBe('LIMITED');
    expect(ScriptApp.AuthMode.FULL).toBe(ScriptApp.AuthMode.FULL);
  });

  test('Logger formats like Apps Script', () => {
    const fakes = createGasFakes();
    fakes.globals.Logger.log('%s of %d rows', 'all', 12).log({ ok: true });
    expect(fakes.logs).toEqual(['all of 12 rows', '{"ok":true}']);
  });
});
