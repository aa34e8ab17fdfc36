import '../shared/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { CleanupRules } from '../../core/model/cleanupPlan';
import type { ReportItem } from '../../core/model/operationReport';
import type {
  CandidateRow,
  CleanupToHost,
  HostToCleanup,
  PlanView,
  RefusedRow,
} from '../../webviews/cleanup/protocol';
import { MAX_RULE_NUMBER } from '../../webviews/cleanup/protocol';
import { h, icon, onAction, render } from '../shared/dom';
import { hostChannel, onHostMessage } from '../shared/vscodeApi';
import * as l10n from '@vscode/l10n';

/** What the page keeps across hide/show: the form as the user left it. */
interface CleanupState {
  regions: string[];
  rules: CleanupRules;
}

const host = hostChannel<CleanupToHost, CleanupState>();
const app = document.getElementById('app') as HTMLElement;
let busy = false;
/** Scroll the preview into view when it arrives (after Preview, not after a run's re-plan). */
let revealPlan = false;

onHostMessage<HostToCleanup>((message) => {
  switch (message.type) {
    case 'init': {
      const kept = host.getState();
      const regions = kept?.regions?.filter((r) => message.regions.includes(r)) ?? message.selected;
      app.setAttribute('aria-busy', 'false');
      render(
        app,
        h(
          'header',
          { class: 'page-header' },
          h('h1', {}, l10n.t('AMI Cleanup Assistant')),
          h(
            'p',
            { class: 'muted' },
            l10n.t(
              'Choose rules and preview. Nothing is deleted from the preview: deregistering asks for confirmation, names every AMI and snapshot, and reports each one.',
            ),
          ),
        ),
        form(message.regions, regions, kept?.rules ?? message.rules, message.pricePerGbMonth),
        h('div', { id: 'status', class: 'notice', role: 'status', 'aria-live': 'polite' }),
        h('section', { id: 'report', 'aria-live': 'polite' }),
        h('section', { id: 'results' }),
      );
      return;
    }
    case 'planning':
      busy = true;
      setBusy(true);
      results(h('p', { class: 'muted', id: 'planning' }, icon('loading'), l10n.t(' Planning…')));
      return;
    case 'plan':
      busy = false;
      setBusy(false);
      results(...planSection(message.plan));
      if (revealPlan) document.getElementById('results')?.scrollIntoView({ block: 'start' });
      revealPlan = false;
      return;
    case 'planFailed':
      busy = false;
      setBusy(false);
      results(
        h('div', { class: 'message error', role: 'alert' }, icon('error'), ' ', message.message),
      );
      return;
    case 'running':
      busy = true;
      setBusy(true);
      setStatus(message.message);
      return;
    case 'report':
      busy = false;
      setBusy(false);
      setStatus(message.summary);
      showReport(message.title, message.summary, message.items);
      document.getElementById('report')?.scrollIntoView({ block: 'start' });
      return;
    case 'notice':
      busy = false;
      setBusy(false);
      setStatus(message.message);
      return;
  }
});

onAction(app, (action, el) => {
  if (busy && action !== 'export') return;
  switch (action) {
    case 'preview': {
      const request = readForm();
      if (!request) return;
      host.setState(request);
      revealPlan = true;
      host.post({ type: 'plan', regions: request.regions, rules: request.rules });
      return;
    }
    case 'deregister':
      host.post({ type: 'deregister' });
      return;
    case 'export':
      if (el.dataset.format === 'json' || el.dataset.format === 'csv')
        host.post({ type: 'export', format: el.dataset.format });
      return;
    case 'all-regions':
    case 'no-regions':
      for (const box of app.querySelectorAll<CheckboxElement>('vscode-checkbox[data-region]'))
        box.checked = action === 'all-regions';
      return;
  }
});

host.post({ type: 'ready' });

type CheckboxElement = HTMLElement & { checked: boolean };
type TextElement = HTMLElement & { value: string };

