// Imported first by each panel's main.ts, so it runs before the page makes any message: the host
// puts the translated messages of VS Code's display language on #app (data-l10n; absent for
// English, where l10n.t returns the English text it is given). See webviews/panelPage.ts.
import * as l10n from '@vscode/l10n';

const bundle = document.getElementById('app')?.dataset['l10n'];
if (bundle) l10n.config({ contents: bundle });
