/**
 * The runs the kill-and-resume tests import, each killed part-way and compared with the same
 * run uninterrupted: a name, the settings, the list's shape; and the workspace each meets.
 */
import type { WorkspaceData } from '../../emulator/workspace';
import type { SettingsInput } from '../../src/core/settings';
import { LIST_MAPPING, workspaceWith, type ListOptions } from './contact-lists';

export type ResumeScenario = [name: string, input: SettingsInput, options: ListOptions];

/** Rows in each list. */
export const ROWS = 150;
export const IMPORT_TAG = 'import 2026-11-23 10:00';

const addUpdateByPhone: ResumeScenario = [
  'add and update by phone, a Tags column replacing tags, run tags',
  { purpose: 'add-update', identifier: 'phone', mapping: LIST_MAPPING, tags: ['run'] },
  { errorEvery: 10 },
];

const addNewByEmail: ResumeScenario = [
  'add new by email, run tags',
  {
    purpose: 'add',
    identifier: 'email',
    mapping: LIST_MAPPING.filter((m) => m.field !== 'tags'),
    tags: ['run'],
  },
  {},
];

const updateKeepingValues: ResumeScenario = [
  'update by phone, do not overwrite',
  { purpose: 'update', identifier: 'phone', mapping: LIST_MAPPING, doNotOverwrite: true },
  { errorEvery: 7 },
];

const addAll: ResumeScenario = [
  'add all despite duplicates, run tags',
  { purpose: 'add-all', identifier: null, mapping: LIST_MAPPING, tags: ['run'] },
  { existing: false },
];

export const RUNS = { addUpdateByPhone, addNewByEmail, updateKeepingValues, addAll };

/** The workspace a list meets: the contacts of half its rows, unless its rows are all new. */
export function resumeWorkspace(options: ListOptions): WorkspaceData {
  return workspaceWith(options.existing === false ? 0 : ROWS / 2);
}
