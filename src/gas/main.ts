/**
 * The bundle's entry: every function Apps Script must see (menu, triggers, and the
 * functions the sidebar calls) is assigned to `global` here, once, and gas-webpack-plugin
 * turns each assignment into a top-level function declaration in dist/Code.js.
 * Sidebar functions are wrapped by `expose` (answers are RpcResults; names in src/rpc.ts).
 */
import { onEdit } from './edit';
import { expose } from './expose';
import {
  cancelImport,
  continueImport,
  getHistory,
  getImportProgress,
  startImport,
} from './importing';
import { onInstall, onOpen, showSidebar } from './menu';
import { applySuggestedFixes, goToNextError, reviewSheet, setErrorFilter } from './review';
import { getSheetSummary, getWizardState, saveSettings } from './wizard';
import { disconnect, saveConnection, testConnection } from './workspace';

declare const global: Record<string, unknown>;

global.onOpen = onOpen;
global.onInstall = onInstall;
global.onEdit = onEdit;
global.showSidebar = showSidebar;

global.getSheetSummary = expose<'getSheetSummary'>(getSheetSummary);
global.getWizardState = expose<'getWizardState'>(getWizardState);
global.saveConnection = expose<'saveConnection'>(saveConnection);
global.testConnection = expose<'testConnection'>(testConnection);
global.disconnect = expose<'disconnect'>(disconnect);
global.saveSettings = expose<'saveSettings'>(saveSettings);
global.reviewSheet = expose<'reviewSheet'>(reviewSheet);
global.applySuggestedFixes = expose<'applySuggestedFixes'>(applySuggestedFixes);
global.goToNextError = expose<'goToNextError'>(goToNextError);
global.setErrorFilter = expose<'setErrorFilter'>(setErrorFilter);
global.startImport = expose<'startImport'>(startImport);
global.continueImport = expose<'continueImport'>(continueImport);
global.getImportProgress = expose<'getImportProgress'>(getImportProgress);
global.cancelImport = expose<'cancelImport'>(cancelImport);
global.getHistory = expose<'getHistory'>(getHistory);
