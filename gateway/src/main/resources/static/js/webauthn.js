// WebAuthn in the browser: the server's options (JSON, binary values in base64url) to the objects
// navigator.credentials takes, and the credential it gives back to the JSON the server reads
// (PublicKeyCredential.toJSON()'s shape). The browser's own JSON methods are used where it has them.

/** Whether this browser can make and use passkeys at all. */
export function passkeysSupported() {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

function bytes(base64url) {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0)).buffer;
}

function base64url(buffer) {
  let binary = '';
  new Uint8Array(buffer).forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function descriptors(list) {
  return (list || []).map((d) => ({ ...d, id: bytes(d.id) }));
}

function creationOptions(json) {
  if (typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseCreationOptionsFromJSON(json);
  }
  return { ...json, challenge: bytes(json.challenge), user: { ...json.user, id: bytes(json.user.id) },
    excludeCredentials: descriptors(json.excludeCredentials) };
}

function requestOptions(json) {
  if (typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function') {
    return PublicKeyCredential.parseRequestOptionsFromJSON(json);
  }
  return { ...json, challenge: bytes(json.challenge), allowCredentials: descriptors(json.allowCredentials) };
}

function toJSON(credential) {
  if (typeof credential.toJSON === 'function') return credential.toJSON();
  const r = credential.response;
  const response = { clientDataJSON: base64url(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = base64url(r.attestationObject);
    response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
  } else {
    response.authenticatorData = base64url(r.authenticatorData);
    response.signature = base64url(r.signature);
    if (r.userHandle) response.userHandle = base64url(r.userHandle);
  }
  return { id: credential.id, rawId: base64url(credential.rawId), type: credential.type, response,
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment || undefined };
}

/** Makes a passkey for the server's creation options; resolves its JSON, or null when the user cancelled. */
export async function createPasskey(options) {
  try {
    return toJSON(await navigator.credentials.create({ publicKey: creationOptions(options) }));
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'AbortError') return null;
    throw error;
  }
}

/** Signs the server's request options with a passkey; resolves the answer's JSON, or null when cancelled. */
export async function usePasskey(options) {
  try {
    return toJSON(await navigator.credentials.get({ publicKey: requestOptions(options) }));
  } catch (error) {
    if (error.name === 'NotAllowedError' || error.name === 'AbortError') return null;
    throw error;
  }
}

/** What to tell the user when the browser itself refused (another passkey of this authenticator, no support). */
export function describeBrowserError(error) {
  if (error && error.name === 'InvalidStateError') return 'This passkey is added already.';
  if (error && error.name === 'NotSupportedError') return 'This browser or device cannot make a passkey.';
  return null;
}
