// Browser tests drive Debian's Chromium; install it from Debian's packages where it is missing.
// Never downloads a browser of its own.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? '' : 'sudo ';
  console.log(`Chromium is not at ${CHROMIUM}: installing Debian's chromium package${asRoot ? '' : ' with sudo'}…`);
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
      stdio: 'inherit',
    });
  } catch {
    console.error(
      'Could not install chromium. Install it (apt-get install chromium) or set CHROMIUM_PATH, then run again.',
    );
    process.exit(1);
  }
}
