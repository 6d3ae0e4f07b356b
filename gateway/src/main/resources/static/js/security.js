// The Security page: Password for Login, active sessions, two-factor authentication, API tokens, the
// security log and the e-mail language. Each section loads on its own, so one service being away leaves
// the others usable.
import { api, ApiError, signedOut } from './api.js';
import { el, field, showProblems, requireFilled, describe, dialog, confirmDialog, toast, when, day, ago, copy, busy,
  focusHeading } from './ui.js';
import { passkeysSupported, createPasskey, usePasskey, describeBrowserError } from './webauthn.js';

/**
 * How close to the end of the recent-sign-in window a change asks to confirm first (its dialog may take a while
 * to fill): a minute, or half the window once a confirmation showed how long it is.
 */
const RECENT_MARGIN_MS = 60 * 1000;

function recentMarginMs(ctx) {
  return ctx.state.recentWindowMs ? Math.min(RECENT_MARGIN_MS, ctx.state.recentWindowMs / 2) : RECENT_MARGIN_MS;
}

function recentSignInLeftMs(ctx) {
  const seconds = ctx.state.me.recentSignInSeconds;
  if (seconds === null || seconds === undefined) return 0;
  return seconds * 1000 - (Date.now() - (ctx.state.meLoadedAt || 0));
}

/**
 * "Confirm it is you": every factor the user signs in with (the password, and a code once two-factor is on)
 * restarts the recent-sign-in window. Resolves true once confirmed, false when cancelled.
 */
function confirmItIsYou(ctx) {
  return dialog('Confirm it is you', (close) => {
    const withCode = ctx.state.me.twoFactorEnabled;
    const withPasskey = ctx.state.me.passkeys > 0 && passkeysSupported();
    // A passkey unlocked by its PIN or biometrics is every factor at once; a user whose only second factor is a
    // passkey confirms with it.
    const passkeyButton = withPasskey ? el('button', { type: 'button', class: withCode ? 'button secondary'
      : 'button primary', id: 'reauthenticate-passkey' }, 'Use your passkey') : null;
    const confirmed = async () => {
      try {
        await ctx.reloadMe();
        ctx.state.recentWindowMs = (ctx.state.me.recentSignInSeconds || 0) * 1000;
      } catch (ignored) {
        // Confirmed all the same; the server's answer to the change decides.
      }
      close(true);
    };
    const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password',
      missing: 'Enter your password.' });
    const code = withCode
      ? field('Authentication code', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
        missing: 'Enter the code your authenticator app shows.' }, 'The 6-digit code from your authenticator app.')
      : null;
    const general = el('p', { class: 'error-text', role: 'alert' });
    const submit = el('button', { type: 'submit', class: 'button primary' }, 'Confirm');
    const form = el('form', { class: 'stack', novalidate: true },
      el('p', {}, 'For your safety, this change needs a recent sign-in.'), password.wrapper,
      ...(code ? [code.wrapper] : []), general,
      el('div', { class: 'actions' }, submit,
        el('button', { type: 'button', class: 'button secondary', onclick: () => close(false) }, 'Cancel')));
    const fields = code ? { password, code } : { password };
    passkeyButton?.addEventListener('click', busy(passkeyButton, async () => {
      general.textContent = '';
      try {
        const passkey = await usePasskey(await api('POST', '/api/auth/reauthenticate/options', {}));
        if (!passkey) return;
        await api('POST', '/api/auth/reauthenticate', { passkey });
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 401 && failure.code === 'invalid_credentials') {
          close(false);
          signedOut();
          return;
        }
        general.textContent = describe(failure);
        return;
      }
      await confirmed();
    }));
    if (withPasskey && !withCode) {
      return el('div', { class: 'stack' },
        el('p', {}, 'For your safety, this change needs a recent sign-in. Confirm with your passkey.'), general,
        el('div', { class: 'actions' }, passkeyButton,
          el('button', { type: 'button', class: 'button secondary', onclick: () => close(false) }, 'Cancel')));
    }
    if (passkeyButton) form.append(el('div', { class: 'actions' }, passkeyButton));
    form.addEventListener('submit', busy(submit, async () => {
      if (!requireFilled(fields, general)) return;
      try {
        await api('POST', '/api/auth/reauthenticate', code
          ? { password: password.input.value, code: code.input.value.trim() }
          : { password: password.input.value });
      } catch (failure) {
        // A 401 here is the session gone (ended elsewhere), not a wrong password: that is a field problem.
        if (failure instanceof ApiError && failure.status === 401) {
          close(false);
          signedOut();
          return;
        }
        showProblems(failure, fields, general);
        return;
      }
      // Just confirmed: what is left now is the whole window.
      await confirmed();
    }));
    return form;
  }).then((confirmed) => confirmed === true);
}

/** Asks "Confirm it is you" now unless the sign-in stays recent long enough; false when the user cancelled. */
async function ensureRecentSignIn(ctx) {
  if (recentSignInLeftMs(ctx) > recentMarginMs(ctx)) return true;
  return confirmItIsYou(ctx);
}

/**
 * Runs {@code action}, a change that needs a recent sign-in: "Confirm it is you" comes first when the sign-in
 * is not recent, so nothing the action asks for is typed twice; should the window still run out on the way,
 * the server's answer asks once more. Resolves undefined when the user cancelled.
 */
