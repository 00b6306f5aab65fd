/**
 * Stands in for `@pdf-lib/standard-fonts` in the Lambda bundles
 * (BUNDLE_ALIASES in cdk/constructs/bundle-options.ts). pdf-lib needs that
 * package only to draw with the 14 standard PDF fonts, and the renderer
 * embeds its own font subsets (font-embedding.ts) and never does; the real
 * package is 130 KB of the pdf bundle and inflates its encoding tables when
 * it loads, at every cold start.
 */

const unused = (): never => {
  throw new Error('The standard PDF fonts are not bundled: the renderer embeds its own fonts.');
};

/** The 14 names, which pdf-lib lists when it loads (utils/objects.js). */
export enum FontNames {
  Courier = 'Courier',
  CourierBold = 'Courier-Bold',
  CourierOblique = 'Courier-Oblique',
  CourierBoldOblique = 'Courier-BoldOblique',
  Helvetica = 'Helvetica',
  HelveticaBold = 'Helvetica-Bold',
  HelveticaOblique = 'Helvetica-Oblique',
  HelveticaBoldOblique = 'Helvetica-BoldOblique',
  TimesRoman = 'Times-Roman',
  TimesRomanBold = 'Times-Bold',
  TimesRomanItalic = 'Times-Italic',
  TimesRomanBoldItalic = 'Times-BoldItalic',
  Symbol = 'Symbol',
  ZapfDingbats = 'ZapfDingbats',
}

export const Encodings = {};

export const Font = { load: unused };
