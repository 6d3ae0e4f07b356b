// The administrators' Users page: find a user by e-mail, see their account and recent security log, and act on
// it in an incident (end sessions, require a new password, remove two-factor, disable or enable, unlock). Every
// change asks "Confirm it is you" first when the administrator's sign-in is not recent, and a destructive one
// asks its question with Cancel focused.
import { api, ApiError } from './api.js';
import { el, field, describe, confirmDialog, toast, when, ago, busy, focusHeading } from './ui.js';
import { section, withRecentSignIn } from './security.js';

const STATUS = { ACTIVE: ['Active', 'ok'], LOCKED: ['Locked', 'off'], DISABLED: ['Disabled', 'off'] };

function statusBadge(user) {
  const [text, kind] = user.status === 'ACTIVE' && user.locked ? ['Locked for a while', 'off'] : STATUS[user.status];
  return el('span', { class: `badge ${kind}` }, text);
}

function searchSection(ctx) {
  const email = field('E-mail address contains', { name: 'email', type: 'search', autocomplete: 'off' });
  const submit = el('button', { type: 'submit', class: 'button' }, 'Search');
  const results = el('div', { 'aria-live': 'polite' });
  const form = el('form', { class: 'filters', role: 'search', novalidate: true }, email.wrapper,
    el('div', { class: 'actions' }, submit));
  let generation = 0; // a newer search drops the answer of an older one still on its way
  const load = async () => {
    const mine = ++generation;
    try {
      const query = email.input.value.trim();
      const page = await api('GET', `/api/admin/users?size=50${query ? `&email=${encodeURIComponent(query)}` : ''}`);
      if (mine !== generation) return;
      if (page.users.length === 0) {
        results.replaceChildren(el('p', { class: 'muted' }, 'No user has such an address.'));
        return;
      }
      results.replaceChildren(el('table', { class: 'responsive' },
        el('caption', { class: 'hint' }, page.total > page.users.length
          ? `The first ${page.users.length} of ${page.total} users` : `${page.total} user${page.total === 1 ? '' : 's'}`),
        el('thead', {}, el('tr', {}, ['E-mail', 'Name', 'Roles', 'Status', 'Two-factor'].map((h) => el('th',
          { scope: 'col' }, h)))),
        el('tbody', {}, page.users.map((u) => el('tr', { 'data-user': u.id },
          el('td', { 'data-label': 'E-mail' }, el('button', { type: 'button', class: 'button link',
            onclick: () => ctx.open(u.id) }, u.email)),
          el('td', { 'data-label': 'Name' }, u.displayName),
          el('td', { 'data-label': 'Roles' }, u.roles.join(', ')),
          el('td', { 'data-label': 'Status' }, statusBadge(u)),
          el('td', { 'data-label': 'Two-factor' }, u.twoFactorEnabled ? 'On' : 'Off'))))));
    } catch (error) {
      if (mine === generation) results.replaceChildren(el('p', { class: 'error-text', role: 'alert' }, describe(error)));
    }
  };
  form.addEventListener('submit', busy(submit, load));
  ctx.refreshSearch = load;
  load();
  return section('users', 'Users', form, results);
}

/** One action on the shown user: asked, confirmed, done, then the view and the list shown again. */
function action(ctx, user, { label, question, detail, path, done, danger = true, method = 'POST', body }) {
  const button = el('button', { type: 'button', class: `button ${danger ? 'danger' : 'secondary'}` }, label);
  button.addEventListener('click', busy(button, async () => {
    if (!await confirmDialog(question, detail, label, danger)) return;
    try {
      const answer = await withRecentSignIn(ctx,
        () => api(method, `/api/admin/users/${encodeURIComponent(user.id)}/${path}`, body));
      if (answer === undefined) return; // cancelled "Confirm it is you"
      toast(typeof done === 'function' ? done(answer) : done);
    } catch (error) {
      toast(describe(error));
    }
    await ctx.open(user.id);
    ctx.refreshSearch();
    ctx.logChanged(user.id);
  }));
  return button;
}

