// Office add-in conventions: Microsoft's eslint-plugin-office-addins (its React config,
// with prettier), applied to .tsx as well as .ts.
const officeAddins = require("eslint-plugin-office-addins");
const globals = require("globals");
const tseslint = require("typescript-eslint");

// The plugin's main block names its files without .tsx; give .tsx the same rules.
const officeBlock = officeAddins.configs.react.find(
  (c) => c.files && c.rules && c.rules["office-addins/call-sync-after-load"]
);

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
    languageOptions: {
      globals: { ...globals.node, ...globals.browser, ...globals.jest },
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