export async function withRecentSignIn(ctx, action) {
  if (!await ensureRecentSignIn(ctx)) return undefined;
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'reauthentication_required') throw error;
    if (!await confirmItIsYou(ctx)) return undefined;
    return action();
  }
}

export function section(id, title, ...content) {
  return el('section', { class: 'card', id, 'aria-labelledby': `${id}-title` },
    el('header', {}, el('h2', { id: `${id}-title`, tabindex: '-1' }, title)), ...content);
}

/**
 * After a change: the security log shows it. The entry arrives through the event stream a moment later, so the
 * log is read again then too.
 */
function logChanged(ctx) {
  ctx.refresh('log');
  setTimeout(() => ctx.refresh('log'), 2000);
}

function capitalised(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function failed(container, error) {
  container.replaceChildren(el('p', { class: 'error-text', role: 'alert' }, describe(error)));
}

// ---------------------------------------------------------------- Password for Login

function policyLines(policy, me) {
  const lines = [`At least ${me.twoFactorEnabled ? policy.minLengthWithTwoFactor : policy.minLength} characters`
    + ` (at most ${policy.maxLength}); spaces and any language's letters are fine.`];
  if (policy.rejectCommon) lines.push('Not a commonly used password.');
  lines.push('Not a password known from data breaches, even with look-alike symbols or written backwards.');
  if (policy.minStrength > 0) lines.push('Hard to guess: a few unrelated words work well.');
  if (policy.rejectUserInfo) lines.push('Not containing your name or e-mail address.');
  if (policy.historySize > 0) lines.push(`Not one of your last ${policy.historySize} passwords.`);
  const classes = [[policy.minUppercase, 'upper-case letter'], [policy.minLowercase, 'lower-case letter'],
    [policy.minDigits, 'digit'], [policy.minSpecial, 'symbol']].filter(([n]) => n > 0);
  for (const [n, what] of classes) lines.push(`At least ${n} ${what}${n > 1 ? 's' : ''}.`);
  if (policy.maxAgeDays > 0) lines.push(`Passwords expire after ${policy.maxAgeDays} days.`);
  return lines;
}

function passwordDates(me) {
  const changed = me.passwordChangedAt ? `Last changed on ${day(me.passwordChangedAt)}.` : '';
  const expires = me.passwordExpiresAt ? ` It expires on ${day(me.passwordExpiresAt)}.` : '';
  return `${changed}${expires}`.trim();
}

function passwordSection(ctx) {
  const current = field('Current password', { type: 'password', name: 'currentPassword',
    autocomplete: 'current-password', missing: 'Enter your current password.' });
  const fresh = field('New password', { type: 'password', name: 'newPassword', autocomplete: 'new-password',
    missing: 'Enter a new password.' });
  const confirm = field('Confirm new password', { type: 'password', name: 'confirmPassword',
    autocomplete: 'new-password', missing: 'Enter the new password again.' });
  const general = el('p', { class: 'error-text', role: 'alert' });
  const submit = el('button', { type: 'submit', class: 'button' }, 'Change password');
  const form = el('form', { class: 'stack', novalidate: true, 'aria-describedby': 'password-policy' },
    current.wrapper, fresh.wrapper, confirm.wrapper, general, el('div', { class: 'actions' }, submit));
  const policy = el('div', { id: 'password-policy' }, el('p', { class: 'muted' }, 'Loading the password rules…'));
  form.addEventListener('submit', busy(submit, async () => {
    const fields = { currentPassword: current, newPassword: fresh, confirmPassword: confirm };
    if (!requireFilled(fields, general)) return;
    try {
      await api('POST', '/api/security/password', { currentPassword: current.input.value,
        newPassword: fresh.input.value, confirmPassword: confirm.input.value });
      form.reset();
      Object.values(fields).forEach((f) => f.setError(''));
      general.textContent = '';
      toast('Your password was changed. Your other sessions were signed out.');
      logChanged(ctx);
      const wasForced = ctx.state.me.passwordChangeRequired;
      await ctx.reloadMe();
      const dates = document.getElementById('password-changed');
      if (dates) dates.textContent = passwordDates(ctx.state.me);
      if (wasForced && ctx.state.me.twoFactorSetupRequired) {
        ctx.rerender(); // next: the two-factor set-up the policy requires
      } else if (wasForced) {
        location.hash = '#/';
      } else {
        ctx.refresh('sessions');
        focusHeading('password');
      }
    } catch (error) {
      showProblems(error, fields, general);
    }
  }));
  api('GET', '/api/security/password/policy').then((rules) => {
    policy.replaceChildren(el('h3', { class: 'hint' }, 'Your new password needs'),
      el('ul', { class: 'policy' }, policyLines(rules, ctx.state.me).map((line) => el('li', {}, line))));
  }, (error) => failed(policy, error));
  const notices = [];
  if (ctx.state.me.passwordChangeRequired) {
    const why = {
      breached: 'Your password appears in a data breach of another site, so attackers try it first. Choose a new '
        + 'one you have not used anywhere else before you continue.',
      expired: 'Your password has expired. Choose a new one before you continue.',
    }[ctx.state.me.passwordChangeReason];
    notices.push(el('p', { class: 'notice', role: 'alert', id: 'password-change-reason' },
      why || 'Your password must be changed before you can continue.'));
  } else {
    notices.push(el('p', { class: 'muted', id: 'password-changed' }, passwordDates(ctx.state.me)));
  }
  return section('password', 'Password for Login', ...notices, el('div', { class: 'two-columns' }, form, policy));
}

// ---------------------------------------------------------------- Active sessions

/** An outline per kind of device, beside its name (decorative: the name says it); drawn, so no font is needed. */
const DEVICE_SHAPES = {
  desktop: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  mobile: ['M7 2h10v20H7z', 'M11 18h2'],
  tablet: ['M4 3h16v18H4z', 'M11 18h2'],
  unknown: ['M4 4h16v16H4z'],
};

function deviceIcon(type) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  for (const [name, value] of Object.entries({ viewBox: '0 0 24 24', width: '18', height: '18', fill: 'none',
    stroke: 'currentColor', 'stroke-width': '2', 'stroke-linejoin': 'round', 'aria-hidden': 'true',
    class: 'device' })) {
    svg.setAttribute(name, value);
  }
  for (const d of DEVICE_SHAPES[type] || DEVICE_SHAPES.unknown) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** How a session signed in, in words (RFC 8176 methods: pwd, otp, hwk or swk for a passkey). */
function methodsNote(methods) {
  if (!methods || methods.length === 0) return null;
  const words = { pwd: 'password', otp: 'code', hwk: 'passkey', swk: 'passkey' };
  const named = [...new Set(methods.map((m) => words[m]).filter(Boolean))];
  return named.length === 0 ? null : el('span', { class: 'muted method' }, ` with ${named.join(' and ')}`);
}

function sessionsSection(ctx) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  // Hidden until the list says there are others to end.
  const endOthers = el('button', { type: 'button', class: 'button danger', hidden: true },
    'End all sessions except the current one');
  const load = async () => {
    try {
      const { sessions } = await api('GET', '/api/security/sessions');
      endOthers.hidden = sessions.filter((s) => !s.current).length === 0;
      body.replaceChildren(el('table', { class: 'responsive' },
        el('caption', { class: 'hint' }, `${sessions.length} active session${sessions.length === 1 ? '' : 's'}`),
        el('thead', {}, el('tr', {}, ['Device', 'Browser', 'Operating system', 'IP address', 'Last active', 'Signed in',
          'Expires']
          .map((h) => el('th', { scope: 'col' }, h)), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' },
          'Actions')))),
        el('tbody', {}, sessions.map((s) => el('tr', { 'data-session': s.id },
          el('td', { 'data-label': 'Device' }, deviceIcon(s.deviceType), capitalised(s.deviceType || 'unknown'),
            s.current ? el('span', { class: 'badge' }, 'This device') : null),
          el('td', { 'data-label': 'Browser' }, s.browser || 'Unknown'),
          el('td', { 'data-label': 'Operating system' }, s.os || 'Unknown'),
          el('td', { 'data-label': 'IP address' }, s.ip || '—'),
          el('td', { 'data-label': 'Last active' }, ago(s.lastActiveAt)),
          el('td', { 'data-label': 'Signed in' }, when(s.createdAt), methodsNote(s.authMethods)),
          el('td', { 'data-label': 'Expires' }, ago(s.expiresAt)),
          el('td', {}, s.current ? null : el('button', { type: 'button', class: 'button link',
            'aria-label': `End the session of ${s.browser || 'a browser'} on ${s.os || 'a device'}`,
            onclick: () => endOne(s) }, 'End')))))));
    } catch (error) {
      failed(body, error);
    }
  };
  const endOne = async (s) => {
    if (!await confirmDialog('End this session?', `${s.browser || 'The browser'} on ${s.os || 'that device'} `
      + 'will be signed out at once.', 'End session')) return;
    try {
      const ended = await withRecentSignIn(ctx,
        () => api('DELETE', `/api/security/sessions/${encodeURIComponent(s.id)}`).then(() => true));
      if (ended) {
        toast('The session was ended.');
        logChanged(ctx);
      }
    } catch (error) {
      toast(describe(error));
    }
    await load();
    focusHeading('sessions');
  };
  endOthers.addEventListener('click', async () => {
    if (!await confirmDialog('End all other sessions?', 'Every other device and browser signed in to your '
      + 'account will be signed out at once. This one stays signed in.', 'End other sessions')) return;
    try {
      const answer = await withRecentSignIn(ctx, () => api('POST', '/api/security/sessions/end-others'));
      if (answer) {
        toast(`${answer.ended} session${answer.ended === 1 ? ' was' : 's were'} ended.`);
        logChanged(ctx);
      }
    } catch (error) {
      toast(describe(error));
    }
    await load();
    focusHeading('sessions');
  });
  ctx.refreshers.sessions = load;
  load();
  return section('sessions', 'List of active sessions',
    el('p', { class: 'muted' }, 'Where your account is signed in right now.'), body,
    el('div', { class: 'actions' }, endOthers));
}

