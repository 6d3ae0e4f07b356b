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

/**
 * A labelled input with a place for its error; returns { wrapper, input, setError, missing }. {@code missing} (an
 * attribute here, not on the element) is what to say when it is left empty.
 */
export function field(label, allAttributes = {}, hint) {
  const { missing, ...attributes } = allAttributes;
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
  return { wrapper, input, setError, missing: missing || `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.` };
}

/**
 * Says, before anything is sent, which fields are still empty (each in its own words) and focuses the first;
 * true when all are filled.
 */
export function requireFilled(fields, general) {
  let first = null;
  for (const f of Object.values(fields)) {
    if (f.input.value.trim() === '') {
      f.setError(f.missing);
      first = first || f;
    } else {
      f.setError('');
    }
  }
  if (general) general.textContent = '';
  if (first) first.input.focus();
  return first === null;
}

/** Moves focus to a section's heading, where a change left the user (the heading is not a tab stop). */
export function focusHeading(sectionId) {
  const heading = document.getElementById(`${sectionId}-title`);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.focus();
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

/** What each problem code means to the person in front of the page. */
const MESSAGES = {
  network: 'The server cannot be reached. Check your connection and try again.',
  invalid_credentials: 'The password is not right.',
  current_password_invalid: 'The password is not right.',
  code_invalid: 'That code is not right. Check the app\'s clock and try the newest code.',
  second_factor_invalid: 'That code is not right. Check the app\'s clock and try the newest code.',
  reauthentication_required: 'Confirm it is you first: this change needs a recent sign-in.',
  session_required: 'Sign in on this page to change this.',
  service_unavailable: 'This part of Warden is not answering right now. Try again in a minute.',
  not_found: 'That is gone already. The list was refreshed.',
  forbidden: 'Your account may not do this.',
};

export function describe(error) {
  if (error.status === 429) {
    return `Too many attempts. Try again${error.retryAfter ? ` in ${error.retryAfter} s` : ' later'}.`;
  }
  // The server's own words for a field it named, when nothing on the page shows that field.
  if (error.errors && error.errors.length > 0) {
    return error.errors.map((e) => e.message).join(' ');
  }
  return MESSAGES[error.code] || error.message || 'Something went wrong. Try again.';
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
      const toastNode = document.getElementById('toast');
      if (toastNode && box.contains(toastNode)) document.body.append(toastNode);
      box.remove();
      if (opener && opener.focus) opener.focus();
      resolve(result);
    });
    document.body.append(box);
    box.showModal();
    const first = box.querySelector('[data-autofocus]') || box.querySelector('input, select, textarea, button.primary, button');
    if (first) first.focus();
  });
}

/** A yes/no question; a destructive one starts on Cancel, so Enter alone destroys nothing. */
export function confirmDialog(title, message, confirmLabel, danger = true) {
  return dialog(title, (close) => el('div', {},
    el('p', {}, message),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: `button ${danger ? 'danger' : ''} primary`, onclick: () => close(true) },
        confirmLabel),
      el('button', { type: 'button', class: 'button secondary', 'data-autofocus': danger,
        onclick: () => close(false) }, 'Cancel'))));
}

let toastTimer;

export function toast(message) {
  const node = document.getElementById('toast');
  // A modal dialog covers everything outside it: the toast is shown inside the open one.
  const opened = document.querySelectorAll('dialog[open]');
  const open = opened.length > 0 ? opened[opened.length - 1] : null; // the topmost one
  if (open && !open.contains(node)) open.append(node);
  if (!open && node.parentElement !== document.body) document.body.append(node);
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

const relativeTime = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/**
 * "5 minutes ago", "yesterday", "in 3 days": a {@code <time>} whose title (shown on hover) and datetime hold the
 * exact moment.
 */
export function ago(iso) {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let value = seconds;
  let text = 'just now';
  for (const [size, unit] of steps) {
    if (Math.abs(value) < size) {
      text = unit === 'second' && Math.abs(value) < 45 ? 'just now' : relativeTime.format(Math.round(value), unit);
      break;
    }
    value /= size;
  }
  return el('time', { datetime: iso, title: when(iso) }, text);
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

/**
 * A button that is busy while {@code action} runs: a second press does nothing. It stays focusable
 * ({@code aria-disabled}, not {@code disabled}), so focus does not fall to the page's body meanwhile.
 */
export function busy(button, action) {
  return async (event) => {
    if (event) event.preventDefault();
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    try {
      await action();
    } finally {
      button.removeAttribute('aria-disabled');
    }
  };
}
