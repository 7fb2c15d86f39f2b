/**
 * The editor UI: the add-on menu and the sidebar. What the add-on shows is recorded on a
 * UiModel that tests (and the sandbox) read.
 */
import { instrument } from './calls';
import { Fake } from './context';
import { GasError } from './errors';
import { FakeHtmlOutput } from './html';
import type { SheetsContext } from './sheets-context';

export interface MenuEntry {
  kind: 'item';
  caption: string;
  functionName: string;
}

export interface MenuState {
  caption: string;
  addon: boolean;
  entries: MenuEntry[];
}

export interface ShownHtml {
  title: string;
  content: string;
  width: number;
  height: number;
}

/** Everything the add-on showed. */
export class UiModel {
  readonly menus: MenuState[] = [];
  readonly sidebars: ShownHtml[] = [];
  /** False models contexts where SpreadsheetApp.getUi() is not allowed (triggers). */
  available = true;

  constructor(readonly addonName: string) {}

  /** The function a menu item calls, by its caption (searched in every menu). */
  menuFunction(caption: string): string | undefined {
    for (const menu of this.menus) {
      const found = menu.entries.find((entry) => entry.caption === caption);
      if (found) return found.functionName;
    }
    return undefined;
  }

  /** The sidebar shown last, if any. */
  get sidebar(): ShownHtml | undefined {
    return this.sidebars[this.sidebars.length - 1];
  }
}

export class FakeUi extends Fake<SheetsContext> {
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.ctx, { caption: this.ctx.ui.addonName, addon: true, entries: [] });
  }

  showSidebar(userInterface: FakeHtmlOutput): void {
    this.ctx.ui.sidebars.push({ ...shown(userInterface, 'showSidebar'), width: 300 });
  }
}

instrument(FakeUi, 'Ui', 'SpreadsheetApp');

function shown(output: unknown, method: string): ShownHtml {
  if (!(output instanceof FakeHtmlOutput)) {
    throw new GasError(`The parameters don't match the method signature for Ui.${method}.`);
  }
  return FakeHtmlOutput.snapshotOf(output);
}

export class FakeMenu extends Fake<SheetsContext> {
  constructor(
    ctx: SheetsContext,
    private readonly state: MenuState,
  ) {
    super(ctx);
  }

  addItem(caption: string, functionName: string): FakeMenu {
    this.state.entries.push({
      kind: 'item',
      caption: String(caption),
      functionName: String(functionName),
    });
    return this;
  }

  addToUi(): void {
    // Adding the same menu again replaces it, as re-running onOpen does in the editor.
    const menus = this.ctx.ui.menus;
    const existing = menus.findIndex(
      (m) => m.caption === this.state.caption && m.addon === this.state.addon,
    );
    const copy = structuredClone(this.state);
    if (existing >= 0) menus[existing] = copy;
    else menus.push(copy);
  }
}

instrument(FakeMenu, 'Menu', 'SpreadsheetApp');
