import { useEffect, useState } from 'preact/hooks';
import type { SheetSummary } from '../src/rpc';
import { callServer } from './server';

type Load<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: string };

export function App() {
  const [summary, setSummary] = useState<Load<SheetSummary>>({ state: 'loading' });

  const load = () => {
    setSummary({ state: 'loading' });
    callServer('getSheetSummary').then(
      (value) => setSummary({ state: 'ready', value }),
      (e: Error) => setSummary({ state: 'failed', error: e.message }),
    );
  };
  useEffect(load, []);

  return (
    <main class="sidebar">
      <h1>Import contacts</h1>
      {summary.state === 'loading' && <p class="gray">Reading the sheet…</p>}
      {summary.state === 'failed' && (
        <p class="error" role="alert">
          {summary.error}
        </p>
      )}
      {summary.state === 'ready' && <SummaryView summary={summary.value} />}
      <div class="block">
        <button type="button" onClick={load}>
          Refresh
        </button>
      </div>
    </main>
  );
}

function SummaryView({ summary }: { summary: SheetSummary }) {
  return (
    <section aria-label="Source sheet">
      <p>
        Tab <b data-testid="sheet-name">{summary.sheetName}</b>:{' '}
        <span data-testid="counts">
          {summary.dataRows} data rows, {summary.dataColumns} columns
        </span>
      </p>
      {summary.headers.length > 0 ? (
        <ul class="headers">
          {summary.headers.map((h, i) => (
            <li key={i}>{h || <i class="gray">(empty header)</i>}</li>
          ))}
        </ul>
      ) : (
        <p class="gray">Row {summary.headerRow} is empty: put column headers there.</p>
      )}
    </section>
  );
}
