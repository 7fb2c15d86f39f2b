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
    expect(props.getKeys().sort()).toEqual(['a', 'b', 'count']);
    props.setProperties({ only: '1' }, true);
    expect(props.getKeys()).toEqual(['only']);
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
    expect(props.getKeys()).toHaveLength(56);
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
    expect(first.hasLock()).toBe(true);

    const second = fakes.globals.LockService.getDocumentLock()!;
    const before = fakes.clock.now();
    expect(second.tryLock(5_000)).toBe(false);
    expect(fakes.clock.now() - before).toBe(5_000);
    expect(() => second.waitLock(30_000)).toThrow(
      'Lock timeout: another process was holding the lock for too long.',
    );
    expect(second.hasLock()).toBe(false);

    first.releaseLock();
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
    expect(lock.hasLock()).toBe(true);
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

  test('user locks are per person', () => {
    const fakes = createGasFakes({ user: 'ann@example.com' });
    expect(fakes.globals.LockService.getUserLock().tryLock(0)).toBe(true);
    fakes.setActiveUser('bob@example.com');
    expect(fakes.globals.LockService.getUserLock().tryLock(0)).toBe(true);
    expect(fakes.locks.isHeld({ user: 'ann@example.com' })).toBe(true);
  });
});

describe('CacheService', () => {
  test('entries expire on the fake clock and respect the limits', () => {
    const fakes = createGasFakes();
    const cache = fakes.globals.CacheService.getScriptCache();
    cache.put('review', 'stale soon', 60);
    cache.putAll({ a: '1', b: 2 });
    expect(cache.getAll(['a', 'b', 'c'])).toEqual({ a: '1', b: '2' });
    fakes.clock.advance(59_999);
    expect(cache.get('review')).toBe('stale soon');
    fakes.clock.advance(1);
    expect(cache.get('review')).toBeNull();
    cache.put('long', 'x', 999_999);
    fakes.clock.advance(6 * 3600 * 1000);
    expect(cache.get('long')).toBeNull();
    expect(() => cache.put('k'.repeat(251), 'x')).toThrow('Argument too large: key');
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Argument too large: value');
    cache.removeAll(['a', 'b']);
    expect(cache.get('a')).toBeNull();
  });

  test('user caches are per person', () => {
    const fakes = createGasFakes({ user: 'ann@example.com' });
    fakes.globals.CacheService.getUserCache().put('draft', 'ann');
    fakes.setActiveUser('bob@example.com');
    expect(fakes.globals.CacheService.getUserCache().get('draft')).toBeNull();
    expect(fakes.globals.CacheService.getDocumentCache().get('draft')).toBeNull();
  });
});

