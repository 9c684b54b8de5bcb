// Office add-in conventions (Microsoft's eslint-plugin-office-addins, with prettier).
const officeAddins = require("eslint-plugin-office-addins");
const globals = require("globals");
const tseslint = require("typescript-eslint");

module.exports = [
  { ignores: ["node_modules/", "lib/", "dist/", "coverage/", "test-results/"] },
  ...officeAddins.configs.recommended,
  {
    // The plugin's recommended config names its parser through a default import that
    // @typescript-eslint/parser 8 does not have, so ESLint would fall back to espree.
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parser: tseslint.parser },
    // TypeScript checks names itself (no-undef does not know types such as NodeJS.ErrnoException).
    rules: { "no-undef": "off" },
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
