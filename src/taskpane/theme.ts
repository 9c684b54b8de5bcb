/** Light or dark Fluent theme from the Office theme (where the host tells it). */
import { Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** Relative luminance of a #rrggbb colour, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return 1;
  const [r, g, b] = m.slice(1).map((x) => {
    const c = parseInt(x, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function themeFor(bodyBackgroundColor: string | undefined): Theme {
  return bodyBackgroundColor && luminance(bodyBackgroundColor) < 0.4 ? webDarkTheme : webLightTheme;
}
