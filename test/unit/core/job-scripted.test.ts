/**
 * The import job's recovery paths, each told as a short story: the requests the job makes,
 * the answers the workspace gives (written out here, shaped like the emulator's), and what
 * the sheet finally shows for the row. No HTTP: the job is sans-I/O, the clock is a number.
 */
import type { Purpose } from '../../../src/core/settings';
import {
  added,
  addAllRow,
  conflict,
  contact,
  found,
  lost,
  notFound,
  page,
  phoneRow,
  savedAs,
  Script,
  tagsSaved,
  tooMany,
  unauthorized,
  unavailable,
} from './scripted';

const P = '+60121234567';
const ann = { firstName: 'Ann', phone: P };
const row2 = () => phoneRow(2, P, { firstName: 'Ann' });
/** Row 2 as the sheet finally shows it. */
const row2Shows = (status: string, reason: string | null, contactId: number | null) => [
  { row: 2, status, reason, contactId },
];
const imported = (contactId: number) => row2Shows('Imported', null, contactId);
const updated = (contactId: number) => row2Shows('Updated', null, contactId);
/** An Error after every try of a step met a 503. */
const gaveUp = (contactId: number | null) =>
  row2Shows(
    'Error',
    'The workspace had a temporary problem (HTTP 503: Service unavailable). Gave up after 8 tries.',
    contactId,
  );
/** Skipped under add: contact `id` was created by someone else while the run went on. */
const appeared = (id: number) =>
  row2Shows(
    'Skipped',
    `already in the workspace (contact ${id}) — it appeared during the import`,
    id,
  );
const nothingToUpdate = () =>
  row2Shows('Skipped', 'not in the workspace — nothing to update', null);

function start(purpose: Purpose, extra: Parameters<typeof Script.start>[0] = {}): Script {
  const row = purpose === 'add-all' ? addAllRow(2, { firstName: 'Ann', phone: P }) : row2();
  return Script.start({ purpose, ...extra }, [row]);
}

/** A job whose row is new: its look-up (there is none under add-all) finds nothing. */
function startNew(purpose: Purpose, extra: Parameters<typeof Script.start>[0] = {}): Script {
  const s = start(purpose, extra);
  if (purpose !== 'add-all') s.answer('POST /contact/list', page());
  return s;
}

describe('a confirmed plain create', () => {
  test.each<Purpose>(['add', 'add-update', 'add-all'])(
    '%s: create → tags to the row’s phone, whose answer names contact 7 → Imported 7, no GET',
    (purpose) => {
      const s = startNew(purpose);
      expect(s.answer(`POST /contact/phone:${P}`, added())).toEqual(ann);
      expect(s.answer(`POST /contact/phone:${P}/tag`, savedAs(7))).toEqual(['spring']);
      s.end();
      expect(s.sheet()).toEqual(imported(7));
      expect(s.job.status).toBe('completed');
    },
  );

  test.each<Purpose>(['add', 'add-all'])(
    '%s: tag answer without an id → one GET by phone → Imported 7',
    (purpose) => {
      const s = startNew(purpose);
      s.answer(`POST /contact/phone:${P}`, added());
      s.answer(`POST /contact/phone:${P}/tag`, tagsSaved());
      s.answer(`GET /contact/phone:${P}`, found(contact(7, { ...ann, tags: ['spring'] })));
      s.end();
      expect(s.sheet()).toEqual(imported(7));
    },
  );

  test.each<Purpose>(['add-update', 'add-all'])(
    '%s: no tags at all → create → GET for the id → Imported 7',
    (purpose) => {
      const s = startNew(purpose, { runTags: [] });
      s.answer(`POST /contact/phone:${P}`, added());
      s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
      s.end();
      expect(s.sheet()).toEqual(imported(7));
    },
  );
});

