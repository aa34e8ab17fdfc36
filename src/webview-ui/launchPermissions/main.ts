import '../shared/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import type { PermissionEntry } from '../../core/model/launchPermissionEntries';
import {
  describeEntry,
  entryKey,
  parsePermissionInput,
} from '../../core/model/launchPermissionEntries';
import { shortKmsKey } from '../../core/model/snapshot';
import { snapshotAccessFor } from '../../core/model/snapshotSharing';
import type {
  HostToPermissions,
  PermissionsInit,
  PermissionsToHost,
} from '../../webviews/launchPermissions/protocol';
import type { PanelIdentity } from '../../webviews/panelState';
import { h, icon, onAction, render } from '../shared/dom';
import { hostChannel, onHostMessage } from '../shared/vscodeApi';
import * as l10n from '@vscode/l10n';

/** What survives hiding the panel or reloading the window: the image and the unapplied edits. */
interface UiState extends PanelIdentity {
  desired?: PermissionEntry[];
  input?: string;
  syncSnapshots?: boolean;
}

const host = hostChannel<PermissionsToHost, UiState>();
const app = document.getElementById('app') as HTMLElement;
const saved = host.getState();

let base: PermissionsInit | undefined;
let desired: PermissionEntry[] = [];
let input = saved?.input ?? '';
let syncSnapshots = saved?.syncSnapshots ?? true;
let busy = false;
let failedKey: string | undefined;
const selected = new Set<string>();

onHostMessage<HostToPermissions>((message) => {
  switch (message.type) {
    case 'init': {
      const first = base === undefined;
      base = message;
      busy = false;
      failedKey = undefined;
      selected.clear();
      // After a reload, unapplied edits come back; after an Apply, the new state is the truth.
      desired =
        first && saved?.desired && saved.imageId === message.imageId && !message.notice
          ? saved.desired
          : [...message.entries];
      if (message.notice) input = '';
      app.setAttribute('aria-busy', 'false');
      renderPage();
      if (message.notice) setStatus('info', message.notice, message.warnings);
      return;
    }
    case 'loading':
      if (!base) render(app, h('p', { class: 'muted' }, l10n.t('Loading…')));
      return;
    case 'loadFailed':
      busy = false;
      if (!base) {
        render(
          app,
          h('div', { class: 'message error', role: 'alert' }, icon('error'), ' ', message.message),
          h('vscode-button', { 'data-action': 'refresh', icon: 'refresh' }, l10n.t('Try Again')),
        );
      } else {
        setStatus('error', message.message);
        renderFooter();
      }
      return;
    case 'applying':
      busy = true;
      setStatus('info', l10n.t('Applying…'));
      renderFooter();
      return;
    case 'applyFailed':
      busy = false;
      failedKey = message.failedEntry ? entryKey(message.failedEntry) : undefined;
      renderEntries();
      renderFooter();
      setStatus('error', message.message);
      return;
    case 'applyCancelled':
      busy = false;
      renderFooter();
      setStatus('info', l10n.t('Not applied: making the AMI public was not confirmed.'));
      return;
  }
});

onAction(app, (action, el) => {
  switch (action) {
    case 'refresh':
      host.post({ type: 'refresh' });
      return;
    case 'openImageJson':
      host.post({ type: 'openImageJson' });
      return;
    case 'add':
      addFromInput();
      return;
    case 'remove':
      if (el.dataset.key) removeKeys([el.dataset.key]);
      return;
    case 'undo':
      if (el.dataset.key) undo(el.dataset.key);
      return;
    case 'removeSelected':
      removeKeys([...selected]);
      return;
    case 'makePublic':
      if (!desired.some((e) => e.kind === 'public')) desired = [{ kind: 'public' }, ...desired];
      changed();
      return;
    case 'makePrivate':
      desired = desired.filter((e) => e.kind !== 'public');
      changed();
      return;
    case 'discard':
      desired = base ? [...base.entries] : [];
      failedKey = undefined;
      changed();
      setStatus('info', l10n.t('Changes discarded.'));
      return;
    case 'apply':
      if (!base || busy) return;
      host.post({
        type: 'apply',
        desired,
        syncSnapshots: syncSnapshots && base.backingType === 'ebs',
      });
      return;
  }
});

app.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLInputElement && target.dataset.select) {
    if (target.checked) selected.add(target.dataset.select);
    else selected.delete(target.dataset.select);
    renderFooter();
  } else if (target.id === 'sync-snapshots') {
    syncSnapshots = (target as HTMLElement & { checked: boolean }).checked;
    save();
    renderFooter();
  }
});

host.post({ type: 'ready' });

