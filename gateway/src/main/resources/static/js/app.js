// Warden's pages: sign-in (with the second step), a header whose user menu holds "Security", and the Security
// page. Hash routes (#/login, #/, #/security) so the gateway serves one static page.
import { api, whenSignedOut } from './api.js';
import { el, field, showProblems, requireFilled, describe, busy } from './ui.js';
import { renderSecurityPage } from './security.js';
import { renderUsersPage } from './users.js';
import { passkeysSupported, usePasskey } from './webauthn.js';

const state = { me: null };
const main = document.getElementById('main');

async function loadMe() {
  state.me = await api('GET', '/api/me', undefined, { quietUnauthenticated: true });
  state.meLoadedAt = Date.now(); // recentSignInSeconds counts from here, whatever this device's clock says
  return state.me;
}

function showHeader() {
  const menu = document.getElementById('usermenu');
  if (!state.me) {
    menu.hidden = true;
    return;
  }
  menu.hidden = false;
  document.getElementById('menu-users-item').hidden = !state.me.roles.includes('ADMIN');
  document.getElementById('usermenu-name').textContent = state.me.displayName;
  document.getElementById('usermenu-initials').textContent = state.me.displayName
    .split(/\s+/).filter(Boolean).slice(0, 2).map((part) => part[0].toUpperCase()).join('');
}

function setUpUserMenu() {
  const button = document.getElementById('usermenu-button');
  const list = document.getElementById('usermenu-list');
  const items = () => [...list.querySelectorAll('[role="menuitem"]')].filter((item) => !item.closest('[hidden]'));
  const open = (focusFirst) => {
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    if (focusFirst) items()[0].focus();
  };
  const shut = (focusButton) => {
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focusButton) button.focus();
  };
  // WAI-ARIA's menu button: opening moves focus to the first item; arrows, Home and End move within; Escape
  // closes back to the button; leaving it (Tab, a click elsewhere) closes it.
  button.addEventListener('click', () => (list.hidden ? open(true) : shut(false)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(false);
      const all = items();
      all[event.key === 'ArrowUp' ? all.length - 1 : 0].focus();
    }
  });
  list.addEventListener('keydown', (event) => {
    const all = items();
    const index = all.indexOf(document.activeElement);
    if (event.key === 'Escape') { event.preventDefault(); shut(true); }
    if (event.key === 'ArrowDown') { event.preventDefault(); all[(index + 1) % all.length].focus(); }
    if (event.key === 'ArrowUp') { event.preventDefault(); all[(index - 1 + all.length) % all.length].focus(); }
    if (event.key === 'Home') { event.preventDefault(); all[0].focus(); }
    if (event.key === 'End') { event.preventDefault(); all[all.length - 1].focus(); }
  });
  document.getElementById('usermenu').addEventListener('focusout', (event) => {
    // Focus moving elsewhere (Tab): closed. No new focus at all is a mouse press in some browsers, which do not
    // focus what is clicked; the click handler below decides then.
    if (!list.hidden && event.relatedTarget && !event.currentTarget.contains(event.relatedTarget)) shut(false);
  });
  list.addEventListener('click', (event) => {
    shut(false);
    // "Security" while on it already: no route change, so focus goes to the page here.
    if (event.target.closest('#menu-security') && location.hash === '#/security') main.focus();
    if (event.target.closest('#menu-users') && location.hash === '#/users') main.focus();
  });
  document.addEventListener('click', (event) => {
    if (!list.hidden && !event.target.closest('#usermenu')) shut(false);
  });
  document.getElementById('menu-signout').addEventListener('click', signOut);
}

async function signOut() {
  try {
    await api('POST', '/api/auth/logout', undefined, { quietUnauthenticated: true });
  } catch (ignored) {
    // Signed out already, or the server is away: the cookie is cleared either way.
  }
  state.me = null;
  showHeader();
  location.hash = '#/login';
}

