import '../shared/l10n';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import type { BlockDeviceRow } from '../../core/model/blockDeviceSummary';
import type {
  BlockDevicesInit,
  BlockDevicesToHost,
  HostToBlockDevices,
} from '../../webviews/blockDevices/protocol';
import type { PanelIdentity } from '../../webviews/panelState';
import { h, icon, iconButton, onAction, render } from '../shared/dom';
import { hostChannel, onHostMessage } from '../shared/vscodeApi';
import * as l10n from '@vscode/l10n';

const host = hostChannel<BlockDevicesToHost, PanelIdentity>();
const app = document.getElementById('app') as HTMLElement;
let shown: BlockDevicesInit | undefined;

onHostMessage<HostToBlockDevices>((message) => {
  switch (message.type) {
    case 'init':
      shown = message;
      host.setState(message.identity);
      app.setAttribute('aria-busy', 'false');
      render(app, ...page(message));
      return;
    case 'loading':
      app.setAttribute('aria-busy', 'true');
      if (!shown) render(app, h('p', { class: 'muted' }, l10n.t('Loading…')));
      return;
    case 'loadFailed':
      app.setAttribute('aria-busy', 'false');
      render(
        app,
        h('div', { class: 'message error', role: 'alert' }, icon('error'), ' ', message.message),
        h('vscode-button', { 'data-action': 'refresh', icon: 'refresh' }, l10n.t('Try Again')),
      );
      return;
    case 'notice':
      setNotice(message.message);
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
    case 'openSnapshotJson':
      if (el.dataset.snapshot)
        host.post({ type: 'openSnapshotJson', snapshotId: el.dataset.snapshot });
      return;
    case 'copy':
      if (el.dataset.value) host.post({ type: 'copy', value: el.dataset.value });
      return;
  }
});

host.post({ type: 'ready' });

function setNotice(text: string): void {
  const notice = document.getElementById('notice');
  if (notice) notice.textContent = text;
}

function page(m: BlockDevicesInit): Node[] {
  const hd = m.header;
  const facts: [string, string | undefined, boolean?][] = [
    [l10n.t('AMI ID'), hd.imageId, true],
    ['Region', hd.region],
    ['Backing', hd.backingType === 'ebs' ? 'EBS-backed' : l10n.t('Instance store-backed')],
    [l10n.t('Root device'), [hd.backingType, hd.rootDeviceName].filter(Boolean).join(' · ')],
    ['Architecture', hd.architecture],
    [l10n.t('Boot mode'), hd.bootMode ?? l10n.t('default for the instance type')],
    ['Virtualization', hd.virtualizationType],
    ['State', hd.state],
  ];
  return [
    h(
      'header',
      { class: 'page-header' },
      h('h1', {}, hd.name, ' ', h('vscode-badge', { class: `state state-${hd.state}` }, hd.state)),
      h(
        'div',
        { class: 'toolbar' },
        h(
          'vscode-button',
          { 'data-action': 'openImageJson', icon: 'json' },
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
      'dl',
      { class: 'facts' },
      ...facts.flatMap(([label, value, copyable]) => [
        h('dt', {}, label),
        h(
          'dd',
          {},
          value && value.length > 0 ? value : '—',
          copyable && value
            ? iconButton('copy', l10n.t('Copy {0}', label), { action: 'copy', value })
            : undefined,
        ),
      ]),
    ),
    hd.backingType === 'instance-store' ? instanceStoreNote(hd.imageLocation) : undefined,
    m.snapshotsError
      ? h(
          'div',
          { class: 'message warning', role: 'note' },
          icon('warning'),
          l10n.t(' KMS keys could not be read from the snapshots: {0}', m.snapshotsError),
        )
      : undefined,
    table(m.rows),
    totals(m),
    h('div', { id: 'notice', class: 'notice', role: 'status', 'aria-live': 'polite' }),
  ].filter((n): n is HTMLElement => n !== undefined);
}

function instanceStoreNote(location: string | undefined): HTMLElement {
  return h(
    'div',
    { class: 'message info', role: 'note' },
    icon('info'),
    l10n.t(
      ' This AMI is instance store-backed. Its instance-store volumes exist only while an instance launched from it runs: they are created at launch and their data is lost when the instance stops or terminates. The image itself lives in Amazon S3',
    ),
    location ? l10n.t(', manifest: ') : '.',
    location ? h('code', {}, location) : undefined,
    location
      ? iconButton('copy', l10n.t('Copy manifest location'), { action: 'copy', value: location })
      : undefined,
  );
}

const COLUMNS = [
  'Device',
  'Kind',
  'Snapshot',
  l10n.t('Size (GiB)'),
  'Type',
  'IOPS',
  l10n.t('Throughput (MiB/s)'),
  'Encrypted',
  l10n.t('KMS key'),
  l10n.t('Delete on termination'),
];

function table(rows: BlockDeviceRow[]): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'muted' }, l10n.t('This AMI has no block-device mappings.'));
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grid', 'aria-label': l10n.t('Block-device mappings') },
      h('thead', {}, h('tr', {}, ...COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ...rows.map(row)),
    ),
  );
}