function save(): void {
  if (!base) return;
  host.setState({ region: base.region, imageId: base.imageId, desired, input, syncSnapshots });
}

function changed(): void {
  save();
  renderVisibility();
  renderEntries();
  renderFooter();
}

function addFromInput(): void {
  const parsed = parsePermissionInput(input);
  for (const entry of parsed.entries) {
    if (!desired.some((e) => entryKey(e) === entryKey(entry))) desired.push(entry);
  }
  // Keep what could not be added, so it can be fixed.
  input = parsed.invalid.map((i) => i.token).join('\n');
  const field = document.getElementById('add-input') as (HTMLElement & { value: string }) | null;
  if (field) field.value = input;
  renderValidation();
  changed();
  if (parsed.entries.length > 0) {
    setStatus(
      'info',
      parsed.entries.length === 1
        ? l10n.t('{0} entry added to the list; Apply to save.', parsed.entries.length)
        : l10n.t('{0} entries added to the list; Apply to save.', parsed.entries.length),
    );
  }
}

function removeKeys(keys: string[]): void {
  desired = desired.filter((e) => !keys.includes(entryKey(e)));
  for (const k of keys) selected.delete(k);
  changed();
}

function undo(key: string): void {
  const entry = base?.entries.find((e) => entryKey(e) === key);
  if (entry && !desired.some((e) => entryKey(e) === key)) desired.push(entry);
  changed();
}

function pending(): { add: PermissionEntry[]; remove: PermissionEntry[] } {
  const current = base?.entries ?? [];
  const has = (list: PermissionEntry[], e: PermissionEntry) =>
    list.some((x) => entryKey(x) === entryKey(e));
  return {
    add: desired.filter((e) => !has(current, e)),
    remove: current.filter((e) => !has(desired, e)),
  };
}

function setStatus(kind: 'info' | 'error', text: string, warnings?: string[]): void {
  const status = document.getElementById('status');
  if (!status) return;
  status.className = `message ${kind}`;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.replaceChildren(icon(kind === 'error' ? 'error' : 'info'), ` ${text}`);
  if (warnings && warnings.length > 0) {
    status.appendChild(h('ul', {}, ...warnings.map((w) => h('li', {}, w))));
  }
  // The outcome of Apply must be seen, even when the form is taller than the panel.
  status.scrollIntoView({ block: 'end' });
}