describe('a create whose answer was lost', () => {
  test.each<Purpose>(['add', 'add-update', 'add-all'])(
    '%s: lost → GET finds nothing → create again → 409 (the first landed late) → GET → Imported 7, tags to id 7',
    (purpose) => {
      const s = startNew(purpose);
      s.answer(`POST /contact/phone:${P}`, lost());
      s.answer(`GET /contact/phone:${P}`, notFound());
      s.answer(`POST /contact/phone:${P}`, conflict());
      s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
      expect(s.answer('POST /contact/id:7/tag', tagsSaved())).toEqual(['spring']);
      s.end();
      expect(s.sheet()).toEqual(imported(7));
    },
  );

  test.each<Purpose>(['add', 'add-all'])(
    '%s: lost → GET finds the contact (it landed) → no second create, tags to id 7 → Imported 7',
    (purpose) => {
      const s = startNew(purpose);
      s.answer(`POST /contact/phone:${P}`, lost());
      s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
      s.answer('POST /contact/id:7/tag', tagsSaved());
      s.end();
      expect(s.sheet()).toEqual(imported(7));
      expect(s.calls.filter((c) => c === `POST /contact/phone:${P}`)).toHaveLength(1);
    },
  );

  test('add: lost → GET finds nothing → create again → 200 → Imported, tags by phone', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, lost());
    s.answer(`GET /contact/phone:${P}`, notFound());
    s.answer(`POST /contact/phone:${P}`, added());
    s.answer(`POST /contact/phone:${P}/tag`, savedAs(7));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });
});

describe('a create refused with 409 when no answer was lost: the contact appeared mid-run', () => {
  const someoneElses = () => found(contact(9, { firstName: 'Bob', phone: P, tags: ['vip'] }));

  test('add: → GET → contact 9 → Skipped, nothing written to it', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, conflict());
    s.answer(`GET /contact/phone:${P}`, someoneElses());
    s.end();
    expect(s.sheet()).toEqual(appeared(9));
  });

  test('add-update: → GET → contact 9 → its differing name is updated, run tag added → Updated 9', () => {
    const s = startNew('add-update');
    s.answer(`POST /contact/phone:${P}`, conflict());
    s.answer(`GET /contact/phone:${P}`, someoneElses());
    expect(s.answer('PUT /contact/id:9', savedAs(9))).toEqual({ firstName: 'Ann' });
    expect(s.answer('POST /contact/id:9/tag', tagsSaved())).toEqual(['spring']);
    s.end();
    expect(s.sheet()).toEqual(updated(9));
  });

  test('add-update with a Tags column: the merge replaces the contact’s tags with the row’s', () => {
    const s = Script.start({ purpose: 'add-update', tagsColumn: true }, [
      phoneRow(2, P, { firstName: 'Ann' }, ['gold']),
    ]);
    s.answer('POST /contact/list', page());
    s.answer(`POST /contact/phone:${P}`, conflict());
    s.answer(`GET /contact/phone:${P}`, someoneElses());
    s.answer('PUT /contact/id:9', savedAs(9));
    expect(s.answer('DELETE /contact/id:9/tag', tagsSaved())).toEqual(['vip']);
    expect(s.answer('POST /contact/id:9/tag', tagsSaved())).toEqual(['gold', 'spring']);
    s.end();
    expect(s.sheet()).toEqual(updated(9));
  });

  test('add-all: the 409 is the row’s error (the add-all guard): no GET, nothing written', () => {
    const s = start('add-all');
    s.answer(`POST /contact/phone:${P}`, conflict());
    s.end();
    expect(s.sheet()).toEqual(row2Shows('Error', 'Contact already exists.', null));
  });

  test('add: the phone finds nothing (the platform matched the email) → GET by email → Skipped', () => {
    const s = Script.start({ purpose: 'add' }, [
      phoneRow(2, P, { firstName: 'Ann', email: 'ann@example.com' }),
    ]);
    s.answer('POST /contact/list', page());
    s.answer(`POST /contact/phone:${P}`, conflict());
    s.answer(`GET /contact/phone:${P}`, notFound());
    s.answer('GET /contact/email:ann@example.com', found(contact(9, { email: 'ann@example.com' })));
    s.end();
    expect(s.sheet()).toEqual(appeared(9));
  });
});

