/**
 * The add-on's menu and sidebar. onOpen runs in AuthMode.NONE before the add-on is
 * authorised for the document, so it touches nothing but the UI.
 */
import { ui_ } from './sheet';

export const SIDEBAR_TITLE = 'Contact import';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  ui_().createAddonMenu().addItem('Import contacts…', 'showSidebar').addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(SIDEBAR_TITLE);
  ui_().showSidebar(html);
}
