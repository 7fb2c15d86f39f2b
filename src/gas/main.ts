/**
 * The bundle's entry: every function Apps Script must see (menu, triggers, and the
 * functions the sidebar calls) is assigned to `global` here, once, and gas-webpack-plugin
 * turns each assignment into a top-level function declaration in dist/Code.js.
 */
import { expose } from './expose';
import { onInstall, onOpen, showSidebar } from './menu';
import { getSheetSummary } from './summary';

declare const global: Record<string, unknown>;

global.onOpen = onOpen;
global.onInstall = onInstall;
global.showSidebar = showSidebar;

// Sidebar RPC (names listed in SERVER_FUNCTIONS in src/rpc.ts).
global.getSheetSummary = expose<'getSheetSummary'>(getSheetSummary);
