import qrcode from 'qrcode-generator';

/**
 * The modules of a QR code for `text` (row by row, true = dark), for the
 * renderer to fill as squares. Error correction M (15 %) survives a
 * printed, folded or photographed page; the type number is the smallest
 * that fits.
 */
export function qrModules(text: string): boolean[][] {
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => code.isDark(row, column)),
  );
}