function row(r: BlockDeviceRow): HTMLElement {
  const kind =
    r.kind === 'ebs'
      ? 'EBS'
      : r.kind === 'no-device'
        ? l10n.t('no device')
        : l10n.t('instance store{0}', r.virtualName ? ` (${r.virtualName})` : '');
  const dash = h('span', { class: 'muted', 'aria-label': l10n.t('none') }, '—');
  const num = (v: number | undefined): Node =>
    v === undefined ? dash.cloneNode(true) : document.createTextNode(String(v));
  return h(
    'tr',
    { class: r.isRoot ? 'root' : undefined },
    h(
      'th',
      { scope: 'row' },
      h('code', {}, r.deviceName),
      r.isRoot
        ? h(
            'span',
            { class: 'tag', title: l10n.t('The root device: the instance boots from it') },
            icon('star-full'),
            l10n.t(' root'),
          )
        : undefined,
    ),
    h('td', {}, kind),
    h(
      'td',
      {},
      r.snapshotId
        ? h(
            'span',
            { class: 'nowrap' },
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                'data-action': 'openSnapshotJson',
                'data-snapshot': r.snapshotId,
                title: l10n.t('Open the JSON of {0}', r.snapshotId),
              },
              r.snapshotId,
            ),
            iconButton('copy', l10n.t('Copy {0}', r.snapshotId), {
              action: 'copy',
              value: r.snapshotId,
            }),
          )
        : dash.cloneNode(true),
    ),
    h('td', { class: 'num' }, num(r.sizeGiB)),
    h('td', {}, r.volumeType ?? dash.cloneNode(true)),
    h('td', { class: 'num' }, num(r.iops)),
    h('td', { class: 'num' }, num(r.throughput)),
    h(
      'td',
      {},
      r.encrypted === undefined
        ? dash.cloneNode(true)
        : r.encrypted
          ? h('span', {}, icon('lock'), l10n.t(' yes'))
          : h('span', {}, icon('unlock'), l10n.t(' no')),
    ),
    h(
      'td',
      {},
      r.kmsKeyId
        ? h(
            'span',
            { class: 'nowrap' },
            h(
              'span',
              { title: r.kmsKeyId, tabindex: '0', 'aria-label': l10n.t('KMS key {0}', r.kmsKeyId) },
              r.kmsKeyShort ?? r.kmsKeyId,
            ),
            iconButton('copy', l10n.t('Copy KMS key ARN {0}', r.kmsKeyId), {
              action: 'copy',
              value: r.kmsKeyId,
            }),
          )
        : dash.cloneNode(true),
    ),
    h(
      'td',
      {},
      r.deleteOnTermination === undefined
        ? dash.cloneNode(true)
        : r.deleteOnTermination
          ? l10n.t('yes')
          : l10n.t('no'),
    ),
  );
}

function totals(m: BlockDevicesInit): HTMLElement {
  const t = m.totals;
  const volumes = [
    t.ebsVolumes > 0 ? l10n.t('{0} EBS', t.ebsVolumes) : undefined,
    t.instanceStoreVolumes > 0 ? l10n.t('{0} instance store', t.instanceStoreVolumes) : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return h(
    'section',
    { class: 'totals', 'aria-labelledby': 'totals-title' },
    h('h2', { id: 'totals-title' }, l10n.t('Totals')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, l10n.t('Volumes')),
      h('dd', { id: 'total-volumes' }, `${t.volumes}${volumes ? ` (${volumes})` : ''}`),
      h('dt', {}, l10n.t('Total size')),
      h(
        'dd',
        { id: 'total-size' },
        l10n.t('{0} GiB', t.totalSizeGiB),
        t.instanceStoreVolumes > 0
          ? h(
              'span',
              { class: 'muted' },
              l10n.t(' (EBS only; instance-store sizes depend on the instance type)'),
            )
          : undefined,
      ),
      h('dt', {}, l10n.t('Encryption')),
      h('dd', { id: 'total-encryption' }, t.encryptionSummary),
      t.kmsKeys.length > 0
        ? h('dt', {}, t.kmsKeys.length === 1 ? l10n.t('KMS key') : l10n.t('KMS keys'))
        : undefined,
      t.kmsKeys.length > 0
        ? h(
            'dd',
            {},
            h(
              'ul',
              { class: 'plain' },
              ...t.kmsKeys.map((k) =>
                h(
                  'li',
                  {},
                  h('code', {}, k),
                  iconButton('copy', l10n.t('Copy {0}', k), { action: 'copy', value: k }),
                ),
              ),
            ),
          )
        : undefined,
    ),
  );
}
