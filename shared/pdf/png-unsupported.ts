/**
 * Stands in for `@pdf-lib/upng` in the Lambda bundles (BUNDLE_ALIASES in
 * cdk/constructs/bundle-options.ts): pdf-lib decodes PNG images with it for
 * `embedPng`, and the summaries have no images (the QR code is drawn as
 * squares). 25 KB of the pdf bundle, with tables built when it loads.
 */
const unsupported = (): never => {
  throw new Error('PNG images are not supported: the summaries draw no images.');
};

export default { decode: unsupported, toRGBA8: unsupported };
