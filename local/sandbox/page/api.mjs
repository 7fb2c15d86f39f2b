/* global fetch */
/** The page's calls to the sandbox server; failures come back as Errors with its message. */

async function answer(response) {
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new Error((body && body.error) || 'The sandbox answered ' + response.status + '.');
  }
  return body;
}

export function getJson(path) {
  return fetch(path, { cache: 'no-store' }).then(answer);
}

export function postJson(path, body) {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  }).then(answer);
}
