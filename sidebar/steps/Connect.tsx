import { useState } from 'preact/hooks';
import type { ConnectionTest } from '../../src/rpc';
import { DEFAULT_BASE_URL, parseBaseUrl } from '../../src/api/baseUrl';
import { ErrorText } from '../components/Alert';
import { StepFooter } from '../components/StepFooter';
import { useAction } from '../components/useAction';
import { callServer } from '../server';
import { useWizard } from '../wizard';

/**
 * Step 0: the workspace's API base URL and the person's token. The token is write-only:
 * once saved the sidebar only ever shows its last four characters.
 */
export function Connect() {
  const { w, dispatch } = useWizard();
  const { connection } = w;
  const [baseUrl, setBaseUrl] = useState(connection.baseUrl || DEFAULT_BASE_URL);
  const [token, setToken] = useState('');
  const [urlTouched, setUrlTouched] = useState(false);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const save = useAction();
  const tester = useAction();
  const leave = useAction();

  const url = parseBaseUrl(baseUrl);
  const newToken = token.trim();
  const urlChanged = url.ok && url.baseUrl !== connection.baseUrl;
  const saveBlockedBy = !url.ok
    ? 'Fix the API base URL first.'
    : newToken === '' && !connection.hasToken
      ? 'Enter your API access token.'
      : null;
  const somethingToSave = newToken !== '' || urlChanged || !connection.hasToken;
  const busy = save.pending || tester.pending || leave.pending;

  /** Refreshes what depends on the connection: the workspace's custom fields. */
  const refresh = async (info = connection) => {
    const state = await callServer('getWizardState');
    dispatch({ type: 'connection', connection: info, state });
  };

  const runTest = () =>
    tester.run(async () => {
      setTest(null);
      setTest(await callServer('testConnection'));
      await refresh();
    });

  const saveAndTest = () => {
    setUrlTouched(true);
    if (!url.ok || saveBlockedBy) return;
    return save.run(async () => {
      setTest(null);
      const info = await callServer('saveConnection', {
        baseUrl: url.baseUrl,
        token: newToken === '' ? null : newToken,
      });
      // The token leaves the page as soon as it is saved.
      setToken('');
      dispatch({ type: 'connection', connection: info });
      setBaseUrl(info.baseUrl);
      setTest(await callServer('testConnection'));
      await refresh(info);
    });
  };

  const disconnect = () =>
    leave.run(async () => {
      setTest(null);
      const info = await callServer('disconnect');
      dispatch({ type: 'connection', connection: info });
      setBaseUrl(info.baseUrl || DEFAULT_BASE_URL);
    });

  const showUrlProblem = urlTouched && !url.ok;
  return (
    <section class="step" aria-labelledby="step-title">
      <p class="gray">
        The sidebar sends contacts to your workspace through its API. The token is kept for you
        only: other editors of this sheet never see it.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void saveAndTest();
        }}
      >
        <div class="field">
          <label for="base-url">API base URL</label>
          <input
            id="base-url"
            type="url"
            value={baseUrl}
            spellcheck={false}
            autocomplete="off"
            aria-invalid={showUrlProblem}
            aria-describedby={showUrlProblem ? 'base-url-problem' : 'base-url-hint'}
            onInput={(e) => setBaseUrl(e.currentTarget.value)}
            onBlur={() => setUrlTouched(true)}
          />
          {showUrlProblem ? (
            <p class="error small" id="base-url-problem" role="alert">
              {url.message}
            </p>
          ) : (
            <p class="gray small" id="base-url-hint">
              respond.io or your white-label host; https only.
            </p>
          )}
        </div>
        <div class="field">
          <label for="token">API access token</label>
          <input
            id="token"
            type="password"
            value={token}
            autocomplete="off"
            aria-describedby="token-hint"
            placeholder={connection.hasToken ? 'Leave empty to keep the saved token' : ''}
            onInput={(e) => setToken(e.currentTarget.value)}
          />
          <p class="gray small" id="token-hint">
            {connection.hasToken ? (
              <>
                Saved token:{' '}
                <span class="mono" data-testid="token-last4">
                  ••••{connection.tokenLast4 ?? ''}
                </span>
              </>
            ) : (
              'In the workspace: Settings › Integrations › Developer API.'
            )}
          </p>
        </div>
        <div class="buttons">
          {somethingToSave && (
            <button
              type="submit"
              class="action"
              disabled={busy || saveBlockedBy !== null}
              aria-describedby={saveBlockedBy ? 'save-reason' : undefined}
            >
              {save.pending ? 'Saving…' : 'Save and test'}
            </button>
          )}
          {connection.hasToken && (
            <button type="button" onClick={runTest} disabled={busy}>
              {tester.pending ? 'Testing…' : 'Test connection'}
            </button>
          )}
        </div>
        {saveBlockedBy && somethingToSave && (
          <p class="reason" id="save-reason">
            {saveBlockedBy}
          </p>
        )}
      </form>

      <ErrorText message={save.error ?? tester.error ?? leave.error} />
      {test && (
        <p
          class={test.ok ? 'notice ok' : 'notice error'}
          role={test.ok ? 'status' : 'alert'}
          data-testid="connection-test"
        >
          {test.message}
        </p>
      )}

      {connection.hasToken && (
        <p>
          <button type="button" class="link" onClick={disconnect} disabled={busy}>
            Disconnect
          </button>{' '}
          <span class="gray small">removes your saved token</span>
        </p>
      )}

      <StepFooter
        next={{
          label: 'Next',
          onClick: () => dispatch({ type: 'go', step: 'source' }),
          blockedBy: connection.hasToken ? null : 'Save an API token to go on.',
        }}
      />
    </section>
  );
}