function detailView(ctx, user, log, sessions, tokens) {
  const facts = [['E-mail', user.email], ['Roles', user.roles.join(', ')], ['Status', statusBadge(user)],
    ['Two-factor', user.twoFactorEnabled ? 'On' : 'Off'],
    ['Passkeys', String(user.passkeys ?? 0)],
    ['Password', user.passwordChangeRequired ? 'Must change at the next sign-in' : 'Set by the user'],
    ['Created', when(user.createdAt)], ['Last sign-in', user.lastSignInAt ? ago(user.lastSignInAt) : 'Never'],
    // Counted by the services that hold them; null when one did not answer.
    ['Sessions', user.activeSessions ?? 'Unknown'],
    ['API tokens', user.activeTokens === null || user.activeTokens === undefined ? 'Unknown'
      : `${user.activeTokens} working`]];
  const actions = [
    action(ctx, user, { label: 'End all sessions', question: `End every session of ${user.displayName}?`,
      detail: 'Every device and browser signed in to this account is signed out at once.', path: 'sessions/end',
      done: (answer) => `${answer.ended} session${answer.ended === 1 ? ' was' : 's were'} ended.` }),
    action(ctx, user, { label: 'Require new password', question: `Require a new password of ${user.displayName}?`,
      detail: 'At the next sign-in they must choose a new password before anything else. They are mailed.',
      path: 'require-password-change', done: 'A new password is required at the next sign-in.', danger: false }),
  ];
  if (user.activeTokens !== 0) {
    actions.push(action(ctx, user, { label: 'Revoke all API tokens', question: `Revoke every API token of ${user.displayName}?`,
      detail: 'Anything using them stops working at once. This cannot be undone.', path: 'tokens/revoke',
      done: (answer) => `${answer.revoked} token${answer.revoked === 1 ? ' was' : 's were'} revoked.` }));
  }
  const admin = user.roles.includes('ADMIN');
  actions.push(action(ctx, user, { label: admin ? 'Remove administrator' : 'Make administrator',
    question: admin ? `Remove ${user.displayName} as an administrator?` : `Make ${user.displayName} an administrator?`,
    detail: 'Their sessions end, so the change applies at their next sign-in. They are mailed.', path: 'roles',
    method: 'PUT', body: { roles: admin ? ['USER'] : ['USER', 'ADMIN'] }, done: 'The roles were changed.',
    danger: admin }));
  if (user.twoFactorEnabled || user.passkeys > 0) {
    actions.push(action(ctx, user, { label: 'Remove two-factor', question: `Remove two-factor of ${user.displayName}?`,
      detail: 'Their authenticator app, recovery codes and passkeys stop working; until they set one up again, the '
        + 'password alone signs in. Do this only for a user who lost them. They are mailed.',
      path: 'two-factor/reset', done: 'Two-factor authentication was removed.' }));
  }
  if (user.locked && user.status !== 'DISABLED') {
    actions.push(action(ctx, user, { label: 'Unlock', question: `Unlock ${user.displayName}?`,
      detail: 'Sign-ins are accepted again and the count of failed ones starts over.', path: 'unlock',
      done: 'The account was unlocked.', danger: false }));
  }
  actions.push(user.status === 'DISABLED'
    ? action(ctx, user, { label: 'Enable', question: `Enable ${user.displayName} again?`,
      detail: 'They can sign in again, and their API tokens work again. They are mailed.', path: 'enable',
      done: 'The account was enabled.', danger: false })
    : action(ctx, user, { label: 'Disable', question: `Disable ${user.displayName}?`,
      detail: 'They cannot sign in; every session ends and every API token stops at once. They are mailed.',
      path: 'disable', done: 'The account was disabled.' }));
  return section('user', user.displayName,
    el('dl', { class: 'facts' }, facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)])),
    el('div', { class: 'actions' }, actions),
    el('h3', {}, 'Sessions'), sessionsView(sessions),
    el('h3', {}, 'API tokens'), tokensView(tokens),
    el('h3', {}, 'Recent security log'), el('div', { id: 'user-log' }, logView(log)));
}

function unavailable(what) {
  return el('p', { class: 'muted' }, `The ${what} could not be read just now.`);
}