function renderPage(): void {
  if (!base) return;
  const b = base;
  const textarea = h('vscode-textarea', {
    id: 'add-input',
    label: l10n.t('Accounts, organizations or OUs to add'),
    placeholder: l10n.t(
      '123456789012, arn:aws:organizations::123456789012:ou/o-…/ou-…-… (separate several with commas, spaces or new lines)',
    ),
    rows: 3,
    resize: 'vertical',
    disabled: b.disabled,
  }) as HTMLElement & { value: string };
  textarea.value = input;
  textarea.addEventListener('input', () => {
    input = textarea.value;
    save();
    renderValidation();
  });
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      addFromInput();
    }
  });
  render(
    app,
    h(
      'header',
      { class: 'page-header' },
      h('h1', {}, b.name, ' ', h('vscode-badge', { class: `state state-${b.state}` }, b.state)),
      h(
        'div',
        { class: 'toolbar' },
        h(
          'vscode-button',
          { 'data-action': 'openImageJson', icon: 'json', secondary: true },
          l10n.t('Open AMI JSON'),
        ),
        h(
          'vscode-button',
          { 'data-action': 'refresh', icon: 'refresh', secondary: true },
          l10n.t('Refresh'),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      `${b.imageId} · ${b.region} · ${b.backingType === 'ebs' ? l10n.t('EBS-backed') : l10n.t('instance store-backed')}`,
    ),
    b.disabled
      ? h(
          'div',
          { class: 'message warning', role: 'note' },
          icon('warning'),
          l10n.t(
            ' This AMI is disabled. A disabled AMI cannot be shared: it is private and nobody else can launch it. Enable it to share it again.',
          ),
        )
      : undefined,
    h(
      'section',
      { 'aria-labelledby': 'visibility-title' },
      h('h2', { id: 'visibility-title' }, l10n.t('Visibility')),
      h('div', { id: 'visibility' }),
    ),
    h(
      'section',
      { 'aria-labelledby': 'who-title' },
      h('h2', { id: 'who-title' }, l10n.t('Who may launch it')),
      h(
        'label',
        { class: 'field-label', for: 'add-input' },
        l10n.t(
          'Add accounts (12 digits), organization ARNs or OU ARNs; paste several separated by commas, spaces or new lines:',
        ),
      ),
      h(
        'div',
        { class: 'add-row' },
        textarea,
        h(
          'vscode-button',
          { id: 'add-button', 'data-action': 'add', icon: 'add', disabled: true },
          l10n.t('Add'),
        ),
      ),
      h('div', { id: 'input-errors', 'aria-live': 'polite' }),
      h('div', { id: 'entries' }),
    ),
    b.backingType === 'ebs' ? snapshotSection(b) : undefined,
    h('div', { id: 'footer', class: 'footer' }),
    h('div', { id: 'status', role: 'status', 'aria-live': 'polite' }),
  );
  renderVisibility();
  renderValidation();
  renderEntries();
  renderFooter();
}

function renderVisibility(): void {
  const el = document.getElementById('visibility');
  if (!el || !base) return;
  const isPublic = base.entries.some((e) => e.kind === 'public');
  const wantPublic = desired.some((e) => e.kind === 'public');
  const blocked = base.blockPublicAccess === 'block-new-sharing';
  const line = wantPublic
    ? h(
        'p',
        {},
        icon('globe'),
        ' ',
        h('strong', {}, l10n.t('Public')),
        l10n.t(': every AWS account can launch this AMI.'),
      )
    : h(
        'p',
        {},
        icon('lock'),
        ' ',
        h('strong', {}, l10n.t('Private')),
        l10n.t(': only the accounts, organizations and organizational units below can launch it.'),
      );
  const change =
    wantPublic !== isPublic
      ? h(
          'p',
          { class: 'pending-note' },
          icon('edit'),
          wantPublic
            ? l10n.t(' Will be made public when you apply (you will be asked to confirm).')
            : l10n.t(' Will be made private when you apply.'),
        )
      : undefined;
  const bpa = blocked
    ? h(
        'p',
        { class: 'message warning', id: 'bpa' },
        icon('shield'),
        l10n.t(
          ' Image block public access is on for this account in {0} (block-new-sharing): AMIs cannot be made public here.',
          base.region,
        ),
      )
    : base.blockPublicAccessError
      ? h(
          'p',
          { class: 'muted', id: 'bpa' },
          l10n.t('Image block public access state unknown: {0}', base.blockPublicAccessError),
        )
      : h(
          'p',
          { class: 'muted', id: 'bpa' },
          l10n.t('Image block public access: {0}.', base.blockPublicAccess ?? l10n.t('unknown')),
        );
  render(
    el,
    line,
    change,
    bpa,
    wantPublic
      ? h(
          'vscode-button',
          { 'data-action': 'makePrivate', icon: 'lock', secondary: true, disabled: busy },
          l10n.t('Make Private'),
        )
      : h(
          'vscode-button',
          {
            'data-action': 'makePublic',
            icon: 'globe',
            secondary: true,
            disabled: base.disabled || busy,
          },
          l10n.t('Make Public…'),
        ),
  );
}

function renderValidation(): void {
  const el = document.getElementById('input-errors');
  const button = document.getElementById('add-button');
  if (!el || !button) return;
  const parsed = parsePermissionInput(input);
  if (parsed.entries.length > 0 && !base?.disabled) button.removeAttribute('disabled');
  else button.setAttribute('disabled', '');
  render(
    el,
    parsed.invalid.length > 0
      ? h(
          'ul',
          { class: 'validation', role: 'alert' },
          ...parsed.invalid.map((i) => h('li', {}, icon('error'), ` ${i.message}`)),
        )
      : undefined,
    parsed.entries.length > 0
      ? h(
          'p',
          { class: 'muted' },
          parsed.entries.length === 1
            ? l10n.t('{0} valid entry ready to add (Ctrl+Enter).', parsed.entries.length)
            : l10n.t('{0} valid entries ready to add (Ctrl+Enter).', parsed.entries.length),
        )
      : undefined,
  );
}

function renderEntries(): void {
  const el = document.getElementById('entries');
  if (!el || !base) return;
  const rows: { entry: PermissionEntry; status: 'current' | 'add' | 'remove' }[] = [];
  const inDesired = new Set(desired.map(entryKey));
  for (const e of base.entries) {
    if (e.kind !== 'public')
      rows.push({ entry: e, status: inDesired.has(entryKey(e)) ? 'current' : 'remove' });
  }
  const inBase = new Set(base.entries.map(entryKey));
  for (const e of desired) {
    if (e.kind !== 'public' && !inBase.has(entryKey(e))) rows.push({ entry: e, status: 'add' });
  }
  if (rows.length === 0) {
    render(
      el,
      h(
        'p',
        { class: 'muted', id: 'no-entries' },
        l10n.t('No accounts, organizations or organizational units.'),
      ),
    );
    return;
  }
  const ebs = base.backingType === 'ebs' && base.snapshots.length > 0;
  render(
    el,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'grid', id: 'permissions-table', 'aria-label': l10n.t('Launch permissions') },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h(
              'th',
              { scope: 'col', class: 'narrow' },
              h('span', { class: 'sr-only' }, l10n.t('Select')),
            ),
            h('th', { scope: 'col' }, l10n.t('Type')),
            h('th', { scope: 'col' }, l10n.t('Principal')),
            ebs
              ? h('th', { scope: 'col' }, l10n.t('Can create volumes from snapshots'))
              : undefined,
            h('th', { scope: 'col' }, l10n.t('Status')),
            h(
              'th',
              { scope: 'col', class: 'narrow' },
              h('span', { class: 'sr-only' }, l10n.t('Actions')),
            ),
          ),
        ),
        h('tbody', {}, ...rows.map((r) => entryRow(r.entry, r.status, ebs))),
      ),
    ),
  );
}

