/**
 * The token never travels on in a message, and a token that cannot work is refused before any
 * request with a sentence saying what is wrong with it.
 */
import { MAX_TOKEN_BYTES, tokenProblem, withoutSecrets } from '../../../src/api/secrets';
import { sendHttp } from '../../../local/http';

const TOKEN = 'tok_live_9f8e7d6c5b4a';

describe('withoutSecrets', () => {
  test.each([
    [`Headers.append: "Bearer ${TOKEN}" is an invalid header value.`, 'Bearer …'],
    [`request failed: {"Authorization":"Bearer ${TOKEN}"}`, '"Authorization":"…"'],
    [`Authorization: ${TOKEN}`, 'Authorization: …'],
    [`token ${TOKEN} was refused`, 'token … was refused'],
  ])('%s', (message, kept) => {
    const scrubbed = withoutSecrets(message, TOKEN);
    expect(scrubbed).not.toContain(TOKEN);
    expect(scrubbed).toContain(kept);
  });

  test('each line of a token holding a line break is removed', () => {
    const token = `${TOKEN}\nsecond-half-1234`;
    const message = `Headers.append: "Bearer ${token}" is an invalid header value.`;
    const scrubbed = withoutSecrets(message, token);
    expect(scrubbed).not.toContain(TOKEN);
    expect(scrubbed).not.toContain('second-half-1234');
  });

  test('a message without secrets is unchanged', () => {
    expect(withoutSecrets('connect ECONNREFUSED 127.0.0.1:9', TOKEN)).toBe(
      'connect ECONNREFUSED 127.0.0.1:9',
    );
  });
});

describe('tokenProblem', () => {
  test.each([
    [TOKEN, null],
    ['a'.repeat(MAX_TOKEN_BYTES), null],
    ['a'.repeat(MAX_TOKEN_BYTES + 1), /is 5 KB long.*at most 4 KB/],
    [`${TOKEN}\r\nx`, /line break/],
    [`${TOKEN}\u0000`, /control character/],
    [`${TOKEN}\u009b`, /control character/],
  ])('%#', (token, expected) => {
    const problem = tokenProblem(token);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("the CLI's transport", () => {
  test('a library error quoting the Authorization header comes back without the token', async () => {
    // Node's fetch refuses a header value with a line break and quotes it whole.
    const token = `${TOKEN}\nsecond-half-1234`;
    const result = await sendHttp(
      { method: 'GET', url: 'http://127.0.0.1:9/v2/contact/1', headers: {} } as never,
      { token },
    );
    expect(result.status).toBe(0);
    const error = 'error' in result ? result.error : '';
    expect(error).toMatch(/invalid header value/);
    expect(error).not.toContain(TOKEN);
    expect(error).not.toContain('second-half-1234');
  });
});
