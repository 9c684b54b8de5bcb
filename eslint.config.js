// Office add-in conventions: Microsoft's eslint-plugin-office-addins (its React config,
// with prettier), applied to .tsx as well as .ts; React's hooks rules; and the
// boundaries that keep the house simple (docs/architecture.md).
const officeAddins = require("eslint-plugin-office-addins");
const reactHooks = require("eslint-plugin-react-hooks");
const globals = require("globals");
const tseslint = require("typescript-eslint");

// The plugin's main block names its files without .tsx; give .tsx the same rules.
const officeBlock = officeAddins.configs.react.find(
  (c) => c.files && c.rules && c.rules["office-addins/call-sync-after-load"]
);

/** Imports nothing may make, whoever imports. */
const noTestCode = {
  group: ["**/test/**", "**/bench/**"],
  message: "Product code never imports tests or benchmarks.",
};
const noExcelJs = {
  group: ["exceljs", "exceljs/*", "jszip"],
  message:
    "The product reads and writes .xlsx through src/hosts/xlsx/package (docs/architecture.md).",
};

/** What a layer may not import: everything outward of it. */
const outward = (layer, allowed) => ({
  group: [
    "**/workbook/**",
    "**/hosts/**",
    "**/taskpane/**",
    "**/playground/**",
    "**/cli/**",
    "**/sample/**",
    "**/engine",
    "react",
    "react-dom",
    "react-dom/*",
    "@fluentui/*",
    "exceljs",
    "jszip",
    "fflate",
    "fs",
    "path",
    ...allowed,
  ],
  message: `${layer} imports nothing outward (docs/architecture.md).`,
});

module.exports = [
  { ignores: ["node_modules/", "lib/", "dist/", "coverage/", "test-results/"] },
  ...officeAddins.configs.react,
  { ...officeBlock, files: ["**/*.tsx"] },
  {
    // The plugin names its parser through a default import that @typescript-eslint/parser 8
    // does not have, so ESLint would fall back to espree.
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parser: tseslint.parser },
    // TypeScript checks names itself (no-undef does not know types such as NodeJS.ErrnoException).
    rules: { "no-undef": "off", "react/react-in-jsx-scope": "off", "react/prop-types": "off" },
  },
  {
    files: ["src/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs["recommended-latest"].rules },
  },
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser, ...globals.jest },
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Office.js's load/sync rules read any getCell()/getRow() result as an Office proxy;
    // outside src/hosts/excel those are plain objects (files, memory).
    files: ["src/hosts/xlsx/**", "src/hosts/memory/**", "bench/**", "test/**"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/load-object-before-read": "off",
    },
  },
  // ---------------------------------------------------------------- boundaries
  {
    // The product reads and writes .xlsx through its own package layer (src/hosts/xlsx);
    // exceljs stays a tool of tests and benchmarks.
    files: ["src/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [noTestCode, noExcelJs] }] },
  },
  {
    // The domain: BC's records and processes, pure. Imports only itself.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [noTestCode, noExcelJs, outward("The domain", ["../*"])] },
      ],
    },
  },
  {
    // The workbook layer: sheets as records and write plans. Imports only the domain.
    files: ["src/workbook/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            noTestCode,
            noExcelJs,
            {
              ...outward("The workbook layer", []),
              group: outward("", []).group.filter((g) => g !== "**/workbook/**"),
            },
          ],
        },
      ],
    },
  },
  {
    // One door to Office: only src/hosts/excel touches Office.js (the ribbon's function
    // file only waits for Office to be ready).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/hosts/excel/**", "src/commands/commands.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Office", message: "Office.js is used in src/hosts/excel only." },
        { name: "Excel", message: "Office.js is used in src/hosts/excel only." },
      ],
    },
  },
];