function sessionsView(sessions) {
  if (sessions === null) return unavailable('sessions');
  if (sessions.length === 0) return el('p', { class: 'muted' }, 'No active sessions.');
  return el('table', { class: 'responsive' }, el('thead', {}, el('tr', {}, ['Device', 'Address', 'Last active',
    'Signed in'].map((h) => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, sessions.map((s) => el('tr', {},
    el('td', { 'data-label': 'Device' }, `${s.browser} on ${s.os}`),
    el('td', { 'data-label': 'Address' }, s.ip ?? 'Unknown'),
    el('td', { 'data-label': 'Last active' }, ago(s.lastActiveAt)),
    el('td', { 'data-label': 'Signed in' }, when(s.createdAt))))));
}

function tokensView(tokens) {
  if (tokens === null) return unavailable('API tokens');
  if (tokens.length === 0) return el('p', { class: 'muted' }, 'No API tokens.');
  return el('table', { class: 'responsive' }, el('thead', {}, el('tr', {}, ['Name', 'Role', 'Status', 'Expires',
    'Last used'].map((h) => el('th', { scope: 'col' }, h)))),
  el('tbody', {}, tokens.map((t) => el('tr', {},
    el('td', { 'data-label': 'Name' }, t.name),
    el('td', { 'data-label': 'Role' }, t.role),
    el('td', { 'data-label': 'Status' }, el('span', { class: `badge ${t.status === 'ACTIVE' ? 'ok' : 'off'}` },
      t.status.toLowerCase())),
    el('td', { 'data-label': 'Expires' }, when(t.expiresAt)),
    el('td', { 'data-label': 'Last used' }, t.lastUsedAt ? ago(t.lastUsedAt) : 'Never')))));
}

function logView(log) {
  if (log.length === 0) return el('p', { class: 'muted' }, 'No entries.');
  return el('table', { class: 'responsive' }, el('thead', {}, el('tr', {}, ['When', 'What', 'Outcome'].map((h) =>
    el('th', { scope: 'col' }, h)))),
  el('tbody', {}, log.map((e) => el('tr', {},
    el('td', { 'data-label': 'When' }, when(e.occurredAt)),
    el('td', { 'data-label': 'What' }, e.summary),
    el('td', { 'data-label': 'Outcome' }, el('span', { class: `badge ${e.outcome === 'failure' ? 'off' : 'ok'}` },
      e.outcome))))));
}

function readLog(id) {
  return api('GET', `/api/admin/security-log?userId=${encodeURIComponent(id)}&limit=10`).then((page) => page.events);
}

export async function renderUsersPage(main, state, { reloadMe }) {
  document.title = 'Users · Warden';
  const detail = el('div', {});
  const ctx = { state, reloadMe, refreshSearch: () => {} };
  ctx.open = async (id) => {
    try {
      const path = `/api/admin/users/${encodeURIComponent(id)}`;
      // Sessions and tokens are listed by the services that own them; one away leaves the rest usable.
      const [user, log, sessions, tokens] = await Promise.all([api('GET', path), readLog(id).catch(() => []),
        api('GET', `${path}/sessions`).then((answer) => answer.sessions, () => null),
        api('GET', `${path}/tokens`).then((answer) => answer.tokens, () => null)]);
      const view = detailView(ctx, user, log, sessions, tokens);
      view.dataset.user = user.id;
      detail.replaceChildren(view);
      focusHeading('user');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      detail.replaceChildren(el('p', { class: 'error-text', role: 'alert' }, describe(error)));
    }
  };
  // An action's entry reaches the log through the event stream a moment later: read it again then.
  ctx.logChanged = (id) => [1500, 4000].forEach((delay) => setTimeout(async () => {
    const box = document.getElementById('user-log');
    const shown = document.querySelector('#user[data-user]');
    if (!box || !shown || shown.dataset.user !== id) return;
    const log = await readLog(id).catch(() => null);
    if (log) box.replaceChildren(logView(log));
  }, delay));
  main.replaceChildren(el('h1', {}, 'Users'), searchSection(ctx), detail);
}
