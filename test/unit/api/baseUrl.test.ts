import { parseBaseUrl } from '../../../src/api';

describe('parseBaseUrl', () => {
  test.each([
    ['https://api.respond.io/v2', 'https://api.respond.io/v2'],
    ['  https://api.respond.io/v2/  ', 'https://api.respond.io/v2'],
    ['HTTPS://API.Respond.io/v2//', 'https://api.respond.io/v2'],
    ['https://api.is-messenger.example/v3', 'https://api.is-messenger.example/v3'],
    ['https://chat.example.com:8443/api/v2', 'https://chat.example.com:8443/api/v2'],
    ['http://localhost:8787/v2', 'http://localhost:8787/v2'],
    ['http://127.0.0.1:8787/v2/', 'http://127.0.0.1:8787/v2'],
    ['http://[::1]:8787/v2', 'http://[::1]:8787/v2'],
  ])('accepts %s as %s', (input, expected) => {
    expect(parseBaseUrl(input)).toEqual({ ok: true, baseUrl: expected });
  });

  test.each([
    ['', /Enter the workspace API base URL/],
    ['api.respond.io/v2', /must start with https:\/\//],
    ['ftp://api.respond.io/v2', /must start with https:\/\//],
    [
      'http://api.respond.io/v2',
      /must use https:\/\/ \(plain http:\/\/ is allowed only for localhost\)/,
    ],
    ['http://192.168.1.5/v2', /allowed only for localhost/],
    ['https://api.respond.io/v2?x=1', /must not contain "\?" or "#"/],
    ['https://user:pw@api.respond.io/v2', /user name or password/],
    ['https://api respond.io/v2', /spaces/],
    ['https://-bad-.example/v2', /not a valid host name/],
    ['https:///v2', /not a valid host name/],
    ['https://api.respond.io:99999/v2', /not a valid port/],
  ])('rejects %j with a message a person can act on', (input, message) => {
    const result = parseBaseUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