describe('a step out of tries is looked up once before the row is an Error', () => {
  test('add: the GET for a confirmed create’s id fails 8 times → one more GET finds it → Imported 7', () => {
    const s = startNew('add', { runTags: [] });
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(8, `GET /contact/phone:${P}`, unavailable());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add-all: the check after a lost create fails 8 times → one more GET finds our contact → Imported 7, tagged', () => {
    const s = start('add-all');
    s.answer(`POST /contact/phone:${P}`, lost());
    s.answerTimes(8, `GET /contact/phone:${P}`, unavailable());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
    expect(s.answer('POST /contact/id:7/tag', tagsSaved())).toEqual(['spring']);
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add-update: an update fails 8 times → the GET shows it landed → Updated 7, no second PUT', () => {
    const s = start('add-update', { runTags: [] });
    s.answer('POST /contact/list', page(contact(7, { firstName: 'Old', phone: P })));
    s.answerTimes(8, 'PUT /contact/id:7', unavailable());
    s.answer('GET /contact/id:7', found(contact(7, ann)));
    s.end();
    expect(s.sheet()).toEqual(updated(7));
  });

  test('update: an update fails 8 times and the GET fails too → Error with the give-up message', () => {
    const s = start('update', { runTags: [] });
    s.answer('POST /contact/list', page(contact(7, { firstName: 'Old', phone: P })));
    s.answerTimes(8, 'PUT /contact/id:7', unavailable());
    s.answerTimes(16, 'GET /contact/id:7', unavailable());
    s.end();
    expect(s.sheet()).toEqual(gaveUp(7));
  });

  test('add: tags fail 8 times → the GET shows them missing → added again → Imported 7', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(8, `POST /contact/phone:${P}/tag`, unavailable());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
    expect(s.answer('POST /contact/id:7/tag', savedAs(7))).toEqual(['spring']);
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add: tags fail 8 times → the GET shows them there (answers were lost) → Imported 7, no more calls', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(8, `POST /contact/phone:${P}/tag`, lost());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, { ...ann, tags: ['spring'] })));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add: tags fail 8 times, then the GET fails 8 times too → one more round of it finds them → Imported 7', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(8, `POST /contact/phone:${P}/tag`, lost());
    s.answerTimes(8, `GET /contact/phone:${P}`, unavailable());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, { ...ann, tags: ['spring'] })));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add: tags fail 8 times and two rounds of the GET fail → Error with the give-up message', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(8, `POST /contact/phone:${P}/tag`, unavailable());
    s.answerTimes(16, `GET /contact/phone:${P}`, unavailable());
    s.end();
    expect(s.sheet()).toEqual(gaveUp(null));
  });

  test('add: tags fail 8 times and the contact cannot be read → Error with the give-up message', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(8, `POST /contact/phone:${P}/tag`, unavailable());
    s.answer(`GET /contact/phone:${P}`, notFound());
    s.end();
    expect(s.sheet()).toEqual(gaveUp(null));
  });

  test.each<Purpose>(['add', 'add-all'])(
    '%s: a create out of tries → the GET after it finds the contact (a 503 landed after all) → Imported 7, no duplicate',
    (purpose) => {
      const s = startNew(purpose);
      for (let i = 1; i <= 8; i++) {
        s.answer(`POST /contact/phone:${P}`, unavailable());
        if (i < 8) s.answer(`GET /contact/phone:${P}`, notFound());
      }
      s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
      expect(s.answer('POST /contact/id:7/tag', savedAs(7))).toEqual(['spring']);
      s.end();
      expect(s.sheet()).toEqual(imported(7));
    },
  );

  test.each<Purpose>(['add', 'add-all'])(
    '%s: a create answered 503 every time (each check finds nothing) gives up as an Error; it does not loop',
    (purpose) => {
      const s = startNew(purpose, { runTags: [] });
      // Each 503 is followed by a GET (the create may have landed) that finds nothing.
      for (let i = 1; i <= 8; i++) {
        s.answer(`POST /contact/phone:${P}`, unavailable());
        s.answer(`GET /contact/phone:${P}`, notFound());
      }
      s.end();
      expect(s.sheet()).toEqual(gaveUp(null));
    },
  );
});

