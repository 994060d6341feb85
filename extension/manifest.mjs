// Prints the manifest for one browser: node manifest.mjs <chromium|firefox> <version>
// One source manifest (manifest.json, Chromium's form); Firefox differs only
// where its MV3 does: an event page instead of a service worker, and an id.
import { readFileSync } from 'node:fs';

const [browser, version] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(new URL('./manifest.json', import.meta.url), 'utf8'));
manifest.version = version;
if (browser === 'firefox') {
  manifest.background = { scripts: ['background.js'], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: {
      id: 'reader@lectern.dev',
      strict_min_version: '140.0',
      // Lectern reads pages locally and sends nothing anywhere.
      data_collection_permissions: { required: ['none'] },
    },
    // Firefox for Android reads data_collection_permissions from 142 on.
    gecko_android: { strict_min_version: '142.0' },
  };
} else if (browser !== 'chromium') {
  console.error('usage: node manifest.mjs <chromium|firefox> <version>');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
