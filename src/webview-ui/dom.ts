// A small element builder. Text goes in through text nodes only, never as HTML, because every
// string here (error messages, diffs, file names) comes from the user's program.

type Attributes = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A decorative glyph that screen readers skip (the text beside it says the same). */
export function icon(glyph: string, className = 'icon'): HTMLSpanElement {
  return h('span', { class: className, 'aria-hidden': 'true' }, glyph);
}

/**
 * A button that posts a message: `data-action` names it, the other data-* fields carry its values,
 * and `data-key` identifies it across redraws so focus can come back to it.
 */
export function actionButton(label: string, action: string, data: Record<string, string | number | undefined>, options: { ariaLabel?: string; className?: string; disabled?: boolean } = {}): HTMLButtonElement {
  const attributes: Attributes = { type: 'button', class: options.className ?? 'secondary', 'data-action': action, 'aria-label': options.ariaLabel, disabled: options.disabled };
  for (const [name, value] of Object.entries(data)) if (value !== undefined) attributes[`data-${name}`] = String(value);
  attributes['data-key'] = [action, ...Object.values(data).filter((v) => v !== undefined)].join('|');
  return h('button', attributes, label);
}
