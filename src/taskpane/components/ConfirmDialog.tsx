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
}

export function ConfirmDialog({
  request,
  onClose,
}: {
  request?: ConfirmRequest;
  onClose: () => void;
}): React.JSX.Element {
  // Keep the last request's text while the dialog animates closed, so it never shows empty.
  const last = React.useRef(request);
  if (request) last.current = request;
  const shown = request ?? last.current;
  return (
    <Dialog open={!!request} onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
      <DialogSurface aria-describedby={undefined} style={{ maxWidth: 320 }}>
        <DialogBody>
          <DialogTitle>{shown?.title}</DialogTitle>
          <DialogContent>{shown?.body}</DialogContent>
          <DialogActions>
            <Button
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
  );
}
