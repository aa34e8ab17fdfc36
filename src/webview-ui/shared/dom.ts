/** Attributes of `h`: strings set as attributes; `false`/`undefined` leave them out. */
type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | number | false | undefined | null;

/**
 * Creates an element. Text is always set as text (never parsed as HTML), so values from EC2 cannot
 * inject markup. Event handlers are attached by the caller with addEventListener (no inline handlers).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** A codicon, hidden from screen readers (the button or text around it carries the meaning). */
export function icon(name: string): HTMLElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A small icon button with an accessible name and a tooltip. */
export function iconButton(
  codicon: string,
  label: string,
  data: Record<string, string>,
): HTMLButtonElement {
  const attrs: Attrs = { type: 'button', class: 'icon-button', 'aria-label': label, title: label };
  for (const [k, v] of Object.entries(data)) attrs[`data-${k}`] = v;
  return h('button', attrs, icon(codicon));
}

/** Replaces the content of the app root. */
export function render(root: HTMLElement, ...children: Child[]): void {
  root.replaceChildren();
  append(root, children);
}

/**
 * Runs `handler` for clicks on elements (or their descendants) carrying `data-action`, so one
 * listener serves every button, however often the page is re-rendered.
 */
export function onAction(
  root: HTMLElement,
  handler: (action: string, element: HTMLElement) => void,
): void {
  root.addEventListener('click', (event) => {
    const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
    if (!target || !root.contains(target)) return;
    if (target.hasAttribute('disabled')) return;
    handler(target.dataset.action ?? '', target);
  });
}
