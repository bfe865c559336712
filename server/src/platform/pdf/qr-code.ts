import QRCode from 'qrcode';

/** A PNG QR code of the text, medium error correction, to embed with doc.image. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
}
