import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { userText } from '../../../eslint-rules/userText.mjs';

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' },
});
const bypass = { messageId: 'bypass' };

describe('eslint rule l10n/user-text', () => {
  tester.run('user-text', userText, {
    valid: [
      // through l10n.t, also with arguments and plural choices made in code
      "deps.ui.notify('info', l10n.t('Restored {0}.', id));",
      "deps.ui.confirm(l10n.t('Deregister {0}?', id), l10n.t('It cannot be undone.'), l10n.t('Deregister'));",
      "withProgress(l10n.t('Copying {0}…', id), run);",
      "throw new InputError(n === 1 ? l10n.t('{0} AMI', n) : l10n.t('{0} AMIs', n));",
      "item.tooltip = l10n.t('Loading…');",
      "h('span', { class: 'muted' }, icon('lock'), l10n.t(' yes'));",
      // text with no words: separators, codicons, values from elsewhere
      "item.description = `${id} · ${region}`;",
      "const picks = [{ label: '$(add)', description: '' }];",
      "deps.ui.notify('error', errorSentence(error));",
      // not a sink: severity, ids, classes, logs, other properties
      "log.info(`Listing ${region} took ${ms} ms`);",
      "const x = { kind: 'refused', value: 'some words here' };",
      "h('div', { class: 'notice error', role: 'alert' }, message);",
      'new Error(`internal: ${what} is not a node`);',
    ],
    invalid: [
      { code: "deps.ui.notify('info', 'Restored it.');", errors: [bypass] },
      { code: "deps.ui.notify('error', message, 'Show Log');", errors: [bypass] },
      { code: 'deps.ui.notify(\'info\', `Restored ${id}.`);', errors: [bypass] },
      { code: "deps.ui.confirm(l10n.t('Go?'), 'It cannot be undone.', 'Go');", errors: [bypass, bypass] },
      { code: "deps.ui.choose(q, d, ['Keep', l10n.t('Delete')]);", errors: [bypass] },
      { code: "withProgress('Copying…', run);", errors: [bypass] },
      { code: "throw new InputError(`${id} is not an AMI id.`);", errors: [bypass] },
      { code: "new AwsApiError('Throttling', 'EC2 is busy.', context, {});", errors: [bypass] },
      { code: "new vscode.TreeItem('Loading…');", errors: [bypass] },
      { code: "item.tooltip = ok ? l10n.t('Fine') : 'Broken';", errors: [bypass] },
      { code: "item.description = n === 0 ? 'empty' : `${n} AMIs`;", errors: [bypass, bypass] },
      { code: "const pick = { title: 'Copy Image', placeholder: l10n.t('Region') };", errors: [bypass] },
      { code: 'const x = { detail: `${n} snapshot${n === 1 ? \'\' : \'s\'}` };', errors: [bypass] },
      { code: "h('span', {}, icon('lock'), ' yes');", errors: [bypass] },
      { code: "h('button', { 'aria-label': 'Remove', title: 'Remove' }, icon('x'));", errors: [bypass, bypass] },
      { code: "status.textContent = 'Saved.';", errors: [bypass] },
    ],
  });
});
