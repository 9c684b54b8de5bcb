/** taskpane.html opened outside Office: what the add-in does and how to get it into Excel. */
import * as React from "react";
import { Body1, Link, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  root: { padding: "16px", maxWidth: "560px", lineHeight: tokens.lineHeightBase300 },
  h1: { fontSize: tokens.fontSizeBase500, margin: "0 0 8px" },
  h2: { fontSize: tokens.fontSizeBase400, margin: "16px 0 4px" },
});

export function OutsideOffice(): React.JSX.Element {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <h1 className={styles.h1}>Blanket Assembly Orders for Excel</h1>
      <Body1 as="p">
        This is an Excel add-in. It runs Business Central&apos;s blanket assembly order process in
        your workbook: it validates blanket orders (an assemble-to-order line is assembled for its
        full quantity or not at all), generates blanket assembly orders from your assembly BOMs and
        keeps your changes to them, and makes sales orders with linked assembly orders when a
        customer calls off part of the agreement.
      </Body1>
      <h2 className={styles.h2}>Open it in Excel</h2>
      <ul>
        <li>
          <strong>Excel on the web</strong>: Home &gt; Add-ins &gt; More Add-ins &gt; My Add-ins
          &gt; Upload My Add-in, then choose the add-in&apos;s <code>manifest.xml</code>.
        </li>
        <li>
          <strong>Excel on Windows or Mac</strong>: put <code>manifest.xml</code> in a shared folder
          catalog (Windows) or the Office <code>wef</code> folder (Mac), or ask your administrator
          to deploy it from the Microsoft 365 admin center.
        </li>
      </ul>
      <Body1 as="p">
        Once loaded, the <strong>Blanket Orders</strong> button on the Home tab opens the task pane.
      </Body1>
      <h2 className={styles.h2}>Try it without Excel</h2>
      <Body1 as="p">
        The <Link href="playground.html">playground</Link> runs the same task pane beside a workbook
        in your browser, with sample data.
      </Body1>
    </main>
  );
}
