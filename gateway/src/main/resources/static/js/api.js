// The suite's HTTP API as the page uses it: JSON in and out, the session cookie sent by the browser, the CSRF
// token echoed from its cookie on every change, and problem+json answers turned into ApiError.

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.status = status;
    this.code = problem.code || 'unknown';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
    this.retryAfter = retryAfter ? Number(retryAfter) : null;
  }

  /** The message for one field, if the server named it. */
  forField(field) {
    return this.errors.filter((e) => e.field === field).map((e) => e.message).join(' ');
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

let onSignedOut = () => {};

/** Called when the session is gone (401 on an authenticated call). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

/** The session is gone, found out by a call that does not say so itself (re-authentication). */
export function signedOut() {
  onSignedOut();
}

export async function api(method, path, body, { quietUnauthenticated = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (networkFailure) {
    throw new ApiError(0, { code: 'network', title: 'The server cannot be reached. Check your connection.' });
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : { title: await response.text() };
  if (!response.ok) {
    const error = new ApiError(response.status, data, response.headers.get('Retry-After'));
    // A refused password or passkey answer is about that answer, not the session.
    if (response.status === 401 && !quietUnauthenticated && error.code !== 'invalid_credentials'
      && !String(error.code || '').startsWith('passkey_')) {
      onSignedOut();
    }
    throw error;
  }
  return data;
}
