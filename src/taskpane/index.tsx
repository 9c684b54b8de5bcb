import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { whenOfficeReady } from "../hosts/excel/bootstrap";
import { App } from "./components/App";
import { OutsideOffice } from "./components/OutsideOffice";
import { themeFor } from "./theme";

const root = createRoot(document.getElementById("container")!);

void whenOfficeReady().then((excel) => {
  if (!excel) {
    root.render(
      <FluentProvider theme={webLightTheme}>
        <OutsideOffice />
      </FluentProvider>
    );
    return;
  }
  root.render(<App host={excel.host} theme={themeFor(excel.background)} />);
});
