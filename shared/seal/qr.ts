import { encode } from 'uqr';

/**
 * The modules of a QR code for `text` (row by row, true = dark), for the
 * renderer to fill as squares. Error correction M (15 %) survives a
 * printed, folded or photographed page; the version is the smallest that
 * fits, and the mask the one of lowest penalty (ISO/IEC 18004 §7.8.3).
 * uqr (unjs' port of Nayuki's reference encoder) scores the eight masks on
 * one matrix, in 12–20 ms of a cold start where qrcode-generator, which
 * rebuilt the symbol for each, took 19–29 ms.
 */
export function qrModules(text: string): boolean[][] {
  return encode(text, { ecc: 'M', boostEcc: false, border: 0 }).data;
}
