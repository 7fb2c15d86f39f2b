/* global window */
/**
 * The add-on's sidebar: shown when the add-on calls showSidebar (a fresh page each time, as
 * Google loads one), hidden by its close button or google.script.host.close(), which the
 * stand-in for google.script reports with a `sidebar-closed` message.
 */
export class SidebarPanel {
  /** @param onClose  tells the server the person closed it */
  constructor(panel, onClose) {
    this.panel = panel;
    this.frame = panel.querySelector('iframe');
    this.title = panel.querySelector('.sidebar-title');
    this.generation = 0; // the sidebar loaded in the frame
    this.closed = 0; // the last one the person closed: a late "open" for it is ignored
    this.onClose = onClose;
    panel.querySelector('.sidebar-close').addEventListener('click', () => this.close());
    window.addEventListener('message', (e) => {
      if (e.source === this.frame.contentWindow && e.data && e.data.type === 'sidebar-closed') {
        this.close();
      }
    });
  }

  update(state) {
    this.title.textContent = state.title;
    const open = state.open && state.generation > this.closed;
    if (open && state.generation !== this.generation) {
      this.generation = state.generation;
      this.frame.src = '/sidebar?shown=' + state.generation;
    }
    if (!open && !this.panel.hidden) this.unload();
    this.panel.hidden = !open;
  }

  close() {
    this.closed = this.generation;
    this.unload();
    this.panel.hidden = true;
    this.onClose();
  }

  /** A closed sidebar is gone, not hidden: its page stops, as in Sheets. */
  unload() {
    this.frame.src = 'about:blank';
    this.generation = 0;
  }
}
