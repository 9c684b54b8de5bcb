/* global Office */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./components/App";
import { OutsideOffice } from "./components/OutsideOffice";
import { OfficeWorkbookHost } from "./officeHost";
import { themeFor } from "./theme";

const root = createRoot(document.getElementById("container")!);

function renderOutside(): void {
  root.render(
    <FluentProvider theme={webLightTheme}>
      <OutsideOffice />
    </FluentProvider>
  );
}

// office.js comes from Microsoft's CDN; without it (offline, blocked) the page explains itself.
if (typeof Office === "undefined") renderOutside();
else {
  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) return renderOutside();
    const theme = themeFor(Office.context.officeTheme?.bodyBackgroundColor);
    root.render(<App host={new OfficeWorkbookHost()} theme={theme} />);
  });
}