/** The sign-in page; {@code message} says why it shows (an error, or with {@code success} good news). */
function renderLogin(message, success = false) {
  document.title = 'Sign in · Warden';
  const email = field('E-mail', { type: 'email', name: 'email', autocomplete: 'username', required: true,
    missing: 'Enter your e-mail address.' });
  const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password',
    required: true, missing: 'Enter your password.' });
  const general = el('p', { class: success ? 'success-text' : 'error-text', role: 'alert' }, message || '');
  const submit = el('button', { type: 'submit', class: 'button' }, 'Sign in');
  const form = el('form', { class: 'stack', novalidate: true }, email.wrapper, password.wrapper, general,
    el('div', { class: 'actions' }, submit));
  form.addEventListener('submit', busy(submit, async () => {
    if (!requireFilled({ email, password }, general)) return;
    try {
      const answer = await api('POST', '/api/auth/login',
        { email: email.input.value.trim(), password: password.input.value });
      if (answer.status === 'MFA_REQUIRED') {
        renderSecondStep(answer.mfaToken, answer.secondFactors || ['code']);
      } else {
        await enter();
      }
    } catch (error) {
      if (error.code === 'invalid_credentials') {
        general.textContent = 'The e-mail address or the password is not right.';
        password.input.value = '';
        password.input.focus();
      } else {
        showProblems(error, { email, password }, general);
      }
    }
  }));
  main.replaceChildren(el('section', { class: 'card login', 'aria-labelledby': 'login-title' },
    el('h1', { id: 'login-title' }, 'Sign in'), form, passkeySignIn(general),
    el('p', {}, el('a', { href: '#/forgot-password', id: 'forgot-password' }, 'Forgot password?'))));
  email.input.focus();
}

/** "Sign in with a passkey": no e-mail or password; the authenticator offers the passkeys it holds for us. */
function passkeySignIn(general) {
  if (!passkeysSupported()) return null;
  const button = el('button', { type: 'button', class: 'button secondary', id: 'passkey-sign-in' },
    'Sign in with a passkey');
  button.addEventListener('click', busy(button, async () => {
    general.className = 'error-text';
    general.textContent = '';
    try {
      const credential = await usePasskey(await api('POST', '/api/auth/passkey/options', {}));
      if (!credential) return; // cancelled in the browser's own dialog
      await api('POST', '/api/auth/passkey', { credential });
      await enter();
    } catch (error) {
      general.textContent = error.code === 'passkey_unknown'
        ? 'This passkey is not registered with any account, or was removed.' : describe(error);
    }
  }));
  return el('div', { class: 'actions' }, button);
}

/** "Forgot password?": the address to mail a reset code to; the answer is the same whether it has an account. */
function renderForgotPassword() {
  document.title = 'Forgot password · Warden';
  const email = field('E-mail', { type: 'email', name: 'email', autocomplete: 'username', required: true,
    missing: 'Enter your e-mail address.' });
  const general = el('p', { class: 'error-text', role: 'alert' });
  const submit = el('button', { type: 'submit', class: 'button' }, 'Send reset code');
  const form = el('form', { class: 'stack', novalidate: true }, email.wrapper, general,
    el('div', { class: 'actions' }, submit, el('a', { href: '#/login', class: 'button link' }, 'Back to sign-in')));
  form.addEventListener('submit', busy(submit, async () => {
    if (!requireFilled({ email }, general)) return;
    try {
      const answer = await api('POST', '/api/auth/password-reset', { email: email.input.value.trim() });
      renderResetPassword('', answer.message);
    } catch (error) {
      showProblems(error, { email }, general);
    }
  }));
  main.replaceChildren(el('section', { class: 'card login', 'aria-labelledby': 'forgot-title' },
    el('h1', { id: 'forgot-title' }, 'Forgot password'),
    el('p', { class: 'muted' }, 'We mail you a code to set a new password with.'), form));
  email.input.focus();
}

/**
 * The code from the mail (typed, or filled in by the mail's link), the new password twice, and a second factor
 * once the server says the account has one.
 */
