// Flat config: typescript-eslint's recommended rules over every workspace.
import tseslint from 'typescript-eslint';

// hiragana, katakana and the CJK ideographs: a Japanese text in an esquery selector
const JAPANESE = '/[\\u3040-\\u30ff\\u4e00-\\u9fff]/';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'bench/results/**', '.data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // tests and raw SQL rows are typed loosely on purpose; the contracts carry the real types
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // socket.io's own types use empty objects as "no events"
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    // The API's error texts live once, in apps/api/src/common/errors/texts/ (see its index.ts).
    // Out of scope, by name: texts that are not errors (the emergency-request timeline).
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/common/errors/texts/**', 'apps/api/src/**/*.spec.ts', 'apps/api/src/emergency-requests/request-timeline.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ObjectExpression > Property[key.name='ja'] :matches(Literal, TemplateLiteral)",
          message: 'Error texts live in apps/api/src/common/errors/texts/: add the text there and use it here.',
        },
        {
          selector: `:matches(NewExpression[callee.name='AppException'], CallExpression[callee.object.name='AppException']) :matches(Literal[value=${JAPANESE}], TemplateElement[value.raw=${JAPANESE}])`,
          message: 'Japanese error text: put it in apps/api/src/common/errors/texts/ and use it here.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
