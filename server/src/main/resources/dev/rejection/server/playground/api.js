// The server's JSON API, as the page calls it: one place that adds the bearer token, reads JSON errors and turns
// them into ApiError. The token lives in this module's closure only: never in storage, never in a URL.

/** An answer other than 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

export function createApi() {
  let token = null;

  async function call(method, path, body, contentType) {
    const headers = {};
    if (token !== null) {
      headers['Authorization'] = 'Bearer ' + token;
    }
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : contentType ? body : JSON.stringify(body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'no answer from the server (' + e.message + ')');
    }
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const error = json && json.error ? json.error : {};
      const retry = Number(response.headers.get('Retry-After'));
      throw new ApiError(response.status, error.code || 'http_' + response.status,
        error.message || text.slice(0, 200) || response.statusText, Number.isFinite(retry) ? retry : null);
    }
    if (json === null) {
      throw new ApiError(response.status, 'not_json', 'the server answered with something other than JSON');
    }
    return json;
  }

  return {
    setToken(value) {
      token = value;
    },
    hasToken() {
      return token !== null;
    },
    info: () => call('GET', '/v1/info'),
    classify: (body) => call('POST', '/v1/classify', body),
    evaluate: (body) => call('POST', '/v1/evaluate', body),
    records: (file, params) => call('POST', '/v1/records?' + new URLSearchParams(params), file,
      'application/octet-stream'),
  };
}