describe('look-ups', () => {
  const Q = '+60129876543';

  test('add-update: two rows share one list call; the one found is Updated, the other created', () => {
    const s = Script.start({ purpose: 'add-update', runTags: [] }, [
      row2(),
      phoneRow(3, Q, { firstName: 'Cy' }),
    ]);
    const list = s.answer('POST /contact/list', page(contact(8, { firstName: 'Cy', phone: Q })));
    expect(list).toEqual({
      search: '',
      timezone: 'UTC',
      filter: {
        $or: [
          { category: 'contactField', field: 'phone', operator: 'isEqualTo', value: P },
          { category: 'contactField', field: 'phone', operator: 'isEqualTo', value: Q },
        ],
      },
    });
    s.answer(`POST /contact/phone:${P}`, added());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
    s.end();
    expect(s.sheet()).toEqual([
      // Row 3 holds what the sheet says already: nothing is written, it is Updated at once.
      { row: 3, status: 'Updated', reason: null, contactId: 8 },
      { row: 2, status: 'Imported', reason: null, contactId: 7 },
    ]);
  });

  test('add: a list call failing 8 times gets a second round, then goes on → Imported 7', () => {
    const s = start('add');
    s.answerTimes(8, 'POST /contact/list', unavailable());
    s.answerTimes(3, 'POST /contact/list', unavailable());
    s.answer('POST /contact/list', page());
    s.answer(`POST /contact/phone:${P}`, added());
    s.answer(`POST /contact/phone:${P}/tag`, savedAs(7));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add: a list call failing 16 times makes its rows Errors that say the look-up failed', () => {
    const s = Script.start({ purpose: 'add' }, [row2(), phoneRow(3, Q, { firstName: 'Cy' })]);
    s.answerTimes(16, 'POST /contact/list', unavailable());
    s.end();
    const reason =
      'Could not look the contact up: The workspace had a temporary problem (HTTP 503: Service unavailable). Gave up after 8 tries.';
    expect(s.sheet()).toEqual([
      { row: 2, status: 'Error', reason, contactId: null },
      { row: 3, status: 'Error', reason, contactId: null },
    ]);
    expect(s.job.status).toBe('completed');
  });

  test.each<[Purpose, string, string | null]>([
    ['add', 'Skipped', 'already in the workspace (contact 7)'],
    ['update', 'Updated', null],
    ['add-update', 'Updated', null],
  ])('%s: the look-up finds contact 7 → %s', (purpose, status, reason) => {
    const s = start(purpose);
    s.answer('POST /contact/list', page(contact(7, { firstName: 'Old', phone: P })));
    if (purpose !== 'add') {
      expect(s.answer('PUT /contact/id:7', savedAs(7))).toEqual({ firstName: 'Ann' });
      s.answer('POST /contact/id:7/tag', savedAs(7));
    }
    s.end();
    expect(s.sheet()).toEqual(row2Shows(status, reason, 7));
  });

  test('update: the look-up finds nothing → Skipped, nothing written', () => {
    const s = start('update');
    s.answer('POST /contact/list', page());
    s.end();
    expect(s.sheet()).toEqual(nothingToUpdate());
  });

  test('add-update: the phone matches two contacts → Error naming both, nothing written', () => {
    const s = start('add-update');
    s.answer('POST /contact/list', page(contact(7, { phone: P }), contact(8, { phone: P })));
    s.end();
    expect(s.sheet()).toEqual(
      row2Shows(
        'Error',
        'matches 2 contacts in the workspace (IDs 7, 8) — merge them there, or use another identifier',
        null,
      ),
    );
  });
});

test.each([
  ['found → PUT → Updated 7', true],
  ['not found → Skipped', false],
])('update by contact ID: one GET per row instead of a list call; %s', (_, exists) => {
  const s = Script.start({ purpose: 'update', identifier: 'id', runTags: [] }, [
    {
      row: 2,
      identifierValue: { kind: 'id', value: '7' },
      fields: { firstName: 'Ann' },
      fingerprint: 'f',
    },
  ]);
  if (exists) {
    s.answer('GET /contact/id:7', found(contact(7, { firstName: 'Old' })));
    expect(s.answer('PUT /contact/id:7', savedAs(7))).toEqual({ firstName: 'Ann' });
  } else s.answer('GET /contact/id:7', notFound());
  s.end();
  expect(s.sheet()).toEqual(exists ? updated(7) : nothingToUpdate());
});