function entryRow(
  entry: Exclude<PermissionEntry, { kind: 'public' }> | PermissionEntry,
  status: 'current' | 'add' | 'remove',
  ebs: boolean,
): HTMLElement {
  const key = entryKey(entry);
  const value = entry.kind === 'public' ? 'everyone' : entry.value;
  const type =
    entry.kind === 'account'
      ? 'Account'
      : entry.kind === 'organization'
        ? 'Organization'
        : entry.kind === 'ou'
          ? l10n.t('Organizational unit')
          : 'Public';
  const checkbox: HTMLInputElement = h('input', {
    type: 'checkbox',
    'data-select': key,
    'aria-label': l10n.t('Select {0}', value),
    disabled: status === 'remove' || busy,
  });
  checkbox.checked = selected.has(key);
  let access: Node | undefined;
  if (ebs && base) {
    if (entry.kind !== 'account') {
      access = h(
        'span',
        { class: 'muted', title: l10n.t('Snapshots can only be shared with accounts') },
        l10n.t('n/a (accounts only)'),
      );
    } else {
      const a = snapshotAccessFor(entry.value, base.snapshots);
      access =
        a.of === 0
          ? h('span', { class: 'muted' }, l10n.t('unknown'))
          : a.granted === a.of
            ? h('span', {}, icon('check'), l10n.t(' yes ({0} of {1})', a.granted, a.of))
            : h(
                'span',
                {},
                icon('circle-slash'),
                a.granted === 0 ? l10n.t(' no') : l10n.t(' {0} of {1}', a.granted, a.of),
              );
    }
  }
  const statusCell =
    status === 'add'
      ? h('span', { class: 'status-add' }, icon('diff-added'), l10n.t(' to add'))
      : status === 'remove'
        ? h('span', { class: 'status-remove' }, icon('diff-removed'), l10n.t(' to remove'))
        : h('span', { class: 'muted' }, l10n.t('shared'));
  return h(
    'tr',
    {
      class:
        [status === 'remove' ? 'removed' : '', failedKey === key ? 'failed' : '']
          .join(' ')
          .trim() || undefined,
      'data-key': key,
    },
    h('td', { class: 'narrow' }, checkbox),
    h('td', {}, type),
    h(
      'td',
      {},
      h('code', {}, value),
      failedKey === key
        ? h('span', { class: 'status-remove' }, ' ', icon('error'), l10n.t(' refused by EC2'))
        : undefined,
    ),
    ebs ? h('td', {}, access) : undefined,
    h('td', {}, statusCell),
    h(
      'td',
      { class: 'narrow' },
      status === 'remove'
        ? h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'data-action': 'undo',
              'data-key': key,
              'aria-label': l10n.t('Keep {0}', describeEntry(entry)),
              title: l10n.t('Keep'),
            },
            icon('discard'),
          )
        : h(
            'button',
            {
              type: 'button',
              class: 'icon-button',
              'data-action': 'remove',
              'data-key': key,
              'aria-label': l10n.t('Remove {0}', describeEntry(entry)),
              title: l10n.t('Remove'),
              disabled: busy,
            },
            icon('trash'),
          ),
    ),
  );
}

