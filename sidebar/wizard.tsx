import { createContext } from 'preact';
import type { ComponentChildren } from 'preact';
import { useContext, useLayoutEffect, useReducer } from 'preact/hooks';
import { writeKept } from './persist';
import { keep, reducer } from './store';
import type { Action, Wizard } from './store';

/** The wizard's state and dispatch, for any component (no prop chains through the steps). */
const WizardContext = createContext<{ w: Wizard; dispatch: (action: Action) => void } | null>(null);

export function WizardProvider(props: {
  initial: Wizard;
  storageKey: string;
  children: ComponentChildren;
}) {
  const [w, dispatch] = useReducer(reducer, props.initial);
  // Kept after every change, so closing the sidebar at any moment loses nothing. A layout
  // effect runs right after the render, not at the next paint, which a closing sidebar
  // may never reach.
  useLayoutEffect(() => writeKept(props.storageKey, keep(w)), [w, props.storageKey]);
  return <WizardContext.Provider value={{ w, dispatch }}>{props.children}</WizardContext.Provider>;
}

export function useWizard() {
  const value = useContext(WizardContext);
  if (!value) throw new Error('useWizard outside WizardProvider');
  return value;
}