describe('rate limits and fatal answers', () => {
  const paused =
    'The workspace keeps answering "too many requests". The import paused; resume it in a few minutes.';

  test('add: the list call answered 429 ten times, each retry after its Retry-After → paused, the row untouched; resumed, it is Imported', () => {
    const s = start('add');
    s.answerTimes(10, 'POST /contact/list', tooMany(3));
    const gaps = s.times.slice(1).map((t, i) => t - (s.times[i] as number));
    expect(gaps.every((gap) => gap >= 3000)).toBe(true);
    s.end();
    expect(s.job.status).toBe('paused');
    expect(s.job.checkpoint().message).toBe(paused);
    expect(s.sheet()).toEqual([]);

    const next = Script.resume(s.job.checkpoint(), [row2()]);
    expect(next.job.status).toBe('processing');
    next.answer('POST /contact/list', page());
    next.answer(`POST /contact/phone:${P}`, added());
    next.answer(`POST /contact/phone:${P}/tag`, savedAs(7));
    next.end();
    expect(next.sheet()).toEqual(imported(7));
    expect(next.job.status).toBe('completed');
  });

  test('add: a create answered 429 ten times (a GET checks after each) → paused, the row untouched', () => {
    const s = startNew('add');
    for (let i = 1; i <= 10; i++) {
      s.answer(`POST /contact/phone:${P}`, tooMany(1));
      if (i < 10) s.answer(`GET /contact/phone:${P}`, notFound());
    }
    s.end();
    expect(s.job.status).toBe('paused');
    expect(s.sheet()).toEqual([]);
  });

  /**
   * Row 2's create landed and the job paused before its tags: the row has no outcome, and the
   * resume (whose journal makes the contact found this run's own) tags it → Imported 7.
   */
  function expectPausedThenTaggedOnResume(s: Script): void {
    expect(s.job.status).toBe('paused');
    expect(s.sheet()).toEqual([]);
    const next = Script.resume(s.job.checkpoint(), [row2()]);
    next.answer('POST /contact/list', page(contact(7, ann)));
    expect(next.answer('POST /contact/id:7/tag', savedAs(7))).toEqual(['spring']);
    next.end();
    expect(next.sheet()).toEqual(imported(7));
  }

  test('add: tags answered 429 ten times after a confirmed create → paused; the row waits for the resume, which tags it → Imported 7', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    s.answerTimes(10, `POST /contact/phone:${P}/tag`, tooMany(1));
    s.end();
    // Not "Imported" without its tags and its ID: the row has no outcome yet.
    expectPausedThenTaggedOnResume(s);
  });

  test('add: paused (Ctrl-C) while its create is in flight → the create lands, the row waits for the resume, which tags it → Imported 7', () => {
    const s = startNew('add');
    const create = s.take();
    s.job.pause('Stopped with Ctrl-C.', s.now);
    // The answer to the create already sent still arrives: the contact exists, untagged.
    s.job.accept(create.id, added(), s.now);
    s.end();
    // Not "Imported" with "import cancelled before its tags were applied": a pause is not a
    // cancel, and the resume would never send the row's tags.
    expectPausedThenTaggedOnResume(s);
  });

  test('add: a 401 on the create stops the job: failed with the token message, no outcome, nothing more sent', () => {
    const s = Script.start({ purpose: 'add' }, [row2(), phoneRow(3, '+60129876543')]);
    s.answer('POST /contact/list', page());
    s.answer(`POST /contact/phone:${P}`, unauthorized());
    s.end();
    expect(s.job.status).toBe('failed');
    expect(s.job.checkpoint().message).toBe(
      'The API token was refused — reconnect with a valid token.',
    );
    expect(s.sheet()).toEqual([]);
    expect(s.calls).toEqual(['POST /contact/list', `POST /contact/phone:${P}`]);
  });

  test('add: a web page where a contact was expected, after answers were read → failed as an unreadable answer, not "not the API"', () => {
    const s = start('add');
    s.answer('POST /contact/list', page());
    s.answer(`POST /contact/phone:${P}`, {
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>Proxy login</html>',
    });
    s.end();
    expect(s.job.status).toBe('failed');
    expect(s.job.checkpoint().message).toMatch(/^The workspace API answered earlier calls/);
    expect(s.sheet()).toEqual([]);
  });
});

