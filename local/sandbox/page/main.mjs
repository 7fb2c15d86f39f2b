/* global document, window, EventSource, performance */
/**
 * The sandbox page: a spreadsheet on the left, the add-on's sidebar on the right. The state
 * lives in the sandbox server (the Apps Script fakes); this page shows it, sends the
 * person's clicks and typing, and refreshes when the server says something changed.
 */
import { getJson, postJson } from './api.mjs';
import { Grid } from './grid.mjs';
import { MenuBar } from './menus.mjs';
import { Notices } from './notices.mjs';
import { SidebarPanel } from './sidebar-panel.mjs';

const $ = (id) => document.getElementById(id);

const notices = new Notices($('notices'));
const grid = new Grid($('grid-scroll'), {
  select: (sheet, a1) => postJson('/api/select', { sheet, a1 }).catch(showError),
  edit: (sheet, a1, text) => postJson('/api/edit', { sheet, a1, text }).catch(showError),
  selectionShown: ({ name, content }) => {
    $('name-box').textContent = name;
    $('formula').textContent = content;
  },
});
const menus = new MenuBar($('menubar'), {
  runItem: (functionName) => postJson('/api/menu', { functionName }).catch(showError),
  download: () => {
    const link = document.createElement('a');
    link.href = '/download.csv?sheet=' + encodeURIComponent(current.active);
    link.download = current.active + '.csv';
    link.click();
  },
  save: () =>
    postJson('/api/save')
      .then((answer) => notices.show('info', 'Saved', 'Written to ' + answer.file))
      .catch(showError),
});
const sidebar = new SidebarPanel($('sidebar'), () =>
  postJson('/api/sidebar/close').catch(showError),
);

let current = { active: null };
let refreshing = null;
let again = false;

function showError(error) {
  notices.show('error', 'Error', error.message, 10);
}

/** Reads the state again; calls made while a read is in flight collapse into one more. */
function refresh() {
  if (refreshing) {
    again = true;
    return refreshing;
  }
  refreshing = getJson('/api/state')
    .then(apply)
    .catch(showError)
    .finally(() => {
      refreshing = null;
      if (again) {
        again = false;
        refresh();
      }
    });
  return refreshing;
}

function apply(state) {
  current = state;
  document.title = state.spreadsheet.name + ' – Sheets sandbox';
  $('doc-title').textContent = state.spreadsheet.name;
  $('user').textContent = state.user;
  showConnection(state.connection);
  showBusy(state.busy);
  showTabs(state.tabs, state.active);
  showFilter(state.sheet);
  menus.update(state.menus, state.saveFile);
  notices.update(state.notices);
  sidebar.update(state.sidebar);
  grid.setLayout(state.sheet);
}

function showConnection(connection) {
  const note = $('api-note');
  const where = connection.source === 'emulator' ? 'Local emulator ' : 'API ';
  // What was saved when the sandbox started: the person may save another token in Connect
  // since, and Connect shows the one saved now.
  let token;
  if (connection.emulatorToken) {
    token = connection.savedTokenLast4
      ? 'token ' + connection.emulatorToken + ' (saved for you at start)'
      : 'paste token ' + connection.emulatorToken + ' in Connect';
  } else {
    token = connection.savedTokenLast4
      ? 'token ••••' + connection.savedTokenLast4 + ' saved at start'
      : 'enter your token in Connect';
  }
  note.textContent = where + connection.apiUrl + ' · ' + token;
  note.title =
    'The contact API the add-on talks to. Base URL: ' +
    connection.apiUrl +
    (connection.servedBy
      ? ' (the production address: the shipped manifest allows it, and this sandbox resolves it to the local emulator at ' +
        connection.servedBy +
        ')'
      : '') +
    (connection.emulatorToken
      ? '. The emulator accepts the token ' + connection.emulatorToken
      : '') +
    '. Connect shows the token saved now.';
}

function showBusy(label, queued = 0) {
  const box = $('busy');
  box.hidden = !label;
  if (label)
    box.textContent = 'Running ' + label + '…' + (queued > 1 ? ` (+${queued - 1} waiting)` : '');
}

function showTabs(tabs, active) {
  const bar = $('tabs');
  const key = JSON.stringify([tabs, active]);
  if (bar.dataset.key === key) return;
  bar.dataset.key = key;
  bar.textContent = '';
  for (const name of tabs) {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'tab' + (name === active ? ' active' : '');
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(name === active));
    tab.textContent = name;
    tab.addEventListener('click', () => {
      if (name !== current.active)
        postJson('/api/select', { sheet: name }).then(refresh, showError);
    });
    bar.append(tab);
  }
}

function showFilter(sheet) {
  const status = $('filter-status');
  status.hidden = !sheet.filter;
  if (sheet.filter) {
    const hidden = sheet.hiddenByFilter;
    status.textContent =
      'Filter on' +
      (hidden > 0 ? ' · ' + hidden + ' row' + (hidden === 1 ? '' : 's') + ' hidden' : '');
  }
}

function listen() {
  const events = new EventSource('/api/events');
  events.addEventListener('hello', () => refresh());
  events.addEventListener('change', () => refresh());
  events.addEventListener('busy', (e) => {
    const { label, queued } = JSON.parse(e.data);
    showBusy(label, queued);
  });
}

// For tests and the curious: the grid's counters (renders, last render time, rows drawn).
window.sandbox = { grid, refresh, startedAt: performance.now() };
listen();
