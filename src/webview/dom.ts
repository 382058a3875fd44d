/** Small DOM helpers: every piece of text goes in through textContent, never as markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; testId?: string; attrs?: Record<string, string> } = {},
  ...children: Array<Node | null | undefined | false>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.testId) node.dataset.testid = props.testId;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function button(label: string, onClick: () => void, options: { testId?: string; primary?: boolean; disabled?: boolean; title?: string } = {}): HTMLButtonElement {
  const node = el('button', { className: options.primary ? 'primary' : 'secondary', text: label, testId: options.testId });
  node.type = 'button';
  node.disabled = options.disabled ?? false;
  if (options.title) node.title = options.title;
  node.addEventListener('click', onClick);
  return node;
}

export function format(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (_, index: string) => String(values[Number(index)] ?? ''));
}

export function humanBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function elapsed(since: number, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
