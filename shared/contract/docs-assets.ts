/**
 * The files of `swagger-ui-dist` the docs page (`GET /docs`) uses, by asset
 * name, with their content types. The CDK stack copies them into the public
 * function's bundle; `GET /docs/{asset}` serves them.
 */
export const DOCS_PACKAGE_FILES: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

/** Written by the API, not read from the package (whose initializer points at the Petstore). */
export const DOCS_INITIALIZER = 'swagger-initializer.js';

/** Every name `GET /docs/{asset}` serves; anything else is a 404. */
export const DOCS_ASSETS: readonly string[] = [
  ...Object.keys(DOCS_PACKAGE_FILES),
  DOCS_INITIALIZER,
];
