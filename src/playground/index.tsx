import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { sampleGrids } from "../sample/sampleWorkbook";
import { Playground } from "./Playground";

const dark = globalThis.matchMedia?.("(prefers-color-scheme: dark)");

/** The playground follows the browser's light or dark preference, also when it changes. */
function Themed(): React.JSX.Element {
  const [theme, setTheme] = React.useState<Theme>(dark?.matches ? webDarkTheme : webLightTheme);
  React.useEffect(() => {
    const follow = (e: MediaQueryListEvent): void =>
      setTheme(e.matches ? webDarkTheme : webLightTheme);
    dark?.addEventListener("change", follow);
    return () => dark?.removeEventListener("change", follow);
  }, []);
  const initial = React.useMemo(() => sampleGrids(), []);
  return (
    <FluentProvider theme={theme}>
      <Playground initial={initial} theme={theme} />
    </FluentProvider>
  );
}

createRoot(document.getElementById("container")!).render(<Themed />);
