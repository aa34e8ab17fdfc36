import type { Rule } from 'eslint';

export declare const userText: Rule.RuleModule;
export declare const l10nPlugin: { rules: { 'user-text': Rule.RuleModule } };