function setStatus(text: string): void {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

function setBusy(on: boolean): void {
  app.setAttribute('aria-busy', on ? 'true' : 'false');
  for (const id of ['preview-button', 'deregister-button']) {
    const button = document.getElementById(id);
    if (button) button.toggleAttribute('disabled', on);
  }
}

function results(...children: Node[]): void {
  const section = document.getElementById('results');
  if (section) render(section, ...children);
}

function checkbox(id: string, label: string, checked: boolean, help?: string): HTMLElement {
  return h(
    'div',
    { class: 'rule' },
    h('vscode-checkbox', { id, checked }, label),
    help ? h('div', { class: 'muted help' }, help) : undefined,
  );
}

function numberField(id: string, value: number | undefined, label: string): HTMLElement {
  return h('vscode-textfield', {
    id,
    type: 'number',
    min: '0',
    max: String(MAX_RULE_NUMBER),
    value: value === undefined ? '' : String(value),
    'aria-label': label,
    class: 'narrow',
  });
}

function form(all: string[], selected: string[], rules: CleanupRules, price: number): HTMLElement {
  return h(
    'section',
    { class: 'cleanup-form', 'aria-labelledby': 'rules-title' },
    h('h2', { id: 'rules-title' }, l10n.t('Rules')),
    h(
      'fieldset',
      { class: 'regions' },
      h('legend', {}, l10n.t('Regions')),
      h(
        'div',
        { class: 'region-list' },
        ...all.map((r) =>
          h('vscode-checkbox', { 'data-region': r, checked: selected.includes(r) }, r),
        ),
      ),
      h(
        'div',
        { class: 'toolbar' },
        h('button', { type: 'button', class: 'link', 'data-action': 'all-regions' }, l10n.t('All')),
        h('button', { type: 'button', class: 'link', 'data-action': 'no-regions' }, l10n.t('None')),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, l10n.t('Choose AMIs (all rules that are on must agree)')),
      h(
        'div',
        { class: 'rule inline' },
        h(
          'vscode-checkbox',
          { id: 'rule-keep', checked: rules.keepNewest > 0 },
          l10n.t('Keep the newest'),
        ),
        numberField(
          'keep-newest',
          rules.keepNewest > 0 ? rules.keepNewest : 3,
          l10n.t('AMIs kept per family'),
        ),
        h('span', {}, l10n.t('per family (name with its version replaced by *), per region')),
      ),
      h(
        'div',
        { class: 'rule inline' },
        h(
          'vscode-checkbox',
          { id: 'rule-older', checked: rules.olderThanDays !== undefined },
          l10n.t('Created more than'),
        ),
        numberField('older-days', rules.olderThanDays ?? 90, l10n.t('Days since creation')),
        h('span', {}, l10n.t('days ago')),
      ),
      h(
        'div',
        { class: 'rule inline' },
        h(
          'vscode-checkbox',
          { id: 'rule-launched', checked: rules.notLaunchedForDays !== undefined },
          l10n.t('Not launched for'),
        ),
        numberField(
          'launched-days',
          rules.notLaunchedForDays ?? 90,
          l10n.t('Days since the last launch'),
        ),
        h('span', {}, l10n.t('days (LastLaunchedTime)')),
      ),
      checkbox(
        'rule-deprecated',
        l10n.t('Also choose deprecated AMIs, whatever their age or rank'),
        rules.includeDeprecated,
      ),
      checkbox(
        'rule-disabled',
        l10n.t('Also choose disabled AMIs, whatever their age or rank'),
        rules.includeDisabled,
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, l10n.t('Never touch')),
      checkbox(
        'rule-unreferenced',
        l10n.t(
          'AMIs in use: referenced by instances, launch templates, SSM parameters or Image Builder recipes (DescribeImageReferences)',
        ),
        rules.requireUnreferenced,
        l10n.t('AMIs whose references cannot be checked are refused too.'),
      ),
      h(
        'div',
        { class: 'rule inline' },
        h(
          'vscode-checkbox',
          {
            id: 'rule-tag',
            checked: rules.protectTag !== undefined && rules.protectTag.key !== '',
          },
          l10n.t('AMIs tagged'),
        ),
        h('vscode-textfield', {
          id: 'tag-key',
          value: rules.protectTag?.key ?? 'keep',
          'aria-label': l10n.t('Tag key'),
          class: 'narrow',
        }),
        h('span', {}, '='),
        h('vscode-textfield', {
          id: 'tag-value',
          value: rules.protectTag?.value ?? '',
          placeholder: l10n.t('any value'),
          'aria-label': l10n.t('Tag value (empty: any value)'),
          class: 'narrow',
        }),
      ),
      checkbox(
        'rule-shared',
        l10n.t('Include AMIs shared with other accounts, organizations or OUs'),
        rules.includeShared,
        l10n.t(
          'Off: shared AMIs are refused (their launch permissions are read for the AMIs the rules choose).',
        ),
      ),
      checkbox('rule-public', l10n.t('Include public AMIs'), rules.includePublic),
      h(
        'p',
        { class: 'muted' },
        l10n.t(
          'AMIs with deregistration protection, still pending, or owned by another account are always refused.',
        ),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'vscode-button',
        { id: 'preview-button', 'data-action': 'preview', icon: 'eye' },
        l10n.t('Preview'),
      ),
      h(
        'span',
        { class: 'muted' },
        l10n.t(
          'Snapshot price: ${0} per GB-month (setting amiExplorer.cleanup.snapshotPricePerGbMonth).',
          price,
        ),
      ),
    ),
    h('ul', { id: 'form-errors', class: 'validation', role: 'alert' }),
  );
}

/** Reads the form; shows what is wrong and returns `undefined` when something is. */
function readForm(): CleanupState | undefined {
  const errors: string[] = [];
  const checked = (id: string): boolean =>
    (document.getElementById(id) as CheckboxElement | null)?.checked === true;
  const text = (id: string): string =>
    ((document.getElementById(id) as TextElement | null)?.value ?? '').trim();
  const count = (id: string, label: string): number | undefined => {
    const value = text(id);
    if (!/^\d+$/.test(value) || Number(value) > MAX_RULE_NUMBER) {
      errors.push(l10n.t('{0}: a whole number from 0 to {1}.', label, MAX_RULE_NUMBER));
      return undefined;
    }
    return Number(value);
  };
  const regions = [...app.querySelectorAll<CheckboxElement>('vscode-checkbox[data-region]')]
    .filter((b) => b.checked)
    .map((b) => b.dataset.region ?? '');
  if (regions.length === 0) errors.push(l10n.t('Tick at least one region.'));
  const keep = checked('rule-keep') ? count('keep-newest', l10n.t('Keep the newest')) : 0;
  if (checked('rule-keep') && keep === 0)
    errors.push(l10n.t('Keep the newest: at least 1 (or untick it).'));
  const rules: CleanupRules = {
    keepNewest: keep ?? 0,
    requireUnreferenced: checked('rule-unreferenced'),
    includeDeprecated: checked('rule-deprecated'),
    includeDisabled: checked('rule-disabled'),
    includeShared: checked('rule-shared'),
    includePublic: checked('rule-public'),
  };
  if (checked('rule-older')) {
    const days = count('older-days', l10n.t('Created more than … days ago'));
    if (days !== undefined) rules.olderThanDays = days;
  }
  if (checked('rule-launched')) {
    const days = count('launched-days', l10n.t('Not launched for … days'));
    if (days !== undefined) rules.notLaunchedForDays = days;
  }
  if (checked('rule-tag')) {
    const key = text('tag-key');
    const value = text('tag-value');
    if (key.length === 0 || key.length > 128) errors.push(l10n.t('Tag key: 1 to 128 characters.'));
    else if (value.length > 256) errors.push(l10n.t('Tag value: at most 256 characters.'));
    else rules.protectTag = value.length > 0 ? { key, value } : { key };
  }
  const list = document.getElementById('form-errors');
  if (list) render(list, ...errors.map((e) => h('li', {}, icon('error'), ' ', e)));
  return errors.length === 0 ? { regions, rules } : undefined;
}

function money(value: number): string {
  return `$${value.toFixed(2)}`;
}

function planSection(plan: PlanView): Node[] {
  const t = plan.totals;
  const nodes: Node[] = [];
  for (const f of plan.failedRegions)
    nodes.push(
      h(
        'div',
        { class: 'message warning', role: 'alert' },
        icon('warning'),
        l10n.t(' {0} could not be listed, so nothing there is planned: {1}', f.region, f.error),
      ),
    );
  nodes.push(
    h('h2', { id: 'candidates-title' }, l10n.t('Candidates ({0})', plan.candidates.length)),
    h(
      'p',
      { id: 'summary' },
      plan.candidates.length === 0
        ? l10n.t('No AMI matches the rules.')
        : l10n.t(
            '{0} with {1}, {2} GiB: up to {3} a month.',
            t.amis === 1 ? l10n.t('{0} AMI', t.amis) : l10n.t('{0} AMIs', t.amis),
            t.snapshots === 1
              ? l10n.t('{0} snapshot', t.snapshots)
              : l10n.t('{0} snapshots', t.snapshots),
            t.gib,
            money(t.monthlyCostUpperBound),
          ),
    ),
    h(
      'p',
      { class: 'muted', id: 'cost-note' },
      l10n.t(
        'Estimated at {0} per GB-month of snapshot size. This is an upper bound: snapshots are incremental, so each one is billed only for the blocks no other snapshot holds, and deleting it usually saves less.',
        money(plan.pricePerGbMonth),
      ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'vscode-button',
        {
          id: 'deregister-button',
          'data-action': 'deregister',
          icon: 'trash',
          disabled: plan.candidates.length === 0,
        },
        plan.candidates.length === 1
          ? l10n.t('Deregister {0} AMI…', plan.candidates.length)
          : l10n.t('Deregister {0} AMIs…', plan.candidates.length),
      ),
      h(
        'vscode-button',
        {
          id: 'export-json',
          'data-action': 'export',
          'data-format': 'json',
          icon: 'json',
          secondary: true,
        },
        l10n.t('Export JSON'),
      ),
      h(
        'vscode-button',
        {
          id: 'export-csv',
          'data-action': 'export',
          'data-format': 'csv',
          icon: 'table',
          secondary: true,
        },
        l10n.t('Export CSV'),
      ),
    ),
  );
  if (plan.candidates.length > 0) nodes.push(candidatesTable(plan.candidates));
  nodes.push(
    h('h2', { id: 'refused-title' }, l10n.t('Kept ({0})', plan.refused.length)),
    plan.refused.length === 0
      ? h('p', { class: 'muted' }, l10n.t('Every AMI listed is a candidate.'))
      : refusedTable(plan.refused),
  );
  return nodes;
}

function amiCell(row: { name?: string; imageId: string }): HTMLElement {
  return h(
    'th',
    { scope: 'row' },
    row.name ? h('div', {}, row.name) : undefined,
    h('code', { class: 'muted' }, row.imageId),
  );
}

function candidatesTable(rows: CandidateRow[]): HTMLElement {
  const columns = [
    'AMI',
    'Region',
    l10n.t('Chosen by'),
    'Snapshots',
    'GiB',
    l10n.t('Up to / month'),
  ];
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grid', id: 'candidates-table', 'aria-labelledby': 'candidates-title' },
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-image': r.imageId },
            amiCell(r),
            h('td', {}, r.region),
            h(
              'td',
              {},
              h('ul', { class: 'plain' }, ...r.chosenBy.map((c) => h('li', {}, c))),
              r.references.length > 0
                ? h(
                    'div',
                    { class: 'snapshot-warning' },
                    icon('warning'),
                    l10n.t(' in use: {0}', r.references.join(', ')),
                  )
                : undefined,
            ),
            h(
              'td',
              {},
              r.snapshots.length === 0
                ? h('span', { class: 'muted' }, l10n.t('none'))
                : h(
                    'ul',
                    { class: 'plain' },
                    ...r.snapshots.map((s) =>
                      h(
                        'li',
                        {},
                        h('code', {}, s.snapshotId),
                        l10n.t(' {0} GiB', s.sizeGiB ?? '?'),
                        s.keptFor
                          ? h(
                              'span',
                              { class: 'muted' },
                              l10n.t(' (kept: also used by {0})', s.keptFor.join(', ')),
                            )
                          : undefined,
                      ),
                    ),
                  ),
            ),
            h('td', { class: 'num' }, String(r.totalGiB)),
            h('td', { class: 'num' }, money(r.monthlyCost)),
          ),
        ),
      ),
    ),
  );
}

