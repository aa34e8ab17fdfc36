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
    l10n.t("default-src 'none'"),
    l10n.t("script-src 'nonce-{0}'", input.nonce),
    l10n.t('style-src {0}', input.cspSource),
    l10n.t('font-src {0}', input.cspSource),
    l10n.t('img-src {0}', input.cspSource),
  ].join('; ');
  return l10n.t(
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8">\n<meta http-equiv="Content-Security-Policy" content="{0}">\n<meta name="viewport" content="width=device-width, initial-scale=1.0">\n<link rel="stylesheet" href="{1}" id="vscode-codicon-stylesheet">\n<title>{2}</title>\n</head>\n<body>\n<main id="app" aria-busy="true"><p class="muted">Loading…</p></main>\n<script nonce="{3}" src="{4}" async></script>\n</body>\n</html>',
    escapeHtml(csp),
    escapeHtml(input.asset('panel.css')),
    escapeHtml(input.title),
    escapeHtml(input.nonce),
    escapeHtml(input.asset(input.script)),
  );
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
