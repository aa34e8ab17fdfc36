// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { l10nPlugin } from './eslint-rules/userText.mjs';

const NO_DEFAULT_EXPORT = {
  selector: 'ExportDefaultDeclaration',
  message: 'No default exports.',
};

/** VS Code's ways to ask the user something or tell them with buttons. */
const ASKING = [
  'showQuickPick',
  'showInputBox',
  'createQuickPick',
  'createInputBox',
  'showInformationMessage',
  'showWarningMessage',
  'showErrorMessage',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      '.vscode-test/**',
      'test-results/**',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_DEFAULT_EXPORT],
    },
  },
  {
    // One way to ask the user: everything goes through the injected user-input layer (src/ui/
    // userInput.ts), so tests can answer every question; only its VS Code implementation talks to
    // VS Code's quick input and message APIs.
    files: ['src/**/*.ts'],
    ignores: ['src/ui/vscodeUserInput.ts', 'src/webview-ui/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        NO_DEFAULT_EXPORT,
        {
          selector: `MemberExpression[object.property.name='window'][property.name=/^(${ASKING.join('|')})$/]`,
          message:
            'Ask through the user-input layer (deps.ui / Ask in src/ui/userInput.ts), not vscode.window directly.',
        },
      ],
    },
  },
  {
    // Text shown to the user goes through l10n.t (eslint-rules/userText.mjs; docs/architecture.md
    // "Localization" lists the places it watches).
    files: ['src/**/*.ts'],
    plugins: { l10n: l10nPlugin },
    rules: { 'l10n/user-text': 'error' },
  },
  {
    // Only src/core/aws talks to the AWS SDK.
    files: ['src/**/*.ts'],
    ignores: ['src/core/aws/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              message: 'Only src/core/aws/** may import the AWS SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    // src/core is plain Node: it never sees VS Code; core/aws is the SDK's only door.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/aws/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not import vscode (docs/architecture.md).' },
          ],
          patterns: [
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              message: 'Only src/core/aws/** may import the AWS SDK.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/aws/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core must not import vscode (docs/architecture.md).' },
          ],
        },
      ],
    },
  },
  {
    // Code that runs inside webviews: DOM only (its own tsconfig with the DOM library), never
    // vscode, Node built-ins or the AWS SDK.
    files: ['src/webview-ui/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './src/webview-ui/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'webview code runs in a browser (docs/architecture.md).' },
          ],
          patterns: [
            {
              group: ['node:*', '@aws-sdk/*', '@smithy/*', '**/core/aws/**', '**/core/services/**'],
              message: 'webview code runs in a browser: DOM, protocols and pure model only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // mocha's `this` and chai-less assertions make these noisy in tests.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
