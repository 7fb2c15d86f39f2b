/* global document, setTimeout */
/**
 * Messages in the corner, as Sheets shows toasts: errors of menu items and the sandbox's own
 * messages. Each notice is shown once.
 */
export class Notices {
  constructor(box) {
    this.box = box;
    this.seen = 0;
    this.started = false;
  }

  /** Notices from the server; on the first call the old ones are taken as already seen. */
  update(notices) {
    for (const notice of notices) {
      if (notice.id <= this.seen) continue;
      this.seen = notice.id;
      if (this.started) this.show(notice.kind, notice.title, notice.message, notice.seconds);
    }
    this.started = true;
  }

  show(kind, title, message, seconds = 6) {
    const item = document.createElement('div');
    item.className = 'notice ' + kind;
    item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    if (title) {
      const head = document.createElement('strong');
      head.textContent = title;
      item.append(head);
    }
    const text = document.createElement('span');
    text.textContent = message;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', 'Dismiss');
    close.addEventListener('click', () => item.remove());
    item.append(text, close);
    this.box.append(item);
    if (seconds > 0) setTimeout(() => item.remove(), seconds * 1000);
  }
}
