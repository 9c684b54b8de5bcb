/** The manifest, checked offline (Microsoft's validator needs its web service: npm run validate). */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { DOMParser, Element } from "@xmldom/xmldom";

const root = path.join(__dirname, "..");
const xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const doc = new DOMParser().parseFromString(xml, "text/xml");
const app = doc.documentElement!;

const children = (e: Element): Element[] =>
  Array.from(e.childNodes).filter((n): n is Element => n.nodeType === 1);
const all = (name: string): Element[] => Array.from(doc.getElementsByTagName(name));

test("parses as an add-in only task pane manifest", () => {
  expect(app.localName).toBe("OfficeApp");
  expect(app.getAttribute("xsi:type")).toBe("TaskPaneApp");
  expect(all("parsererror")).toHaveLength(0);
  expect(children(app).find((e) => e.localName === "Id")!.textContent).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
  );
});

test("top-level elements come in the order the schema requires", () => {
  const order = [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "AppDomains",
    "Hosts",
    "Requirements",
    "DefaultSettings",
    "Permissions",
    "VersionOverrides",
  ];
  const names = children(app).map((e) => e.localName!);
  const positions = names.map((n) => order.indexOf(n));
  expect(positions).not.toContain(-1);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  for (const required of [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "Hosts",
    "DefaultSettings",
    "Permissions",
  ])
    expect(names).toContain(required);
});

test("hosts Excel workbooks only, with the lowest ExcelApi set the add-in needs", () => {
  const hosts = children(children(app).find((e) => e.localName === "Hosts")!);
  expect(hosts.map((h) => h.getAttribute("Name"))).toEqual(["Workbook"]);
  const sets = all("Set").map((s) => [s.getAttribute("Name"), s.getAttribute("MinVersion")]);
  expect(sets).toEqual([["ExcelApi", "1.4"]]);
  expect(
    all("Host")
      .filter((h) => h.getAttribute("xsi:type"))
      .map((h) => h.getAttribute("xsi:type"))
  ).toEqual(["Workbook"]);
});

test("every URL is https", () => {
  const urls = [...xml.matchAll(/(?:DefaultValue|Url)="([^"]*:\/\/[^"]*)"/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(5);
  for (const u of urls) expect(u).toMatch(/^https:\/\//);
  expect(xml).not.toMatch(/http:\/\/(?!schemas\.microsoft\.com|www\.w3\.org)/);
});

test("every resid resolves to a resource, and ids are at most 32 characters", () => {
  const resources = new Map<string, string>();
  for (const tag of ["bt:Image", "bt:Url", "bt:String"])
    for (const e of all(tag)) if (e.getAttribute("id")) resources.set(e.getAttribute("id")!, tag);
  const resids = [...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
  expect(resids.length).toBeGreaterThan(8);
  for (const id of resids) {
    expect(resources.has(id)).toBe(true);
    expect(id.length).toBeLessThanOrEqual(32);
  }
  for (const id of resources.keys()) expect(id.length).toBeLessThanOrEqual(32);
});

test("a Home-tab group with a button that shows the task pane", () => {
  const tab = all("OfficeTab")[0];
  expect(tab.getAttribute("id")).toBe("TabHome");
  const action = all("Action")[0];
  expect(action.getAttribute("xsi:type")).toBe("ShowTaskpane");
  expect(
    all("SourceLocation").map((s) => s.getAttribute("DefaultValue") ?? s.getAttribute("resid"))
  ).toContain("https://localhost:3000/taskpane.html");
});

test("icons exist in assets at the sizes the manifest names", () => {
  for (const size of [16, 32, 64, 80]) {
    const png = fs.readFileSync(path.join(root, "assets", `icon-${size}.png`));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
  for (const url of [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+)"/g)].map(
    (m) => m[1]
  )) {
    expect(fs.existsSync(path.join(root, url))).toBe(true);
  }
});

test("Microsoft's own manifest reader (office-addin-manifest info, offline) accepts it", () => {
  const out = execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules", "office-addin-manifest", "cli.js"),
      "info",
      path.join(root, "manifest.xml"),
    ],
    {
      encoding: "utf8",
    }
  );
  expect(out).toContain("Id: 3599dd0e-1c77-41dc-81d0-48a4cb8c8032");
  expect(out).toContain("Hosts: Workbook");
  expect(out).toContain("Source Location: https://localhost:3000/taskpane.html");
});