describe('cancel, drain and requests the driver could not send', () => {
  test('add: cancelled with the tags still to send → Imported, saying its tags were not applied', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    const cancelled = s.job.cancel(s.now);
    expect(
      cancelled.map(({ row, status, reason, contactId }) => ({ row, status, reason, contactId })),
    ).toEqual([
      {
        row: 2,
        status: 'Imported',
        reason: 'import cancelled before its tags were applied',
        contactId: null,
      },
    ]);
    s.end();
    expect(s.job.status).toBe('cancelled');
    expect(s.calls).toEqual(['POST /contact/list', `POST /contact/phone:${P}`]);
  });

  test('add: cancelled with the tags on the wire → their answer still counts → Imported 7', () => {
    const s = startNew('add');
    s.answer(`POST /contact/phone:${P}`, added());
    const tags = s.take();
    expect(tags.call).toBe(`POST /contact/phone:${P}/tag`);
    expect(s.job.cancel(s.now)).toEqual([]);
    s.reply(tags, savedAs(7));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
    expect(s.job.status).toBe('cancelled');
  });

  test('add: cancelled with the create on the wire and its answer lost → no outcome, nothing more sent', () => {
    const s = startNew('add');
    const create = s.take();
    s.job.cancel(s.now);
    s.reply(create, lost());
    s.end();
    expect(s.sheet()).toEqual([]);
  });

  test('drain: the 50 rows under way finish, row 52 waits for the next slice, which imports it', () => {
    const rows = Array.from({ length: 51 }, (_, i) =>
      phoneRow(i + 2, `+6012${2_000_000 + i}`, { firstName: `P${i}` }),
    );
    const s = Script.start({ purpose: 'add', runTags: [] }, rows);
    const list = s.answer('POST /contact/list', page()) as { filter: { $or: unknown[] } };
    expect(list.filter.$or).toHaveLength(50);
    s.job.drain();
    for (let i = 0; i < 50; i++) {
      const phone = `+6012${2_000_000 + i}`;
      s.answer(`POST /contact/phone:${phone}`, added());
      s.answer(`GET /contact/phone:${phone}`, found(contact(100 + i, { phone })));
    }
    s.end();
    expect(s.sheet()).toHaveLength(50);
    expect(s.sheet().every((o, i) => o.status === 'Imported' && o.contactId === 100 + i)).toBe(
      true,
    );
    const state = s.job.checkpoint();
    expect(state).toMatchObject({ status: 'processing', clean: true });

    const next = Script.resume(state, rows.slice(50));
    next.answer('POST /contact/list', page());
    next.answer('POST /contact/phone:+60122000050', added());
    next.answer('GET /contact/phone:+60122000050', found(contact(150, {})));
    next.end();
    expect(next.sheet()).toEqual([{ row: 52, status: 'Imported', reason: null, contactId: 150 }]);
    expect(next.job.status).toBe('completed');
  });

  test('sendLater: a create Google refused goes again from the time given, as the same request, journalled once', () => {
    const s = startNew('add');
    const create = s.take();
    expect(create.call).toBe(`POST /contact/phone:${P}`);
    const at = s.now;
    s.job.sendLater([create.id], at + 5_000);
    // Eight refusals do not use up the create's tries: a 503 after them is still retried.
    for (let i = 0; i < 8; i++) {
      const again = s.take();
      expect(again.call).toBe(`POST /contact/phone:${P}`);
      s.job.sendLater([again.id], s.now + 5_000);
    }
    s.answer(`POST /contact/phone:${P}`, unavailable());
    s.answer(`GET /contact/phone:${P}`, notFound());
    s.answer(`POST /contact/phone:${P}`, added());
    s.answer(`POST /contact/phone:${P}/tag`, savedAs(7));
    s.end();
    expect(s.times[2]).toBeGreaterThanOrEqual(at + 5_000);
    expect(s.persists).toBe(1);
    expect(s.sheet()).toEqual(imported(7));
  });

  test('unsent: a create Apps Script never sent (quota) leaves the row for the next slice, where a contact that appeared meanwhile is Skipped under add', () => {
    const s = startNew('add');
    const create = s.take();
    s.job.unsent([create.id]);
    s.job.pause('quota', s.now);
    s.end();
    expect(s.sheet()).toEqual([]);

    // Nobody created it for this run: the contact found is someone else's.
    const next = Script.resume(s.job.checkpoint(), [row2()]);
    next.answer('POST /contact/list', page(contact(9, { firstName: 'Bob', phone: P })));
    next.end();
    expect(next.sheet()).toEqual(row2Shows('Skipped', 'already in the workspace (contact 9)', 9));
  });
});

