// @ts-check
// ESLint rule `l10n/user-text`: text written straight into a place the user reads must come from
// l10n.t(...) (@vscode/l10n), so that it is in l10n/bundle.l10n.json and can be translated. It
// flags a string or template literal with a letter in it (codicons like `$(add)` aside) that is
// passed to one of the sinks below, also inside `a ? b : c`, `a || b`, `a ?? b`, `a + b`, arrays
// and template substitutions; an l10n.t(...) call is accepted as it is. Text built by a helper and
// passed on as a variable is not seen here: the helper's own literals are (they reach a sink
// through l10n.t or are flagged where they are returned into one). docs/architecture.md lists the
// sinks and what the rule does not cover.

/** Calls whose arguments (from `from` on) are shown to the user. */
const CALL_SINKS = {
  // deps.ui (src/ui/userInput.ts Ask): notify(severity, message, ...actions), confirm(message,
  // detail, action), choose(message, detail, actions)
  notify: 1,
  confirm: 0,
  choose: 0,
  // ui/progress.ts withProgress(title, task)
  withProgress: 0,
  // VS Code's own message and status APIs (only ui/vscodeUserInput.ts may call the first three)
  showInformationMessage: 0,
  showWarningMessage: 0,
  showErrorMessage: 0,
  setStatusBarMessage: 0,
  // ui/pickers.ts requireAllowed(targets, capability, title), ui/targets.ts regionTarget(…, title)
  requireAllowed: 2,
  regionTarget: 2,
  pickRegion: 1,
  // the arguments of l10n.t itself: a word put into a message is part of it
  t: 1,
};

/** Constructors whose arguments (from `from` on) are shown to the user. */
const NEW_SINKS = {
  // errors whose message errorSentence shows as it is (core/model/errors.ts)
  InputError: 0,
  OutcomeUnknownError: 0,
  CredentialsError: 1,
  AwsApiError: 1,
  PermissionChangeError: 0,
  // tree rows and hovers
  TreeItem: 0,
  MarkdownString: 0,
};

/** Properties shown to the user, in object literals and in assignments (`item.tooltip = …`). */
const PROPERTY_SINKS = new Set([
  'title',
  'placeholder',
  'prompt',
  'label',
  'description',
  'detail',
  'tooltip',
  'message',
  'textContent',
  'requireSelection',
  'aria-label',
]);

/** Webview pages build their DOM with h(tag, attributes, ...children): children are text. */
const CHILDREN_FROM = { h: 2, append: 1, render: 1 };

/** @param {string} text */
function hasWords(text) {
  return /[A-Za-z]/.test(text.replace(/\$\([a-z0-9~-]+\)/g, ''));
}

/**
 * The literals in `node` that would reach the user as they are.
 * @param {any} node
 * @returns {any[]}
 */
function bypasses(node) {
  if (!node) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' && hasWords(node.value) ? [node] : [];
    case 'TemplateLiteral': {
      const own = node.quasis.some((/** @type {any} */ q) => hasWords(q.value.cooked ?? ''))
        ? [node]
        : [];
      return own.length > 0 ? own : node.expressions.flatMap(bypasses);
    }
    case 'ConditionalExpression':
      return [...bypasses(node.consequent), ...bypasses(node.alternate)];
    case 'LogicalExpression':
      return [...bypasses(node.left), ...bypasses(node.right)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...bypasses(node.left), ...bypasses(node.right)] : [];
    case 'ArrayExpression':
      return node.elements.flatMap(bypasses);
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return bypasses(node.expression);
    default:
      // l10n.t(...) and every other call, identifiers, members: not a literal written here
      return [];
  }
}

/** @param {any} callee */
function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed) return callee.property.name;
  return undefined;
}

/** @param {any} key */
function keyName(key) {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const userText = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Text shown to the user goes through l10n.t (@vscode/l10n) so it can be translated',
    },
    messages: {
      bypass:
        "Text shown to the user must go through l10n.t(…) (@vscode/l10n), e.g. l10n.t('Restored {0}.', id); then npm run l10n:export.",
    },
    schema: [],
  },
  create(context) {
    /** @param {any} node */
    const report = (node) => {
      for (const literal of bypasses(node)) context.report({ node: literal, messageId: 'bypass' });
    };
    /** @param {any[]} args @param {number} from */
    const reportArgs = (args, from) => {
      for (const arg of args.slice(from)) report(arg);
    };
    return {
      CallExpression(node) {
        const name = calleeName(node.callee);
        if (name === undefined) return;
        if (Object.hasOwn(CALL_SINKS, name)) reportArgs(node.arguments, CALL_SINKS[name]);
        if (Object.hasOwn(CHILDREN_FROM, name) && node.callee.type === 'Identifier')
          reportArgs(node.arguments, CHILDREN_FROM[name]);
      },
      NewExpression(node) {
        const name = calleeName(node.callee);
        if (name !== undefined && Object.hasOwn(NEW_SINKS, name))
          reportArgs(node.arguments, NEW_SINKS[name]);
      },
      Property(node) {
        if (node.parent.type !== 'ObjectExpression') return;
        const name = keyName(node.key);
        if (name !== undefined && PROPERTY_SINKS.has(name)) report(node.value);
      },
      AssignmentExpression(node) {
        const left = node.left;
        if (left.type !== 'MemberExpression' || left.computed) return;
        if (PROPERTY_SINKS.has(left.property.name)) report(node.right);
      },
    };
  },
};

export const l10nPlugin = { rules: { 'user-text': userText } };