function renderResetPassword(codeFromLink, notice) {
  document.title = 'Reset password · Warden';
  const code = field('Reset code', { name: 'code', autocomplete: 'one-time-code', required: true,
    missing: 'Enter the code from the mail.' }, 'From the mail, e.g. K7QF-M2XA-PL4R-6TZC-W3NB-HD6E.');
  code.input.value = codeFromLink;
  const fresh = field('New password', { type: 'password', name: 'newPassword', autocomplete: 'new-password',
    required: true, missing: 'Enter a new password.' });
  const confirm = field('Confirm new password', { type: 'password', name: 'confirmPassword',
    autocomplete: 'new-password', required: true, missing: 'Enter the new password again.' });
  const secondFactor = field('Authentication code', { name: 'secondFactor', inputmode: 'numeric',
    autocomplete: 'one-time-code', missing: 'Enter the code from your authenticator app, or a recovery code.' },
  'Your account uses two-factor authentication: the code from your authenticator app, or a recovery code.');
  secondFactor.wrapper.hidden = true;
  const general = el('p', { class: 'error-text', role: 'alert' });
  const submit = el('button', { type: 'submit', class: 'button' }, 'Set new password');
  // A passkey of the account stands in for the code: shown with the code field, when the server asks for either.
  const passkey = passkeysSupported()
    ? el('button', { type: 'button', class: 'button secondary', id: 'reset-with-passkey', hidden: true },
      'Use a passkey instead') : null;
  const form = el('form', { class: 'stack', novalidate: true }, code.wrapper, fresh.wrapper, confirm.wrapper,
    secondFactor.wrapper, passkey ? el('div', { class: 'actions' }, passkey) : null, general,
    el('div', { class: 'actions' }, submit, el('a', { href: '#/login', class: 'button link' }, 'Back to sign-in')));
  const basics = { code, newPassword: fresh, confirmPassword: confirm };
  const send = async (proof, fields) => {
    try {
      await api('POST', '/api/auth/password-reset/confirm', { code: code.input.value.trim(),
        newPassword: fresh.input.value, confirmPassword: confirm.input.value, ...proof });
      // The code from the link leaves the address bar: it is spent.
      history.replaceState(null, '', '#/login');
      // Every session ended with the reset: a late 401 of a page opened before is no news.
      state.me = null;
      showHeader();
      renderLogin('Your password was reset and every session signed out. Sign in with the new password.', true);
    } catch (error) {
      if (error.forField && error.forField('secondFactor') && secondFactor.wrapper.hidden) {
        secondFactor.wrapper.hidden = false;
        if (passkey) passkey.hidden = false;
        fields.secondFactor = secondFactor;
      }
      showProblems(error, { ...fields, secondFactor }, general);
    }
  };
  form.addEventListener('submit', busy(submit, async () => {
    const fields = { ...basics };
    if (!secondFactor.wrapper.hidden) fields.secondFactor = secondFactor;
    if (!requireFilled(fields, general)) return;
    await send(secondFactor.wrapper.hidden ? {} : { secondFactor: secondFactor.input.value.trim() }, fields);
  }));
  passkey?.addEventListener('click', busy(passkey, async () => {
    if (!requireFilled(basics, general)) return;
    try {
      const answer = await usePasskey(await api('POST', '/api/auth/passkey/options', {}));
      if (answer) await send({ passkey: answer }, { ...basics });
    } catch (error) {
      general.textContent = describe(error);
    }
  }));
  main.replaceChildren(el('section', { class: 'card login', 'aria-labelledby': 'reset-title' },
    el('h1', { id: 'reset-title' }, 'Set a new password'),
    notice ? el('p', { class: 'notice', role: 'status' }, notice) : null, form));
  (codeFromLink ? fresh : code).input.focus();
}

