import assert from 'node:assert/strict';
import { panelPage } from '../../../src/webviews/panelPage';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function page(title = 'Block Devices: ami-12345678'): string {
  return panelPage({
    nonce: 'n0Nc3+/=',
    cspSource: SOURCE,
    asset: (file) => `${SOURCE}/ext/dist/webview/${file}`,
    script: 'blockDevices.js',
    title,
  });
}

/** The CSP as the browser reads it (the attribute value, entities decoded). */
function csp(html: string): string {
  const value = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return value.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('webviews/panelPage', () => {
  it('denies everything by default and allows scripts only with the nonce', () => {
    const policy = csp(page());
    assert.equal(
      policy,
      `default-src 'none'; script-src 'nonce-n0Nc3+/='; style-src ${SOURCE}; font-src ${SOURCE}; img-src ${SOURCE}`,
    );
    assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads one script, with the nonce, and one stylesheet, both from the web bundle', () => {
    const html = page();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1] ?? '');
    assert.equal(scripts.length, 1);
    assert.match(scripts[0] ?? '', /nonce="n0Nc3\+\/="/);
    assert.match(scripts[0] ?? '', /src="https:\/\/[^"]+\/dist\/webview\/blockDevices\.js"/);
    const links = [...html.matchAll(/<link[^>]*href="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(links, [`${SOURCE}/ext/dist/webview/panel.css`]);
  });

  it('has no inline handlers, inline styles or command URIs', () => {
    const html = page();
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /<style|style=/i);
    assert.doesNotMatch(html, /command:/);
  });

  it('escapes the title', () => {
    assert.match(
      page('<img src=x onerror=alert(1)>'),
      /<title>&lt;img src=x onerror=alert\(1\)&gt;<\/title>/,
    );
  });

  it('hands the page the translated messages, escaped, and none for English', () => {
    assert.doesNotMatch(page(), /data-l10n/);
    const html = panelPage({
      nonce: 'n',
      cspSource: SOURCE,
      asset: (file) => `${SOURCE}/${file}`,
      script: 'cleanup.js',
      title: 't',
      l10nBundle: { 'Loading…': 'Chargement…', Apply: '"<Appliquer>"' },
    });
    const attribute = /<main id="app"[^>]* data-l10n="([^"]*)"/.exec(html)?.[1] ?? '';
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), {
      'Loading…': 'Chargement…',
      Apply: '"<Appliquer>"',
    });
  });
});