function refusedTable(rows: RefusedRow[]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grid', id: 'refused-table', 'aria-labelledby': 'refused-title' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['AMI', 'Region', l10n.t('Why it stays')].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...rows.map((r) =>
          h(
            'tr',
            { 'data-image': r.imageId, 'data-kinds': r.kinds.join(' ') },
            amiCell(r),
            h('td', {}, r.region),
            h('td', {}, h('ul', { class: 'plain' }, ...r.reasons.map((x) => h('li', {}, x)))),
          ),
        ),
      ),
    ),
  );
}

const OUTCOME_ICONS: Record<ReportItem['outcome'], string> = {
  succeeded: 'pass',
  skipped: 'circle-slash',
  failed: 'error',
  unknown: 'question',
};

function showReport(title: string, summary: string, items: ReportItem[]): void {
  const section = document.getElementById('report');
  if (!section) return;
  render(
    section,
    h('h2', {}, l10n.t('Report: {0}', title)),
    h('p', { id: 'report-summary' }, summary),
    h(
      'ul',
      { class: 'plain report', id: 'report-items' },
      ...items.map((i) =>
        h(
          'li',
          { class: `outcome-${i.outcome}` },
          icon(OUTCOME_ICONS[i.outcome]),
          ` ${i.subject.trim()}`,
          i.detail ? h('span', { class: 'muted' }, ` — ${i.detail}`) : undefined,
        ),
      ),
    ),
  );
}