function renderSecondStep(mfaToken, secondFactors) {
  const code = field('Authentication code', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
    required: true, maxlength: 32, missing: 'Enter the code from your authenticator app, or a recovery code.' },
  'The 6-digit code from your authenticator app, or one of your recovery codes.');
  const general = el('p', { class: 'error-text', role: 'alert' });
  const submit = el('button', { type: 'submit', class: 'button' }, 'Verify');
  const form = el('form', { class: 'stack', novalidate: true }, code.wrapper, general,
    el('div', { class: 'actions' }, submit,
      el('a', { href: '#/login', class: 'button link', onclick: () => renderLogin() }, 'Start again')));
  form.addEventListener('submit', busy(submit, async () => {
    if (!requireFilled({ code }, general)) return;
    try {
      await api('POST', '/api/auth/login/mfa', { mfaToken, code: code.input.value.trim() });
      await enter();
    } catch (error) {
      if (error.code === 'mfa_token_invalid' || error.code === 'mfa_expired') {
        renderLogin('That sign-in took too long. Please sign in again.');
        return;
      }
      code.setError(error.status === 401 || error.status === 400 ? 'That code is not right. Try the newest code '
        + 'from your app, or one of your recovery codes.' : describe(error));
      code.input.select();
    }
  }));
  const withCode = secondFactors.includes('code');
  const passkey = secondFactors.includes('passkey') && passkeysSupported()
    ? el('button', { type: 'button', class: withCode ? 'button secondary' : 'button', id: 'passkey-second-step' },
      'Use your passkey') : null;
  passkey?.addEventListener('click', busy(passkey, async () => {
    general.textContent = '';
    try {
      const credential = await usePasskey(await api('POST', '/api/auth/passkey/options', { mfaToken }));
      if (!credential) return;
      await api('POST', '/api/auth/login/mfa', { mfaToken, credential });
      await enter();
    } catch (error) {
      if (error.code === 'mfa_token_invalid') {
        renderLogin('That sign-in took too long. Please sign in again.');
        return;
      }
      general.textContent = describe(error);
    }
  }));
  const passkeyOnly = el('div', { class: 'stack' }, el('p', {}, passkey ? 'Confirm with your passkey to finish '
    + 'signing in.' : 'Your account finishes signing in with a passkey, which this browser cannot use. Use a '
    + 'browser that supports passkeys, or ask an administrator to reset your two-factor authentication.'),
    general, el('div', { class: 'actions' }, passkey,
      el('a', { href: '#/login', class: 'button link', onclick: () => renderLogin() }, 'Start again')));
  main.replaceChildren(el('section', { class: 'card login', 'aria-labelledby': 'mfa-title' },
    el('h1', { id: 'mfa-title' }, 'Two-factor authentication'),
    withCode ? form : passkeyOnly, withCode && passkey ? el('div', { class: 'actions' }, passkey) : null));
  (withCode ? code.input : passkey)?.focus();
}

/** A session held to the password change or the two-factor set-up sees only the Security page until it is done. */
function mustActFirst() {
  return state.me.passwordChangeRequired || state.me.twoFactorSetupRequired;
}

async function enter() {
  await loadMe();
  showHeader();
  location.hash = mustActFirst() ? '#/security' : '#/';
  route();
}

function renderHome() {
  document.title = 'Warden';
  main.replaceChildren(el('section', { class: 'card' },
    el('h1', {}, `Welcome, ${state.me.displayName}`),
    el('p', {}, 'Your account settings live on the Security page: your password, where you are signed in, '
      + 'two-factor authentication and API tokens.'),
    el('p', { class: 'muted' }, 'Open it from the menu under your name in the top-right corner.'),
    el('a', { class: 'button secondary', href: '#/security' }, 'Go to Security')));
}

/** Pages for someone who is not signed in, whatever the session says. */
const PUBLIC_PAGES = ['/forgot-password', '/reset-password'];

function currentPath() {
  return (location.hash.replace(/^#/, '') || '/').split('?')[0];
}

async function route() {
  const [path, query] = (location.hash.replace(/^#/, '') || '/').split('?');
  // Reachable signed in or not: a forgotten password needs no session.
  if (path === '/forgot-password') {
    renderForgotPassword();
    return;
  }
  if (path === '/reset-password') {
    renderResetPassword(new URLSearchParams(query || '').get('code') || '', '');
    return;
  }
  if (!state.me) {
    try {
      await loadMe();
    } catch (error) {
      state.me = null;
    }
  }
  showHeader();
  if (!state.me) {
    renderLogin();
    return;
  }
  if (path === '/login') {
    location.hash = '#/';
    return;
  }
  const reloadMe = async () => { await loadMe(); showHeader(); };
  if (path === '/security' || mustActFirst()) {
    await renderSecurityPage(main, state, { reloadMe });
  } else if (path === '/users' && state.me.roles.includes('ADMIN')) {
    await renderUsersPage(main, state, { reloadMe });
  } else {
    renderHome();
  }
  main.focus({ preventScroll: true });
}

whenSignedOut(() => {
  // Told once: the page's other requests that fail the same way do not draw the sign-in page again.
  if (!state.me) return;
  // Nothing of the Security page stays open over the sign-in page.
  document.querySelectorAll('dialog[open]').forEach((open) => open.close());
  state.me = null;
  showHeader();
  // A late answer to the page left behind must not replace a password reset under way.
  if (PUBLIC_PAGES.includes(currentPath())) return;
  renderLogin('Your session has ended. Please sign in again.');
});
setUpUserMenu();
window.addEventListener('hashchange', route);
route();
