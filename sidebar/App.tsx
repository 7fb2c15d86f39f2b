import { useEffect, useRef, useState } from 'preact/hooks';
import { StepNav } from './components/StepNav';
import { keyFor, readKept } from './persist';
import { callServer } from './server';
import { STEPS, restore } from './store';
import type { Step, Wizard } from './store';
import { Connect } from './steps/Connect';
import { ImportProgress } from './steps/Import';
import { MapColumns } from './steps/Map';
import { Results } from './steps/Results';
import { Review } from './steps/Review';
import { Source } from './steps/Source';
import { WizardProvider, useWizard } from './wizard';

type Opening =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | { state: 'ready'; wizard: Wizard; key: string };

/**
 * Opens the wizard where the person left it: the server's state (saved settings, a job in
 * flight, a fresh review) plus what this browser kept (the step, unsaved choices).
 */
export function App() {
  const [opening, setOpening] = useState<Opening>({ state: 'loading' });

  const open = () => {
    setOpening({ state: 'loading' });
    callServer('getWizardState').then(
      (state) => {
        const key = keyFor(state.sheet.spreadsheetName, state.sheet.sheetName);
        setOpening({ state: 'ready', wizard: restore(state, readKept(key)), key });
      },
      (e: Error) => setOpening({ state: 'failed', error: e.message }),
    );
  };
  useEffect(open, []);

  if (opening.state !== 'ready') {
    return (
      <main class="sidebar">
        <h1>Import contacts</h1>
        {opening.state === 'loading' ? (
          <p class="gray">Reading the sheet…</p>
        ) : (
          <>
            <p class="error" role="alert">
              {opening.error}
            </p>
            <button type="button" class="action" onClick={open}>
              Try again
            </button>
          </>
        )}
      </main>
    );
  }
  return (
    <WizardProvider initial={opening.wizard} storageKey={opening.key}>
      <WizardView />
    </WizardProvider>
  );
}

const VIEWS: Record<Step, () => preact.JSX.Element> = {
  connect: Connect,
  source: Source,
  map: MapColumns,
  review: Review,
  import: ImportProgress,
  results: Results,
};

function WizardView() {
  const { w } = useWizard();
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // On every step change, focus moves to the new step's title so keyboard and screen-reader
  // users start at its top instead of on a button that no longer exists.
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
    window.scrollTo(0, 0);
  }, [w.step]);

  const View = VIEWS[w.step];
  return (
    <main class="sidebar">
      <StepNav step={w.step} />
      <h1 id="step-title" tabIndex={-1} ref={heading}>
        {STEPS.find((s) => s.id === w.step)?.title}
      </h1>
      <View key={w.step} />
    </main>
  );
}
