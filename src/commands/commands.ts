/* global Office */
/**
 * The ribbon's function file. The Home-tab button only shows the task pane, which needs
 * no code; the file must still load Office.js and initialize for the ribbon to work.
 */
Office.onReady(() => {
  // Nothing to register: every command of the add-in lives in the task pane.
});