// ---------------------------------------------------------------- Two-factor authentication

function recoveryCodesView(codes, done) {
  const list = el('ul', { class: 'codes', 'aria-label': 'Recovery codes' }, codes.map((c) => el('li', {}, c)));
  const text = `Warden recovery codes\n\n${codes.join('\n')}\n\nEach code works once.\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = el('a', { href: url, download: 'warden-recovery-codes.txt' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return el('div', { class: 'recovery-codes' },
    el('p', { class: 'notice' }, 'Save these recovery codes now: they are shown only this once. Each one signs '
      + 'you in once if you lose your authenticator.'),
    list,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'button secondary', onclick: () => copy(codes.join('\n'), list) }, 'Copy'),
      el('button', { type: 'button', class: 'button secondary', onclick: download }, 'Download'),
      el('button', { type: 'button', class: 'button primary', onclick: done }, 'I have saved them')));
}

/** Whether the policy requires two-factor authentication of one of the signed-in user's roles. */
async function twoFactorRequired(ctx) {
  try {
    const policy = await api('GET', '/api/security/password/policy');
    return (policy.twoFactorRequiredFor || []).some((role) => ctx.state.me.roles.includes(role));
  } catch (ignored) {
    return false; // Only the explanation is missing; the server refuses turning it off all the same.
  }
}

/**
 * After a sign-in factor changed, the offer to sign out everywhere else (OWASP ASVS 5.0 7.4.3): sessions opened
 * before the change stay signed in unless the user ends them.
 */
function endOthersOffer(ctx, change) {
  const button = el('button', { type: 'button', class: 'button secondary' }, 'End other sessions');
  const offer = el('div', { class: 'notice', role: 'status' },
    el('p', {}, `${change} Devices and browsers that signed in before stay signed in unless you end their sessions.`),
    button);
  button.addEventListener('click', busy(button, async () => {
    try {
      const answer = await withRecentSignIn(ctx, () => api('POST', '/api/security/sessions/end-others'));
      if (answer) {
        toast(`${answer.ended} other session${answer.ended === 1 ? ' was' : 's were'} ended.`);
        logChanged(ctx);
        offer.remove();
        focusHeading('two-factor');
      }
    } catch (error) {
      toast(describe(error));
    }
    if (ctx.refreshers.sessions) ctx.refreshers.sessions();
  }));
  return offer;
}

function twoFactorSection(ctx, { forced = false } = {}) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  let changed = null; // what just changed, shown once above the status with the offer to end other sessions
  const load = async () => {
    try {
      const [status, required] = await Promise.all([api('GET', '/api/security/two-factor'), twoFactorRequired(ctx)]);
      body.replaceChildren(status.enabled ? enabledView(status, required) : disabledView());
      if (changed) body.prepend(endOthersOffer(ctx, changed));
      changed = null;
    } catch (error) {
      failed(body, error);
    }
  };
  const reloadAfter = (change) => async () => {
    changed = change;
    await load();
    focusHeading('two-factor');
  };
  // Set up while the page was held to it: the recovery codes saved, the page goes on as usual.
  const afterCodes = forced ? () => ctx.rerender() : reloadAfter('Two-factor authentication is on.');
  const disabledView = () => {
    const start = el('button', { type: 'button', class: 'button' }, 'Enable two-factor authentication');
    start.addEventListener('click', busy(start, async () => {
      try {
        const setup = await withRecentSignIn(ctx, () => api('POST', '/api/security/two-factor/setup'));
        if (setup) {
          body.replaceChildren(setupView(setup));
          body.querySelector('input[name="code"]').focus();
        }
      } catch (error) {
        toast(describe(error));
      }
    }));
    return el('div', {}, el('p', {}, 'Status: ', el('span', { class: 'badge off' }, 'Off')),
      el('p', { class: 'muted' }, 'Sign in with a code from an authenticator app (any TOTP app) as well as your '
        + 'password, so a stolen password alone is not enough.'), start);
  };
  const setupView = (setup) => {
    const code = field('Code from the app', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
      maxlength: 6, missing: 'Enter the 6-digit code your app shows.' });
    const submit = el('button', { type: 'submit', class: 'button' }, 'Turn on');
    // In groups of four for typing; copied without the spaces.
    const grouped = setup.secret.replace(/(.{4})(?=.)/g, '$1 ');
    const secretNode = el('code', { class: 'secret', id: 'two-factor-secret' }, grouped);
    const cancel = async () => {
      await load();
      focusHeading('two-factor');
    };
    const form = el('form', { class: 'stack', novalidate: true }, code.wrapper,
      el('div', { class: 'actions' }, submit,
        el('button', { type: 'button', class: 'button secondary', onclick: cancel }, 'Cancel')));
    form.addEventListener('submit', busy(submit, async () => {
      if (!requireFilled({ code })) return;
      try {
        const { recoveryCodes } = await api('POST', '/api/security/two-factor/confirm', { code: code.input.value.trim() });
        await ctx.reloadMe();
        toast('Two-factor authentication is on.');
        logChanged(ctx);
        body.replaceChildren(recoveryCodesView(recoveryCodes, afterCodes));
        body.querySelector('button.primary').focus();
      } catch (error) {
        code.setError(error.code === 'code_invalid' || error.status === 400 ? 'That code is not right. Check the '
          + "app's clock and try the newest code." : describe(error));
        code.input.focus();
        code.input.select();
      }
    }));
    return el('div', { class: 'two-columns setup' },
      el('div', {},
        el('ol', {},
          el('li', {}, 'Scan the QR code with your authenticator app, or ',
            el('a', { href: setup.otpauthUri, id: 'two-factor-link' }, 'open it in your authenticator'), '.'),
          el('li', {}, 'Or type this key into it: ', secretNode, ' ',
            el('button', { type: 'button', class: 'button link', onclick: () => copy(setup.secret, secretNode) }, 'Copy')),
          el('li', {}, 'Enter the 6-digit code the app shows.')),
        form),
      el('img', { class: 'qr', src: setup.qrCode, alt: `QR code for the key ${grouped}`, width: 200, height: 200 }));
  };
  const enabledView = (status, required) => {
    const regenerate = el('button', { type: 'button', class: 'button secondary' }, 'New recovery codes');
    const disable = el('button', { type: 'button', class: 'button danger' }, 'Turn off');
    regenerate.addEventListener('click', async () => {
      // A recent sign-in (password and code) is the proof, asked for before anything else: the code is
      // typed once.
      if (!await ensureRecentSignIn(ctx)) return;
      if (!await confirmDialog('New recovery codes', 'Your current recovery codes will stop working.',
        'Create new codes', false)) return;
      try {
        const answer = await withRecentSignIn(ctx, () => api('POST', '/api/security/two-factor/recovery-codes', {}));
        if (answer) {
          logChanged(ctx);
          body.replaceChildren(recoveryCodesView(answer.recoveryCodes, reloadAfter('Your recovery codes changed.')));
          body.querySelector('button.primary').focus();
        }
      } catch (error) {
        toast(describe(error));
      }
    });
    disable.addEventListener('click', async () => {
      const done = await dialog('Turn off two-factor authentication', (close) => {
        const password = field('Password', { type: 'password', name: 'password', autocomplete: 'current-password' });
        const code = field('Code from the app', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code',
          missing: 'Enter the 6-digit code your app shows.' });
        password.missing = 'Enter your password.';
        const general = el('p', { class: 'error-text', role: 'alert' });
        const submit = el('button', { type: 'submit', class: 'button danger primary' }, 'Turn off');
        const form = el('form', { class: 'stack', novalidate: true },
          el('p', {}, 'Your account will be protected by your password alone.'), password.wrapper, code.wrapper,
          general, el('div', { class: 'actions' }, submit,
            el('button', { type: 'button', class: 'button secondary', onclick: () => close(false) }, 'Cancel')));
        form.addEventListener('submit', busy(submit, async () => {
          if (!requireFilled({ password, code }, general)) return;
          try {
            // The password and a code are the re-authentication: no recent sign-in is asked for on top.
            await api('POST', '/api/security/two-factor/disable',
              { password: password.input.value, code: code.input.value.trim() });
            close(true);
          } catch (error) {
            showProblems(error, { password, code }, general);
          }
        }));
        return form;
      });
      if (done) {
        await ctx.reloadMe();
        toast('Two-factor authentication is off.');
        logChanged(ctx);
        await reloadAfter('Two-factor authentication is off.')();
        focusHeading('two-factor');
      }
    });
    return el('div', {},
      el('p', { id: 'two-factor-status' }, 'Status: ', el('span', { class: 'badge ok' }, 'On'),
        status.enabledAt ? el('span', { class: 'muted' }, ` since ${day(status.enabledAt)}`) : null),
      el('p', { class: status.recoveryCodesRemaining <= 3 ? 'notice' : 'muted' },
        `${status.recoveryCodesRemaining} recovery code${status.recoveryCodesRemaining === 1 ? '' : 's'} left.`),
      required ? el('p', { class: 'muted' }, 'Your organisation requires two-factor authentication for your '
        + 'account, so it cannot be turned off.') : null,
      el('div', { class: 'actions' }, regenerate, required ? null : disable));
  };
  load();
  const notice = forced ? el('p', { class: 'notice', role: 'alert' },
    'Your organisation requires two-factor authentication. Set it up to continue.') : null;
  return section('two-factor', 'Two-Factor Authentication', notice, body, forced ? null : passkeysPart(ctx));
}

/**
 * Passkeys: each signs in without a password (unlocked by its PIN or biometrics) and completes a sign-in after
 * the password; phishing pages cannot use them. Added with a recent sign-in, named, renamed, removed.
 */
function passkeysPart(ctx) {
  const list = el('div', { id: 'passkey-list' }, el('p', { class: 'muted' }, 'Loading…'));
  const load = async () => {
    try {
      const { passkeys } = await api('GET', '/api/security/passkeys');
      list.replaceChildren(passkeys.length === 0
        ? el('p', { class: 'muted' }, 'No passkeys yet.')
        : el('ul', { class: 'plain-list' }, passkeys.map(passkeyItem)));
    } catch (error) {
      failed(list, error);
    }
  };
  const changed = async (message) => {
    toast(message);
    logChanged(ctx);
    await ctx.reloadMe();
    await load();
  };
  const passkeyItem = (passkey) => {
    const rename = el('button', { type: 'button', class: 'button link' }, 'Rename');
    const remove = el('button', { type: 'button', class: 'button link danger' }, 'Remove');
    rename.addEventListener('click', async () => {
      const name = await askName('Rename passkey', passkey.name, 'Rename');
      if (!name) return;
      try {
        await api('PATCH', `/api/security/passkeys/${encodeURIComponent(passkey.id)}`, { name });
        await changed(`The passkey is now called "${name}".`);
      } catch (error) {
        toast(describe(error));
      }
    });
    remove.addEventListener('click', async () => {
      if (!await ensureRecentSignIn(ctx)) return;
      if (!await confirmDialog(`Remove the passkey "${passkey.name}"?`,
        'It stops signing you in at once. This cannot be undone.', 'Remove passkey', true)) return;
      try {
        const done = await withRecentSignIn(ctx,
          () => api('DELETE', `/api/security/passkeys/${encodeURIComponent(passkey.id)}`));
        if (done === undefined) return;
        await changed(`The passkey "${passkey.name}" was removed.`);
        focusHeading('two-factor');
      } catch (error) {
        toast(describe(error));
      }
    });
    return el('li', { class: 'passkey', 'data-passkey': passkey.id },
      el('strong', {}, passkey.name),
      el('span', { class: 'muted' }, [passkey.deviceHint, passkey.synced ? 'synced' : null,
        `added ${day(passkey.createdAt)}`,
        passkey.lastUsedAt ? `last used ${ago(passkey.lastUsedAt)}` : 'never used'].filter(Boolean).join(' · ')),
      el('span', { class: 'actions' }, rename, remove));
  };
  const add = el('button', { type: 'button', class: 'button secondary', id: 'add-passkey' }, 'Add a passkey');
  add.addEventListener('click', busy(add, async () => {
    try {
      // The name first: the challenge of the options lives two minutes, the browser's dialog should not wait on it.
      const name = await askName('Name your passkey', '', 'Continue');
      if (!name) return;
      const options = await withRecentSignIn(ctx, () => api('POST', '/api/security/passkeys/registration/options', {}));
      if (!options) return;
      const credential = await createPasskey(options);
      if (!credential) return; // cancelled in the browser's dialog
      await api('POST', '/api/security/passkeys/registration', { name, credential });
      await changed(`The passkey "${name}" was added.`);
    } catch (error) {
      toast(describeBrowserError(error) || describe(error));
    }
  }));
  load();
  return el('div', { class: 'passkeys' },
    el('h3', { id: 'passkeys-title' }, 'Passkeys'),
    el('p', { class: 'muted' }, 'Sign in with your fingerprint, face or device PIN instead of a password, or '
      + 'finish a sign-in with it. Phishing sites cannot use a passkey.'),
    list,
    passkeysSupported() ? el('div', { class: 'actions' }, add)
      : el('p', { class: 'muted' }, 'This browser cannot make passkeys.'));
}

/** Asks for a passkey's name (1 to 64 characters); resolves it, or null when cancelled. */
function askName(title, current, action) {
  return dialog(title, (close) => {
    const name = field('Name', { name: 'passkeyName', maxlength: 64, value: current,
      missing: 'Give it a name you will recognise, such as "Work laptop".' },
    'So you can tell your passkeys apart, e.g. "YubiKey on my keyring".');
    const general = el('p', { class: 'error-text', role: 'alert' });
    const submit = el('button', { type: 'submit', class: 'button primary' }, action);
    const form = el('form', { class: 'stack', novalidate: true }, name.wrapper, general,
      el('div', { class: 'actions' }, submit,
        el('button', { type: 'button', class: 'button secondary', onclick: () => close(null) }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!requireFilled({ name }, general)) return;
      close(name.input.value.trim());
    });
    return form;
  }).then((value) => (typeof value === 'string' ? value : null));
}

// ---------------------------------------------------------------- API tokens

function tokensSection(ctx) {
  const body = el('div', {}, el('p', { class: 'muted' }, 'Loading…'));
  const add = el('button', { type: 'button', class: 'button', id: 'add-token' }, 'Add token');
  const load = async () => {
    try {
      const { tokens } = await api('GET', '/api/security/tokens');
      if (tokens.length === 0) {
        body.replaceChildren(el('p', { class: 'muted' }, 'No API tokens yet.'));
        return;
      }
      body.replaceChildren(el('table', { class: 'responsive' },
        el('thead', {}, el('tr', {}, ['Name', 'Role', 'Created', 'Expires', 'Last used', 'Status']
          .map((h) => el('th', { scope: 'col' }, h)), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' },
          'Actions')))),
        el('tbody', {}, tokens.map((t) => el('tr', { 'data-token': t.id },
          el('td', { 'data-label': 'Name' }, el('span', {}, t.name, el('span', { class: 'muted' }, ` …${t.hint}`))),
          el('td', { 'data-label': 'Role' }, t.role),
          el('td', { 'data-label': 'Created' }, day(t.createdAt)),
          el('td', { 'data-label': 'Expires' }, day(t.expiresAt)),
          el('td', { 'data-label': 'Last used' }, t.lastUsedAt
            ? el('span', {}, ago(t.lastUsedAt), t.lastUsedIp ? ` from ${t.lastUsedIp}` : '') : 'Never'),
          el('td', { 'data-label': 'Status' }, el('span', { class: `badge ${t.status === 'ACTIVE' ? 'ok' : 'off'}` },
            t.status.toLowerCase())),
          el('td', {}, t.status === 'ACTIVE' ? el('button', { type: 'button', class: 'button link',
            'aria-label': `Revoke ${t.name}`, onclick: () => revoke(t) }, 'Revoke') : null))))));
    } catch (error) {
      failed(body, error);
    }
  };
  const revoke = async (t) => {
    if (!await confirmDialog(`Revoke "${t.name}"?`, 'Anything using this token stops working at once. This '
      + 'cannot be undone.', 'Revoke token')) return;
    try {
      await api('DELETE', `/api/security/tokens/${encodeURIComponent(t.id)}`);
      toast(`"${t.name}" was revoked.`);
      logChanged(ctx);
    } catch (error) {
      toast(describe(error));
    }
    await load();
    focusHeading('tokens');
  };
  add.addEventListener('click', busy(add, async () => {
    // A new token needs a recent sign-in: confirmed before its dialog asks for anything.
    if (!await ensureRecentSignIn(ctx)) return;
    let roles = ['USER'];
    try {
      roles = (await api('GET', '/api/security/tokens/roles')).roles;
    } catch (error) {
      // Signed out meanwhile: the sign-in page is showing, no dialog over it.
      if (error instanceof ApiError && error.status === 401) return;
      // Otherwise the list falls back to the basic role; the server checks the choice anyway.
    }
    let created = false; // made, whether the dialog closes on Done or on Escape
    await dialog('Add token', (close) => {
      const name = field('Name', { name: 'name', maxlength: 100, autocomplete: 'off',
        missing: 'Give the token a name, e.g. "Nightly backup script".' },
        'What the token is for, e.g. "Nightly backup script".');
      const validity = field('Valid for', { name: 'validityMonths',
        options: Array.from({ length: 12 }, (_, i) => [String(i + 1), `${i + 1} month${i ? 's' : ''}`]) });
      const role = field('Role', { name: 'role', options: roles.map((r) => [r, r]) });
      const general = el('p', { class: 'error-text', role: 'alert' });
      const submit = el('button', { type: 'submit', class: 'button primary' }, 'Create token');
      const content = el('div', {});
      const form = el('form', { class: 'stack', novalidate: true }, name.wrapper, validity.wrapper, role.wrapper,
        general, el('div', { class: 'actions' }, submit,
          el('button', { type: 'button', class: 'button secondary', onclick: () => close() }, 'Cancel')));
      form.addEventListener('submit', busy(submit, async () => {
        if (!requireFilled({ name }, general)) return;
        try {
          const answer = await withRecentSignIn(ctx, () => api('POST', '/api/security/tokens', {
            name: name.input.value.trim(), validityMonths: Number(validity.input.value), role: role.input.value }));
          if (!answer) return;
          created = true;
          const tokenNode = el('code', { class: 'secret', id: 'new-token' }, answer.token);
          content.replaceChildren(
            el('p', { class: 'notice', role: 'alert' }, 'Copy this token now. It will not be shown again.'),
            el('p', {}, tokenNode),
            el('p', { class: 'muted' }, `"${answer.name}" (${answer.role}) expires on ${day(answer.expiresAt)}.`),
            el('div', { class: 'actions' },
              el('button', { type: 'button', class: 'button secondary', onclick: () => copy(answer.token, tokenNode) },
                'Copy token'),
              el('button', { type: 'button', class: 'button primary', onclick: () => close(true) }, 'Done')));
          content.querySelector('button').focus();
        } catch (error) {
          showProblems(error, { name, validityMonths: validity, role }, general);
        }
      }));
      content.append(form);
      return content;
    });
    if (created) {
      toast('The token was created.');
      logChanged(ctx);
    }
    await load();
    if (created) focusHeading('tokens');
  }));
  load();
  return section('tokens', 'API Tokens',
    el('p', { class: 'muted' }, 'Tokens let scripts and other programs use the API as you, with the role you '
      + 'give them. They cannot change your security settings.'),
    body, el('div', { class: 'actions' }, add));
}

// ---------------------------------------------------------------- Security log and preferences

/** The kinds of entry the log can be narrowed to, as the API names them. */
const LOG_KINDS = [['', 'All entries'], ['sign-in', 'Sign-ins'], ['password', 'Password'],
  ['two-factor', 'Two-factor'], ['sessions', 'Sessions'], ['tokens', 'API tokens'], ['account', 'Account']];

function logSection(ctx) {
  const rows = el('tbody', {});
  const more = el('button', { type: 'button', class: 'button secondary', hidden: true }, 'Show older entries');
  const kind = field('Show', { name: 'kind', options: LOG_KINDS });
  const outcome = field('Outcome', { name: 'outcome',
    options: [['', 'Any'], ['failure', 'Failed only'], ['success', 'Succeeded only']] });
  const status = el('p', { class: 'muted', role: 'status' });
  const csv = el('a', { class: 'button link', href: '/api/security/log/export', download: 'security-log.csv' },
    'Download as CSV');
  let cursor = null;
  let generation = 0; // a new filter or a refresh drops whatever page was still on its way
  const filter = () => {
    const query = new URLSearchParams();
    if (kind.input.value) query.set('kind', kind.input.value);
    if (outcome.input.value) query.set('outcome', outcome.input.value);
    return query;
  };
  const url = (path, extra = {}) => {
    const query = filter();
    Object.entries(extra).forEach(([key, value]) => query.set(key, value));
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  };
  /** Appends a page of entries; returns the first of them. */
  const render = (page) => {
    const first = rows.children.length;
    page.events.forEach((e) => rows.append(el('tr', { tabindex: '-1' },
      el('td', { 'data-label': 'When' }, when(e.occurredAt)),
      el('td', { 'data-label': 'What' }, e.summary),
      el('td', { 'data-label': 'Outcome' }, el('span', { class: `badge ${e.outcome === 'failure' ? 'off' : 'ok'}` },
        e.outcome)))));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    if (rows.children.length === 0) {
      rows.append(el('tr', {}, el('td', { colspan: 3, class: 'muted' },
        filter().toString() ? 'No entries of this kind.' : 'No entries yet.')));
    }
    return rows.children[first];
  };
  const load = async () => {
    const mine = generation;
    try {
      const page = await api('GET', url('/api/security/log', { limit: 20, ...(cursor ? { cursor } : {}) }));
      return mine === generation ? render(page) : null;
    } catch (error) {
      if (mine === generation) rows.append(el('tr', {}, el('td', { colspan: 3, class: 'error-text' }, describe(error))));
      return null;
    }
  };
  /** From the newest entry again: after a change on this page, or with another filter. */
  const reload = async (announce) => {
    const mine = ++generation;
    const page = await api('GET', url('/api/security/log', { limit: 20 })).catch((error) => ({ error }));
    if (mine !== generation) return;
    rows.replaceChildren();
    cursor = null;
    if (page.error) {
      more.hidden = true;
      rows.append(el('tr', {}, el('td', { colspan: 3, class: 'error-text' }, describe(page.error))));
      return;
    }
    render(page);
    if (announce) {
      status.textContent = page.events.length === 0 ? 'No entries of this kind.'
        : `Showing ${page.events.length}${page.nextCursor ? ' newest' : ''} `
          + `entr${page.events.length === 1 ? 'y' : 'ies'}.`;
    }
  };
  const filtered = () => {
    csv.setAttribute('href', url('/api/security/log/export'));
    reload(true);
  };
  kind.input.addEventListener('change', filtered);
  outcome.input.addEventListener('change', filtered);
  more.addEventListener('click', busy(more, async () => {
    const firstNew = await load();
    // The button goes away at the end of the log: focus to the first older entry, or to the heading.
    if (more.hidden) {
      if (firstNew) firstNew.focus(); else focusHeading('log');
    }
  }));
  ctx.refreshers.log = () => reload(false);
  load();
  return section('log', 'Security log',
    el('p', { class: 'muted' }, 'Sign-ins, changes to your security settings and the like, newest first.'),
    el('div', { class: 'filters' }, kind.wrapper, outcome.wrapper), status,
    el('table', { class: 'responsive' }, el('thead', {}, el('tr', {},
      ['When', 'What', 'Outcome'].map((h) => el('th', { scope: 'col' }, h)))), rows),
    el('div', { class: 'actions' }, more, csv));
}

function preferencesSection(ctx) {
  const language = field('Language of security e-mails', { name: 'locale',
    options: [['', 'English'], ['de', 'Deutsch']] });
  language.input.value = (ctx.state.me.locale || '').split('-')[0] === 'de' ? 'de' : '';
  // Saved on the button, not on each change: arrow keys move through a select's options one change at a time.
  const save = el('button', { type: 'submit', class: 'button secondary' }, 'Save');
  const form = el('form', { class: 'stack', novalidate: true }, language.wrapper, el('div', { class: 'actions' }, save));
  form.addEventListener('submit', busy(save, async () => {
    try {
      await api('PUT', '/api/me/locale', { locale: language.input.value });
      await ctx.reloadMe();
      language.setError('');
      toast('Saved.');
    } catch (error) {
      language.setError(describe(error));
    }
  }));
  return section('preferences', 'E-mail', form);
}

export async function renderSecurityPage(main, state, { reloadMe }) {
  document.title = 'Security · Warden';
  const ctx = { state, reloadMe, refreshers: {}, refresh: (name) => ctx.refreshers[name] && ctx.refreshers[name]() };
  ctx.rerender = async () => {
    await renderSecurityPage(main, state, { reloadMe });
    main.focus(); // what had focus was replaced
  };
  const heading = el('h1', {}, 'Security');
  // What the session is held to comes first, alone: the password change, then the two-factor set-up.
  if (state.me.passwordChangeRequired) {
    main.replaceChildren(heading, passwordSection(ctx));
    return;
  }
  if (state.me.twoFactorSetupRequired) {
    main.replaceChildren(heading, twoFactorSection(ctx, { forced: true }));
    return;
  }
  const nav = el('nav', { class: 'section-nav', 'aria-label': 'Sections' },
    [['password', 'Password'], ['sessions', 'Sessions'], ['two-factor', 'Two-factor'], ['tokens', 'API tokens'],
      ['log', 'Security log']].map(([id, text]) => el('a', { href: `#/security`, 'data-section': id,
      onclick: (event) => {
        event.preventDefault();
        document.getElementById(id).scrollIntoView();
        focusHeading(id);
      } }, text)));
  main.replaceChildren(heading, nav, passwordSection(ctx), sessionsSection(ctx), twoFactorSection(ctx),
    tokensSection(ctx), logSection(ctx), preferencesSection(ctx));
}
