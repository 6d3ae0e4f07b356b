// Shows /api/docs/openapi.json. "Try it out" calls the API from this page as the Security page
// does: with the session cookie, and on unsafe requests the XSRF-TOKEN cookie's value echoed in
// X-XSRF-TOKEN, which the gateway checks (double-submit).
function xsrfToken() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : null;
}

window.SwaggerUIBundle({
  url: '/api/docs/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  withCredentials: true,
  requestInterceptor: (request) => {
    const token = xsrfToken();
    if (token && !['GET', 'HEAD', 'OPTIONS'].includes((request.method || 'GET').toUpperCase())) {
      request.headers['X-XSRF-TOKEN'] = token;
    }
    return request;
  },
});
