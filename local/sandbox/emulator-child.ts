/**
 * The emulator's command line (emulator/main.ts), run as the sandbox's child process, that
 * also stops when the sandbox is gone. A sandbox stopped normally stops its emulator; one
 * killed outright (kill -9, a test runner's timeout) cannot, but its end closes this
 * process's stdin, and that is the signal to go too, the way the emulator stops on SIGTERM.
 */
// The emulator reads its flags from process.argv, which this process was given unchanged.
import '../../emulator/main';

process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