function snapshotSection(b: PermissionsInit): HTMLElement {
  const checkbox = h(
    'vscode-checkbox',
    { id: 'sync-snapshots', checked: syncSnapshots },
    l10n.t(
      "Also grant create-volume permission on the AMI's snapshots to the listed accounts (needed to copy the AMI), and revoke it from removed accounts",
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'snapshots-title' },
    h('h2', { id: 'snapshots-title' }, l10n.t('Snapshots')),
    b.snapshots.length === 0
      ? h('p', { class: 'muted' }, l10n.t('This AMI references no snapshots.'))
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'grid', 'aria-label': l10n.t('Snapshots of the AMI') },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...[
                  'Snapshot',
                  'Device',
                  'Encrypted',
                  l10n.t('Accounts that can create volumes'),
                ].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h(
              'tbody',
              {},
              ...b.snapshots.map((s) =>
                h(
                  'tr',
                  {},
                  h(
                    'td',
                    {},
                    h('code', {}, s.snapshotId),
                    s.warning
                      ? h(
                          'span',
                          {
                            class: 'snapshot-warning',
                            tabindex: '0',
                            title: s.warning,
                            'aria-label': s.warning,
                          },
                          ' ',
                          icon('warning'),
                        )
                      : undefined,
                  ),
                  h('td', {}, h('code', {}, s.deviceName)),
                  h(
                    'td',
                    {},
                    s.encrypted
                      ? h(
                          'span',
                          { title: s.kmsKeyId ?? '' },
                          icon('lock'),
                          s.kmsKeyId ? ` ${shortKmsKey(s.kmsKeyId)}` : l10n.t(' yes'),
                        )
                      : h('span', {}, icon('unlock'), l10n.t(' no')),
                  ),
                  h(
                    'td',
                    {},
                    s.error
                      ? h('span', { class: 'muted' }, l10n.t('unknown: {0}', s.error))
                      : s.public
                        ? l10n.t('everyone (public)')
                        : s.accounts && s.accounts.length > 0
                          ? s.accounts.join(', ')
                          : h('span', { class: 'muted' }, l10n.t('only the owner')),
                  ),
                ),
              ),
            ),
          ),
        ),
    b.snapshots.some((s) => s.encrypted)
      ? h(
          'div',
          { class: 'message warning', role: 'note', id: 'encryption-note' },
          icon('warning'),
          l10n.t(
            " Encrypted snapshots: one encrypted with the AWS managed key (aws/ebs) cannot be shared; copy the AMI re-encrypted with a customer managed key first. With a customer managed key, each recipient account also needs access to the key (kms:DescribeKey, kms:CreateGrant, kms:Decrypt, kms:ReEncrypt*, kms:GenerateDataKey*) through the key policy. Hover a snapshot's warning for its key.",
          ),
        )
      : undefined,
    checkbox,
  );
}

/** Listed accounts that cannot yet create volumes from every snapshot (when syncing is on). */
function snapshotGaps(): number {
  if (!base || !syncSnapshots || base.backingType !== 'ebs') return 0;
  const snapshots = base.snapshots;
  return desired.filter((e) => {
    if (e.kind !== 'account') return false;
    const access = snapshotAccessFor(e.value, snapshots);
    return access.granted < access.of;
  }).length;
}

function renderFooter(): void {
  const el = document.getElementById('footer');
  if (!el || !base) return;
  const p = pending();
  const count = p.add.length + p.remove.length;
  const gaps = snapshotGaps();
  const summary =
    count === 0
      ? gaps > 0
        ? gaps === 1
          ? l10n.t(
              'Launch permissions unchanged; Apply lets {0} listed account create volumes from the snapshots.',
              gaps,
            )
          : l10n.t(
              'Launch permissions unchanged; Apply lets {0} listed accounts create volumes from the snapshots.',
              gaps,
            )
        : l10n.t('No unapplied changes.')
      : l10n.t(
          'Unapplied: {0}.',
          [
            p.add.length > 0 ? l10n.t('{0} to add', p.add.length) : '',
            p.remove.length > 0 ? l10n.t('{0} to remove', p.remove.length) : '',
          ]
            .filter(Boolean)
            .join(', '),
        );
  render(
    el,
    h(
      'vscode-button',
      {
        'data-action': 'removeSelected',
        icon: 'trash',
        secondary: true,
        disabled: selected.size === 0 || busy,
      },
      selected.size > 0
        ? l10n.t('Remove Selected ({0})', selected.size)
        : l10n.t('Remove Selected'),
    ),
    h('span', { class: 'spacer' }),
    h('span', { id: 'pending-summary', class: 'muted' }, summary),
    h(
      'vscode-button',
      { 'data-action': 'discard', secondary: true, disabled: count === 0 || busy },
      l10n.t('Discard'),
    ),
    h(
      'vscode-button',
      {
        id: 'apply-button',
        'data-action': 'apply',
        icon: busy ? 'loading' : 'check',
        'icon-spin': busy,
        disabled: busy || (count === 0 && gaps === 0),
      },
      busy ? l10n.t('Applying…') : l10n.t('Apply'),
    ),
  );
}
