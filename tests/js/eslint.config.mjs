// ESLint over every JavaScript file of the project: the browser extension,
// the demo site, the npm package's own sources, the bundler test apps and these tests. It lives here
// because its packages are devDependencies of tests/js; `npm run lint` runs
// it from the repository root (`--config tests/js/eslint.config.mjs`), so the
// patterns below are relative to the root. The generated pkg/ and dist/ are
// not linted.
import js from '@eslint/js';
import globals from 'globals';

export default [
  // Generated: the npm package, the extension and site builds, cargo output.
  // (node_modules/ is ignored by default.)
  { ignores: ['pkg/', 'dist/', '**/target/'] },

  { files: ['**/*.{js,mjs}'], ...js.configs.recommended },
  {
    files: ['**/*.{js,mjs}'],
    rules: {
      // ignoreRestSiblings: `const { id, ...rest } = x` drops id on purpose.
      'no-unused-vars': ['error', { args: 'after-used', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },

  // The extension: a service worker or event page (background.js), a content
  // script injected as a classic script (content.js) and the reader page.
  {
    files: ['extension/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  { files: ['extension/content.js'], languageOptions: { sourceType: 'script' } },
  // Run by Node at build time: node extension/manifest.mjs <browser> <version>.
  { files: ['extension/manifest.mjs'], languageOptions: { globals: globals.node } },

  // The demo site.
  { files: ['www/**/*.js'], languageOptions: { globals: globals.browser } },

  // The npm package: index.js for browsers and bundlers, node.js for Node.
  { files: ['bindings/wasm/npm/**/*.js'], languageOptions: { globals: { ...globals.browser, ...globals.node } } },

  // The apps of tests/bundlers (the npm README's snippets): browser pages and
  // a module worker; their bundler configs run in Node.
  { files: ['tests/bundlers/**/*.js'], languageOptions: { globals: { ...globals.browser, ...globals.worker } } },
  { files: ['tests/bundlers/*/*.config.{js,mjs}'], languageOptions: { globals: globals.node } },

  // The tests and benchmarks run in Node; the functions they hand to
  // Playwright's page.evaluate()/waitForFunction() run in the page, and use
  // only these of its globals.
  {
    files: ['tests/js/**/*.{js,mjs}'],
    languageOptions: {
      globals: {
        ...globals.node,
        document: 'readonly', window: 'readonly', getComputedStyle: 'readonly', requestAnimationFrame: 'readonly',
      },
    },
  },
];
