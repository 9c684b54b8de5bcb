/** A modal confirmation: what will change, and the two choices. */
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";

export interface ConfirmRequest {
  title: string;
  body: React.ReactNode;
  confirm: string;
  onConfirm: () => void;
  /** Where focus goes on close when the element that opened the dialog is gone (a removed line's button). */
  fallbackFocus?: () => HTMLElement | null | undefined;
}

export function ConfirmDialog({
  request,
  onClose,
}: {
  request?: ConfirmRequest;
  onClose: () => void;
}): React.JSX.Element {
  // Keep the last request's text while the dialog animates closed, so it never shows empty.
  const [shown, setShown] = React.useState(request);
  if (request && request !== shown) setShown(request);
  const confirmButton = React.useRef<HTMLButtonElement>(null);
  const anchor = React.useRef<HTMLSpanElement>(null);
  // The element that had focus when the dialog opened: focus goes back there on close
  // (the dialog is opened by code, so Fluent's own restore, made for DialogTrigger, does
  // not apply). Layout effects run before the dialog takes focus in its effect.
  const opener = React.useRef<HTMLElement | null>(null);
  React.useLayoutEffect(() => {
    if (request)
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
  }, [request]);
  // The dialog focuses its first button when it opens. Tabster (Fluent's focus manager)
  // hides inactive modal dialogs from assistive technology on a timer; when that timer
  // fires between the dialog's render and its focus (a dialog opened after an await),
  // the first button is skipped as hidden and focus lands on the surface, leaving the
  // dialog aria-hidden. Focusing the button itself makes the dialog active and visible.
  React.useEffect(() => {
    const button = confirmButton.current;
    if (request) {
      if (button && !button.parentElement?.contains(document.activeElement)) button.focus();
      return;
    }
    // Closed: back to where the planner was.
    opener.current?.focus();
  }, [request]);
  // What the dialog confirmed may remove the button that opened it (a fixed issue, a removed
  // line) once the work lands, renders later: whenever focus has fallen to the page
  // meanwhile, it goes to `fallbackFocus`, else to the panel's first control.
  React.useEffect(() => {
    if (request || !opener.current) return;
    if (opener.current.isConnected) {
      if (document.activeElement !== opener.current && !isLost()) opener.current = null;
      return;
    }
    if (!isLost()) return;
    const panel = anchor.current?.closest("[role=tabpanel]");
    const first = panel?.querySelector<HTMLElement>(
      "button:not([disabled]), input:not([disabled]), select:not([disabled])"
    );
    (shown?.fallbackFocus?.() ?? first)?.focus();
    opener.current = null;
  });
  return (
    <>
      <span ref={anchor} hidden />
      <Dialog open={!!request} onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
        <DialogSurface aria-describedby={undefined} style={{ maxWidth: 320 }}>
          <DialogBody>
            <DialogTitle>{shown?.title}</DialogTitle>
            <DialogContent>{shown?.body}</DialogContent>
            <DialogActions>
              <Button
                ref={confirmButton}
                appearance="primary"
                onClick={() => {
                  const r = request;
                  onClose();
                  r?.onConfirm();
                }}
              >
                {shown?.confirm}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

/** Focus fell to the page: the element that had it is gone. */
const isLost = (): boolean =>
  document.activeElement === null || document.activeElement === document.body;
