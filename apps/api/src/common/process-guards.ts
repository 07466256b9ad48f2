/**
 * The last line of defence for a long-running server: an unhandled rejection (a bug in some
 * connection handler) is logged and that connection is lost, but the process and every other user's
 * connection stay up. Node's default would exit the process.
 */
export function surviveUnhandledRejections(log: (message: string) => void = (m) => console.error(m)): void {
  process.on('unhandledRejection', (reason) => {
    log(`unhandled rejection (kept running): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
}
