/* global document */
/**
 * The menu bar: File (the sandbox's download and save) and Extensions, where the add-on's
 * own menu appears as its onOpen built it (Extensions › Contact import › Import contacts…).
 * A menu opens on click; submenus open on hover.
 */

/**
 * @param bar      the menu bar element
 * @param actions  {runItem(functionName), download(), save()}
 */
export class MenuBar {
  constructor(bar, actions) {
    this.bar = bar;
    this.actions = actions;
    this.key = '';
    document.addEventListener('mousedown', (e) => {
      if (!this.bar.contains(e.target)) this.closeAll();
    });
  }

  /** Draws the menus (only when they changed, so an open menu stays open). */
  update(menus, saveFile) {
    const key = JSON.stringify([menus, saveFile]);
    if (key === this.key) return;
    this.key = key;
    this.bar.textContent = '';
    this.bar.append(
      this.menu('File', [
        { caption: 'Download sheet (CSV)', run: () => this.actions.download() },
        {
          caption: saveFile ? 'Save to ' + saveFile : 'Save (start with --save <file>)',
          run: () => this.actions.save(),
          disabled: !saveFile,
        },
      ]),
      this.menu(
        'Extensions',
        menus.filter((m) => m.addon).map((m) => ({ caption: m.caption, submenu: this.entries(m) })),
      ),
      // A script's own createMenu menus sit on the bar itself, after Extensions.
      ...menus.filter((m) => !m.addon).map((m) => this.menu(m.caption, this.entries(m))),
    );
  }

  entries(menu) {
    return menu.entries.map((entry) => {
      if (entry.kind === 'separator') return { separator: true };
      if (entry.kind === 'submenu')
        return { caption: entry.menu.caption, submenu: this.entries(entry.menu) };
      return { caption: entry.caption, run: () => this.actions.runItem(entry.functionName) };
    });
  }

  menu(caption, items) {
    const wrap = document.createElement('div');
    wrap.className = 'menu';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'menu-button';
    button.textContent = caption;
    button.setAttribute('aria-haspopup', 'menu');
    button.addEventListener('click', () => {
      const open = wrap.classList.contains('open');
      this.closeAll();
      if (!open) wrap.classList.add('open');
    });
    wrap.append(button, this.list(items));
    return wrap;
  }

  list(items) {
    const list = document.createElement('div');
    list.className = 'menu-list';
    list.setAttribute('role', 'menu');
    for (const item of items) {
      if (item.separator) {
        const line = document.createElement('div');
        line.className = 'menu-separator';
        list.append(line);
        continue;
      }
      const entry = document.createElement('div');
      entry.className = 'menu-entry';
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'menuitem');
      button.textContent = item.caption;
      button.disabled = !!item.disabled;
      entry.append(button);
      if (item.submenu) {
        entry.classList.add('has-submenu');
        entry.append(this.list(item.submenu));
      } else {
        button.addEventListener('click', () => {
          this.closeAll();
          item.run();
        });
      }
      list.append(entry);
    }
    return list;
  }

  closeAll() {
    for (const open of this.bar.querySelectorAll('.menu.open')) open.classList.remove('open');
  }
}
