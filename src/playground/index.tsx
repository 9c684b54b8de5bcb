import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { sampleGrids } from "../sample/sampleWorkbook";
import { Playground } from "./Playground";

createRoot(document.getElementById("container")!).render(
  <FluentProvider theme={webLightTheme}>
    <Playground initial={sampleGrids()} theme={webLightTheme} />
  </FluentProvider>
);
