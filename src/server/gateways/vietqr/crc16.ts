/**
 * CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final XOR), the
 * checksum EMVCo MPM and NAPAS VietQR put in field 63. It is computed over the UTF-8 bytes of the
 * whole payload up to and including "6304", and written as four uppercase hex digits.
 * Source: EMVCo QR Code Specification for Payment Systems (MPM), data object ID "63", as restated in
 * NAPAS "Technical Specifications on NAPAS QR Switching" v1.5.2 and https://github.com/subiz/vietqr.
 */
export function crc16CcittFalse(text: string): number {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

export function crc16Hex(text: string): string {
  return crc16CcittFalse(text).toString(16).toUpperCase().padStart(4, '0');
}
