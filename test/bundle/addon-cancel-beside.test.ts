/**
 * Cancel pressed while a slice runs. Apps Script runs the sidebar's `cancelImport` as its own
 * execution beside the slice (which holds the document lock for minutes), so the cancel
 * cannot wait for the lock; the slice must still see it and stop within seconds, however its
 * own saves of the job record fall around it. Executions interleave at service-call
 * boundaries in an order the seed decides (local/gas-fakes/executions).
 */
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process';
import { setUpConcurrent, startConcurrentAddon } from '../support/concurrent-addon';
import { TOKEN } from '../support/addon-harness';
import { contactList } from '../support/contact-lists';

jest.setTimeout(240_000);

const ROWS = 1_500;

test.each([1, 2, 3])(
  'seed %i: Cancel pressed during a slice ends the import as cancelled, before every row is sent',
  async (seed) => {
    const emulator: EmulatorProcess = await startEmulatorProcess([
      '--token',
      TOKEN,
      '--seed',
      'empty',
      // A limit that never refuses (the emulator's clock is real, the add-on's simulated);
      // its X-RateLimit-* headers let the job send in large waves.
      '--rate',
      '2000',
    ]);
    const sheet = contactList(ROWS).map((row) => row.slice(0, 5));
    const addon = startConcurrentAddon(emulator, { Contacts: sheet }, seed);
    try {
      setUpConcurrent(addon, { purpose: 'add-update', identifier: 'phone', importTag: null });
      addon.call('reviewSheet');
      const start = addon.call<{ jobId: string }>('startImport', 'pending');
      const slice = addon.startRpc('continueImport', [start.jobId]);
      const from = addon.rt.trace.length;
      let cancel: ReturnType<typeof addon.startRpc> | null = null;
      // Once the slice is under way (creates journalled and answered), press Cancel.
      addon.rt.finish(slice, () => {
        if (cancel === null && addon.rt.trace.length > from + 20)
          cancel = addon.startRpc('cancelImport', [start.jobId]);
      });
      expect(cancel).not.toBeNull();
      addon.rt.drain();
      const pressed = addon.answer<{ message: string | null }>(cancel as never);
      expect(pressed.ok).toBe(true);

      // The slice saw it; if it ended first, the next call finds the run cancelled.
      const progress = addon.answer<{ status: string; rowsDone: number; more: boolean }>(slice);
      if (!progress.ok) throw new Error(progress.error);
      let view = progress.value;
      for (let more = 0; view.more && more < 3; more++)
        view = addon.call<typeof view>('continueImport', start.jobId);
      expect(view.status).toBe('cancelled');
      expect(view.rowsDone).toBeLessThan(ROWS);
    } finally {
      await addon.close();
      await emulator.stop();
    }
  },
);
