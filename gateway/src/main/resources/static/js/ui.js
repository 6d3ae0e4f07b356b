// Small DOM helpers: elements without innerHTML (nothing from the server is ever parsed as HTML), dialogs on
// the native <dialog> (focus is trapped and Escape closes), field errors, and a status toast.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      node.className = value;
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, value);
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

let fieldIds = 0;

/** A labelled input with a place for its error; returns { wrapper, input, setError }. */
export function field(label, attributes = {}, hint) {
  const id = attributes.id || `field-${++fieldIds}`;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const input = attributes.options
    ? el('select', { id, name: attributes.name, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') },
      attributes.options.map(([value, text]) => el('option', { value }, text)))
    : el('input', { ...attributes, id, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') });
  const error = el('p', { class: 'error-text', id: errorId, 'aria-live': 'polite' });
  const wrapper = el('div', { class: 'field' }, el('label', { for: id }, label), input,
    hint ? el('p', { class: 'hint', id: hintId }, hint) : null, error);
  const setError = (message) => {
    error.textContent = message || '';
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };
  return { wrapper, input, setError };
}

/** Shows each field's problem next to it; what belongs to no field goes to {@code general}. */
export function showProblems(error, fields, general) {
  Object.values(fields).forEach((f) => f.setError(''));
  let placed = false;
  for (const [name, f] of Object.entries(fields)) {
    const message = error.forField ? error.forField(name) : '';
    if (message) {
      f.setError(message);
      placed = true;
    }
  }
  if (general) {
    general.textContent = placed ? '' : describe(error);
  }
  const firstInvalid = Object.values(fields).find((f) => f.input.getAttribute('aria-invalid') === 'true');
  if (firstInvalid) firstInvalid.input.focus();
}

export function describe(error) {
  if (error.status === 429) {
    return `Too many attempts. Try again${error.retryAfter ? ` in ${error.retryAfter} s` : ' later'}.`;
  }
  return error.message || 'Something went wrong.';
}

/**
 * Opens a modal dialog; {@code build(close)} returns its content. Resolves with what {@code close} was given
 * when it closes (undefined on Escape). Focus returns to what had it.
 */
export function dialog(title, build) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = `dialog-title-${++fieldIds}`;
    const box = el('dialog', { 'aria-labelledby': titleId });
    let result;
    const close = (value) => {
      result = value;
      box.close();
    };
    box.append(el('h2', { id: titleId }, title), build(close));
    box.addEventListener('close', () => {
      box.remove();
      if (opener && opener.focus) opener.focus();
      resolve(result);
    });
    document.body.append(box);
    box.showModal();
    const first = box.querySelector('input, select, textarea, button.primary, button');
    if (first) first.focus();
  });
}

export function confirmDialog(title, message, confirmLabel, danger = true) {
  return dialog(title, (close) => el('div', {},
    el('p', {}, message),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: `button ${danger ? 'danger' : ''} primary`, onclick: () => close(true) },
        confirmLabel),
      el('button', { type: 'button', class: 'button secondary', onclick: () => close(false) }, 'Cancel'))));
}

let toastTimer;

export function toast(message) {
  const node = document.getElementById('toast');
  node.textContent = message;
  node.classList.add('visible');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => node.classList.remove('visible'), 4000);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function when(iso) {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function day(iso) {
  return iso ? dateOnly.format(new Date(iso)) : '—';
}

/** Copies text; falls back to selecting it when the clipboard is not available. */
export async function copy(text, fallbackNode) {
  try {
    await navigator.clipboard.writeText(text);
    toast('Copied to the clipboard.');
  } catch (refused) {
    if (fallbackNode) {
      const range = document.createRange();
      range.selectNodeContents(fallbackNode);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    toast('Press Ctrl+C to copy.');
  }
}

/** A button that is busy (disabled) while {@code action} runs. */
export function busy(button, action) {
  return async (event) => {
    if (event) event.preventDefault();
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  };
}
