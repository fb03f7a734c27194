// Copies the vendored front-end libraries from web/node_modules into rasd/serve/static/vendor/.
// Why: the dashboard must work with no internet, so every file it loads is served by `rasd serve`;
// the files come from the npm registry at build time (`make web`) and are not committed.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const vendor = join(here, "..", "rasd", "serve", "static", "vendor");

// [package, file inside the package, name in vendor/]
const FILES = [
  ["leaflet", "dist/leaflet.js", "leaflet.js"],
  ["leaflet", "dist/leaflet.css", "leaflet.css"],
  ["leaflet.markercluster", "dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
  ["leaflet.markercluster", "dist/MarkerCluster.css", "MarkerCluster.css"],
  ["chart.js", "dist/chart.umd.min.js", "chart.umd.min.js"],
  ["topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"],
  ["world-atlas", "countries-50m.json", "countries-50m.json"],
  // the API's /docs page, served locally instead of from a CDN
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui.css"],
];

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });
const notices = [];
for (const [pkg, file, name] of FILES) {
  copyFileSync(join(modules, pkg, file), join(vendor, name));
}
for (const pkg of [...new Set(FILES.map(([p]) => p))]) {
  const meta = JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8"));
  notices.push(`${pkg} ${meta.version} (${meta.license}) — ${meta.homepage || ""}`);
  const licence = ["LICENSE", "LICENSE.md", "MIT-LICENCE.txt", "LICENSE.txt"]
    .map((f) => join(modules, pkg, f)).find((f) => existsSync(f));
  if (licence) copyFileSync(licence, join(vendor, `LICENSE.${pkg}.txt`));
}
writeFileSync(join(vendor, "VERSIONS.txt"), notices.join("\n") + "\n");
console.log(`vendored ${FILES.length} files into ${vendor}`);
