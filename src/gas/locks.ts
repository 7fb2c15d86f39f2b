/**
 * The document lock, which allows one check or import per spreadsheet at a time. A slice
 * holds it for minutes; a review, an onEdit or "Apply suggested fixes" beside it takes it
 * briefly when it can, and otherwise writes only the cells it changes.
 */

/**
 * The lock that allows one check or import per spreadsheet at a time. Google's
 * getDocumentLock() returns `Lock|null`: "If this method is called outside of the context of
 * a containing document (such as from a standalone script or webapp), null is returned."
 * (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
 * Then the script lock stands in. It excludes every execution of the add-on, which includes
 * every execution on this spreadsheet, so two imports of one sheet still cannot interleave:
 * at worst an unrelated spreadsheet waits its turn (slower, never unsafe). A user lock would
 * not exclude a teammate's import of the same sheet; refusing to run would stop imports
 * for no gain in safety.
 */
function documentLock_(): GoogleAppsScript.Lock.Lock {
  const lock = LockService.getDocumentLock() as GoogleAppsScript.Lock.Lock | null;
  return lock ?? LockService.getScriptLock();
}

/**
 * Runs `work` holding the document lock when it can be had within `waitMs`, telling it
 * whether it got it. A slice holds the lock for minutes, so a review or an onEdit beside it
 * goes on without: then it writes only the cells it changes (never joining them with
 * unchanged cells read a moment ago, which the slice may have rewritten since).
 */
export function withShortLock_<T>(work: (held: boolean) => T, waitMs = 500): T {
  const lock = documentLock_();
  const held = lock.tryLock(waitMs);
  try {
    return work(held);
  } finally {
    if (held) lock.releaseLock();
  }
}

/** Runs `work` holding the document lock, or answers `busy()` when it is not had in `waitMs`. */
export function withDocumentLock_<T>(waitMs: number, busy: () => T, work: () => T): T {
  const lock = documentLock_();
  if (!lock.tryLock(waitMs)) return busy();
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
