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
      if (!shown) render(app, h('p', { class: 'muted' }, 'Loading…'));
      return;
    case 'loadFailed':
      app.setAttribute('aria-busy', 'false');
      render(
        app,
        h('div', { class: 'message error', role: 'alert' }, icon('error'), ' ', message.message),
        h('vscode-button', { 'data-action': 'refresh', icon: 'refresh' }, 'Try Again'),
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
    ['AMI ID', hd.imageId, true],
    ['Region', hd.region],
    ['Backing', hd.backingType === 'ebs' ? 'EBS-backed' : 'Instance store-backed'],
    ['Root device', [hd.backingType, hd.rootDeviceName].filter(Boolean).join(' · ')],
    ['Architecture', hd.architecture],
    ['Boot mode', hd.bootMode ?? 'default for the instance type'],
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
        h('vscode-button', { 'data-action': 'openImageJson', icon: 'json' }, 'Open AMI JSON'),
        h(
          'vscode-button',
          { 'data-action': 'refresh', icon: 'refresh', secondary: true },
          'Refresh',
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
            ? iconButton('copy', `Copy ${label}`, { action: 'copy', value })
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
          ` KMS keys could not be read from the snapshots: ${m.snapshotsError}`,
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
    ' This AMI is instance store-backed. Its instance-store volumes exist only while an instance launched from it runs: they are created at launch and their data is lost when the instance stops or terminates. The image itself lives in Amazon S3',
    location ? ', manifest: ' : '.',
    location ? h('code', {}, location) : undefined,
    location
      ? iconButton('copy', 'Copy manifest location', { action: 'copy', value: location })
      : undefined,
  );
}

const COLUMNS = [
  'Device',
  'Kind',
  'Snapshot',
  'Size (GiB)',
  'Type',
  'IOPS',
  'Throughput (MiB/s)',
  'Encrypted',
  'KMS key',
  'Delete on termination',
];

function table(rows: BlockDeviceRow[]): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'muted' }, 'This AMI has no block-device mappings.');
  }
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'grid', 'aria-label': 'Block-device mappings' },
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
        ? 'no device'
        : `instance store${r.virtualName ? ` (${r.virtualName})` : ''}`;
  const dash = h('span', { class: 'muted', 'aria-label': 'none' }, '—');
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
            { class: 'tag', title: 'The root device: the instance boots from it' },
            icon('star-full'),
            ' root',
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
                title: `Open the JSON of ${r.snapshotId}`,
              },
              r.snapshotId,
            ),
            iconButton('copy', `Copy ${r.snapshotId}`, { action: 'copy', value: r.snapshotId }),
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
          ? h('span', {}, icon('lock'), ' yes')
          : h('span', {}, icon('unlock'), ' no'),
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
              { title: r.kmsKeyId, tabindex: '0', 'aria-label': `KMS key ${r.kmsKeyId}` },
              r.kmsKeyShort ?? r.kmsKeyId,
            ),
            iconButton('copy', `Copy KMS key ARN ${r.kmsKeyId}`, {
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
          ? 'yes'
          : 'no',
    ),
  );
}

function totals(m: BlockDevicesInit): HTMLElement {
  const t = m.totals;
  const volumes = [
    t.ebsVolumes > 0 ? `${t.ebsVolumes} EBS` : undefined,
    t.instanceStoreVolumes > 0 ? `${t.instanceStoreVolumes} instance store` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  return h(
    'section',
    { class: 'totals', 'aria-labelledby': 'totals-title' },
    h('h2', { id: 'totals-title' }, 'Totals'),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Volumes'),
      h('dd', { id: 'total-volumes' }, `${t.volumes}${volumes ? ` (${volumes})` : ''}`),
      h('dt', {}, 'Total size'),
      h(
        'dd',
        { id: 'total-size' },
        `${t.totalSizeGiB} GiB`,
        t.instanceStoreVolumes > 0
          ? h(
              'span',
              { class: 'muted' },
              ' (EBS only; instance-store sizes depend on the instance type)',
            )
          : undefined,
      ),
      h('dt', {}, 'Encryption'),
      h('dd', { id: 'total-encryption' }, t.encryptionSummary),
      t.kmsKeys.length > 0
        ? h('dt', {}, t.kmsKeys.length === 1 ? 'KMS key' : 'KMS keys')
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
                  iconButton('copy', `Copy ${k}`, { action: 'copy', value: k }),
                ),
              ),
            ),
          )
        : undefined,
    ),
  );
}