describe('the journal across a killed slice', () => {
  /** A slice that handed out the row's create, saved the checkpoint as asked, and died. */
  function killedAfterCreate(purpose: Purpose) {
    const s = startNew(purpose);
    expect(s.take().call).toBe(`POST /contact/phone:${P}`);
    expect(s.persists).toBe(1);
    return s.saved as NonNullable<typeof s.saved>;
  }
  const resumedRow = (purpose: Purpose) =>
    purpose === 'add-all' ? addAllRow(2, { firstName: 'Ann', phone: P }) : row2();

  test.each<Purpose>(['add', 'add-update'])(
    '%s: the next slice finds the contact → it is this run’s: tagged → Imported 7',
    (purpose) => {
      const saved = killedAfterCreate(purpose);
      expect(saved.journal).toHaveLength(1);
      const s = Script.resume(saved, [row2()]);
      s.answer('POST /contact/list', page(contact(7, ann)));
      expect(s.answer('POST /contact/id:7/tag', savedAs(7))).toEqual(['spring']);
      s.end();
      expect(s.sheet()).toEqual(imported(7));
    },
  );

  test.each<[Purpose, string, string | null]>([
    ['add', 'Skipped', 'already in the workspace (contact 7)'],
    ['add-update', 'Updated', null],
  ])(
    '%s: without the journal the same contact is someone else’s → %s',
    (purpose, status, reason) => {
      const saved = killedAfterCreate(purpose);
      const s = Script.resume({ ...saved, journal: [] }, [row2()]);
      s.answer('POST /contact/list', page(contact(7, ann)));
      if (purpose === 'add-update') s.answer('POST /contact/id:7/tag', savedAs(7));
      s.end();
      expect(s.sheet()).toEqual(row2Shows(status, reason, 7));
    },
  );

  test('add-all: the next slice asks first; the contact is there → no second create → Imported 7', () => {
    const saved = killedAfterCreate('add-all');
    const s = Script.resume(saved, [resumedRow('add-all')]);
    s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
    s.answer('POST /contact/id:7/tag', savedAs(7));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('add-all: not there yet → create → 409 (the dead slice’s create landed late) → GET → Imported 7', () => {
    const saved = killedAfterCreate('add-all');
    const s = Script.resume(saved, [resumedRow('add-all')]);
    s.answer(`GET /contact/phone:${P}`, notFound());
    s.answer(`POST /contact/phone:${P}`, conflict());
    s.answer(`GET /contact/phone:${P}`, found(contact(7, ann)));
    s.answer('POST /contact/id:7/tag', savedAs(7));
    s.end();
    expect(s.sheet()).toEqual(imported(7));
  });

  test('the row stays in the journal until the driver says its outcome is saved', () => {
    const saved = killedAfterCreate('add');
    const s = Script.resume(saved, [row2()]);
    s.answer('POST /contact/list', page(contact(7, ann)));
    s.answer('POST /contact/id:7/tag', savedAs(7));
    s.end();
    expect(s.job.checkpoint().journal).toEqual(saved.journal);
    s.job.recorded();
    expect(s.job.checkpoint().journal).toEqual([]);
    expect(s.job.checkpoint()).toMatchObject({ status: 'completed', clean: true });
  });
});
