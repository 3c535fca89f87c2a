// The server's errors in words: what happened, then the server's own message, which names the limit or the field.
import { ApiError } from './api.js';

const BY_STATUS = {
  0: 'The server did not answer; is it still running?',
  400: 'The server could not read the request.',
  401: 'The server did not accept the access token.',
  404: 'The server has no such endpoint; is it an older version?',
  413: 'Too large for the server.',
  429: 'The server is busy: too many requests are waiting for the model. Try again in a moment.',
  503: 'The server cannot answer right now.',
};

const BY_CODE = {
  max_body_bytes: 'The request is larger than the server accepts.',
  max_texts: 'Too many texts in one request.',
  max_chars: 'The text is longer than the server accepts.',
  not_ready: 'The model is still loading.',
  stopping: 'The server is shutting down.',
  request_timeout: 'The model did not answer in time.',
};

/** A sentence a person can act on, for any error the page meets. */
export function inWords(error) {
  if (!(error instanceof ApiError)) {
    return 'Something went wrong in the page: ' + error.message;
  }
  const lead = BY_CODE[error.code] || BY_STATUS[error.status] || 'The server answered ' + error.status + '.';
  const status = error.status ? ' (' + error.status + ' ' + error.code + ')' : '';
  return lead + status + ' ' + error.message;
}

/** Bytes as a person reads them: 1.5 MiB, 20 KiB, 300 bytes. */
export function bytes(n) {
  if (n >= 1 << 20) {
    return (n / (1 << 20)).toFixed(n % (1 << 20) === 0 ? 0 : 1) + ' MiB';
  }
  if (n >= 1024) {
    return (n / 1024).toFixed(n % 1024 === 0 ? 0 : 1) + ' KiB';
  }
  return n + ' bytes';
}

/** A share as a percentage with one decimal. */
export function percent(share) {
  return (100 * share).toFixed(1) + '%';
}

/** Shows a message in an alert element (and unhides it), or hides it when the message is empty. */
export function show(element, message) {
  element.textContent = message || '';
  element.hidden = !message;
}
