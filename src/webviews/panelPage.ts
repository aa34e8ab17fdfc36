import * as l10n from '@vscode/l10n';
/** What a panel page needs: all of it comes from the host, none of it from EC2 data. */
export interface PanelPageInput {
  /** A fresh random value per load (crypto.randomBytes); the only way a script may run. */
  nonce: string;
  /** `webview.cspSource`: the origin styles, fonts and images may come from. */
  cspSource: string;
  /** The webview URI of a file in dist/webview. */
  asset: (file: string) => string;
  /** The panel's script in dist/webview. */
  script: string;
  title: string;
  /**
   * The translated messages of VS Code's display language (`vscode.l10n.bundle`; none for
   * English): the page's script configures its own copy of @vscode/l10n with them before it
   * renders anything (webview-ui/shared/l10n.ts).
   */
  l10nBundle?: Record<string, string>;
}

/**
 * The HTML of a panel: CSP `default-src 'none'`, scripts only with the nonce, styles, fonts and
 * images only from the webview's own resource origin; no inline script, style or handler. The body
 * is empty; the script renders it after the host's `init`. One stylesheet (panel CSS and codicons,
 * joined at build time) and an async script: every resource request of a webview goes through VS
 * Code's service worker, so fewer requests and not waiting for CSS before the handshake load faster.
 */
export function panelPage(input: PanelPageInput): string {
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${input.nonce}'`,
    `style-src ${input.cspSource}`,
    `font-src ${input.cspSource}`,
    `img-src ${input.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(input.asset('panel.css'))}" id="vscode-codicon-stylesheet">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"${
    input.l10nBundle ? ` data-l10n="${escapeHtml(JSON.stringify(input.l10nBundle))}"` : ''
  }><p class="muted">${escapeHtml(l10n.t('Loading…'))}</p></main>
<script nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.asset(input.script))}" async></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