describe('Utilities', () => {
  const { globals, clock } = createGasFakes({ now: Date.UTC(2024, 0, 5, 14, 3, 9) });
  const U = globals.Utilities;

  test('digests are signed byte arrays', () => {
    const hex = (bytes: number[]) =>
      bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
    const md5 = U.computeDigest(U.DigestAlgorithm.MD5, '');
    expect(hex(md5)).toBe('d41d8cd98f00b204e9800998ecf8427e');
    const sha = U.computeDigest(U.DigestAlgorithm.SHA_256, 'abc');
    expect(hex(sha)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha[0]).toBe(-70);
    expect(Array.isArray(sha)).toBe(true);
    expect(hex(U.computeDigest(U.DigestAlgorithm.SHA_1, 'abc'))).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
    expect(U.computeDigest(U.DigestAlgorithm.SHA_512, 'abc')).toHaveLength(64);
    expect(
      hex(U.computeHmacSha256Signature('The quick brown fox jumps over the lazy dog', 'key')),
    ).toBe('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  test('base64 round trips and rejects garbage', () => {
    expect(U.base64Encode('héllo')).toBe('aMOpbGxv');
    expect(U.newBlob(U.base64Decode('aMOpbGxv')).getDataAsString()).toBe('héllo');
    expect(U.base64EncodeWebSafe([-1, -2, -3])).toBe('__79');
    expect(U.base64DecodeWebSafe('__79')).toEqual([-1, -2, -3]);
    expect(() => U.base64Decode('not base64!')).toThrow('Could not decode string.');
  });

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

  test('uuids, blobs and formatString', () => {
    expect(U.getUuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const blob = U.newBlob('a,b', 'text/csv', 'x.csv');
    expect([blob.getContentType(), blob.getName(), blob.getBytes()]).toEqual([
      'text/csv',
      'x.csv',
      [97, 44, 98],
    ]);
    expect(U.formatString('%s rows in %.1f s (%d%%)', 12, 3.14159, 99.9)).toBe(
      '12 rows in 3.1 s (99%)',
    );
  });
});

describe('HtmlService and the UI', () => {
  test('sidebars from files, with titles; missing files fail like Google', () => {
    const fakes = createGasFakes({ files: { sidebar: '<html>wizard</html>' } });
    const { HtmlService, SpreadsheetApp } = fakes.globals;
    const output = HtmlService.createHtmlOutputFromFile('sidebar')
      .setTitle('Import contacts')
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL)
      .addMetaTag('viewport', 'width=device-width');
    SpreadsheetApp.getUi().showSidebar(output);
    expect(fakes.ui.sidebar).toEqual({
      title: 'Import contacts',
      content: '<html>wizard</html>',
      width: 300,
      height: 0,
    });
    expect(output.getMetaTags().map((t) => t.getName())).toEqual(['viewport']);
    expect(() => HtmlService.createHtmlOutputFromFile('Sidebar')).toThrow(
      'No HTML file named Sidebar was found.',
    );
    expect(HtmlService.createHtmlOutputFromFile('sidebar.html').getContent()).toBe(
      '<html>wizard</html>',
    );
  });

  test('templates print template properties', () => {
    const fakes = createGasFakes({ files: { page: '<p><?= user ?></p><?!= raw ?>' } });
    const template = fakes.globals.HtmlService.createTemplateFromFile('page');
    template.user = '<Ann>';
    template.raw = '<b>hi</b>';
    expect(template.evaluate().getContent()).toBe('<p>&#60;Ann&#62;</p><b>hi</b>');
    expect(() => fakes.globals.HtmlService.createTemplate('<? for (;;) {} ?>').evaluate()).toThrow(
      'only evaluates',
    );
  });

  test('menus, alerts and prompts', () => {
    const fakes = createGasFakes({ addonName: 'Contact Import' });
    const ui = fakes.globals.SpreadsheetApp.getUi();
    ui.createAddonMenu()
      .addItem('Open importer', 'showSidebar')
      .addSeparator()
      .addItem('Help', 'showHelp')
      .addToUi();
    expect(fakes.ui.menus[0]?.caption).toBe('Contact Import');
    expect(fakes.ui.menuFunction('Open importer')).toBe('showSidebar');

    expect(ui.alert('Done')).toBe(ui.Button.OK);
    fakes.ui.answer('NO');
    expect(ui.alert('Stop?', 'Stop the import?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(fakes.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['', 'Done', 'OK', 'OK'],
      ['Stop?', 'Stop the import?', 'YES_NO', 'NO'],
    ]);
    fakes.ui.answer('OK', 'Row 12');
    const response = ui.prompt('Jump to', ui.ButtonSet.OK_CANCEL);
    expect([response.getResponseText(), response.getSelectedButton()]).toEqual([
      'Row 12',
      ui.Button.OK,
    ]);
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
    expect(Session.getScriptTimeZone()).toBe('Asia/Kuala_Lumpur');
    expect(Session.getActiveUserLocale()).toBe('en');
    const annKey = Session.getTemporaryActiveUserKey();
    expect(annKey).not.toContain('ann');
    fakes.setActiveUser('bob@example.com');
    expect(Session.getTemporaryActiveUserKey()).not.toBe(annKey);
    expect(fakes.globals.SpreadsheetApp.getActive().getSpreadsheetTimeZone()).toBe(
      'Asia/Kuala_Lumpur',
    );
  });

  test('ScriptApp enums, token and triggers', () => {
    const fakes = createGasFakes();
    const { ScriptApp, SpreadsheetApp } = fakes.globals;
    expect(String(ScriptApp.AuthMode.LIMITED)).toBe('LIMITED');
    expect(ScriptApp.AuthMode.FULL).toBe(ScriptApp.AuthMode.FULL);
    expect(ScriptApp.getOAuthToken()).toMatch(/^fake-oauth-token\./);
    const trigger = ScriptApp.newTrigger('resumeImport').timeBased().everyHours(1).create();
    ScriptApp.newTrigger('onEditInstalled')
      .forSpreadsheet(SpreadsheetApp.getActive())
      .onEdit()
      .create();
    expect(ScriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'resumeImport',
      'onEditInstalled',
    ]);
    expect(fakes.triggers.triggers[1]?.sourceId).toBe(SpreadsheetApp.getActive().getId());
    ScriptApp.deleteTrigger(trigger);
    expect(ScriptApp.getProjectTriggers()).toHaveLength(1);
  });

  test('Logger formats like Apps Script', () => {
    const fakes = createGasFakes();
    fakes.globals.Logger.log('%s of %d rows', 'all', 12).log({ ok: true });
    expect(fakes.logs).toEqual(['all of 12 rows', '{"ok":true}']);
    expect(fakes.globals.Logger.getLog()).toBe('all of 12 rows\n{"ok":true}');
  });
});
