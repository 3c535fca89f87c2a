// The page's wiring: connect (asking for the token when the server wants one), then one threshold that both
// sections read. Data flows one way: the server's answers into each section's state, state into the DOM.
import { createApi } from './api.js';
import { answerSection } from './answer.js';
import { fileSection } from './file.js';
import { bytes, inWords, show } from './words.js';

const api = createApi();
const status = document.getElementById('status');
const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('token');
const tokenError = document.getElementById('token-error');
const playground = document.getElementById('playground');
const slider = document.getElementById('threshold');
const sliderValue = document.getElementById('threshold-value');
const LOADING_RETRY_MS = 1000;
const EVALUATE_DELAY_MS = 200;

let info = null;
let threshold = 0.5;

const page = {
  info: () => info,
  threshold: () => threshold,
  setThreshold(value) {
    setThreshold(value);
  },
  /** Any call that met 401 brings the token form back: the server may have been restarted with another token. */
  failed(error) {
    if (error.status === 401) {
      askForToken(inWords(error));
    }
  },
};
const answer = answerSection(api, page);
const file = fileSection(api, page);

let pending = null;
function setThreshold(value) {
  threshold = value;
  slider.value = String(value);
  sliderValue.textContent = format(value);
  answer.render(value);
  clearTimeout(pending);
  pending = setTimeout(() => file.threshold(), EVALUATE_DELAY_MS);
}

/** Two decimals, three when the threshold has them (0.5 → 0.50, 0.437 → 0.437). */
function format(t) {
  const hundredths = t * 100;
  return Math.abs(hundredths - Math.round(hundredths)) < 1e-9 ? t.toFixed(2) : t.toFixed(3);
}

slider.addEventListener('input', () => setThreshold(Number(slider.value)));
document.getElementById('threshold-reset').addEventListener('click', () => setThreshold(info.threshold));

function askForToken(message) {
  playground.hidden = true;
  tokenForm.hidden = false;
  show(tokenError, message);
  status.textContent = 'This server needs an access token.';
  tokenInput.focus();
}

tokenForm.addEventListener('submit', (e) => {
  e.preventDefault();
  api.setToken(tokenInput.value.trim());
  tokenInput.value = '';
  connect();
});

async function connect() {
  try {
    info = await api.info();
  } catch (error) {
    if (error.status === 401) {
      askForToken(api.hasToken() ? inWords(error) : '');
    } else if (error.status === 503 && error.code === 'not_ready' && !/failed/.test(error.message)) {
      status.textContent = 'The model is loading…';
      setTimeout(connect, LOADING_RETRY_MS);
    } else {
      status.textContent = inWords(error);
    }
    return;
  }
  tokenForm.hidden = true;
  show(tokenError, '');
  playground.hidden = false;
  status.textContent = 'Ready: ' + info.mode + ' mode, threshold ' + info.threshold + '; up to '
    + info.limits.max_texts + ' texts and ' + bytes(info.limits.max_body_bytes) + ' per request, '
    + info.limits.max_chars.toLocaleString('en') + ' characters per text.';
  setThreshold(info.threshold);
  document.getElementById('prompt-help').textContent = info.reads_prompts
    ? '(optional: this model reads the answer after its prompt)'
    : '(optional: sent, but this model reads answers alone)';
}

connect();
