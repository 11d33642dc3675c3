import { crc16Hex } from './crc16.js';
import { decodeFields, EmvFormatError, encodeField, encodeFields, type EmvField } from './emv-tlv.js';

/**
 * VietQR: the NAPAS 247 profile of the EMVCo merchant-presented QR code, which every Vietnamese
 * banking app scans to prefill an interbank transfer (bank, account, amount, transfer content).
 *
 * Layout, per NAPAS "Technical Specifications on NAPAS QR Switching" v1.5.2 (Part IV, QR code format;
 * https://www.scribd.com/document/739763909) and the public summaries in
 * https://github.com/giautm/emvqr-go (README) and https://github.com/subiz/vietqr (README):
 *
 *   00 Payload Format Indicator       "01"
 *   01 Point of Initiation Method     "11" static (payer types the amount) / "12" dynamic (one payment)
 *   38 Merchant Account Information   template:
 *        00 GUID                      "A000000727" (NAPAS)
 *        01 Beneficiary organisation  template: 00 acquirer BIN (6 digits), 01 account or card number
 *        02 Service code              "QRIBFTTA" to an account, "QRIBFTTC" to a card
 *   53 Transaction Currency           "704" (VND, ISO 4217 numeric)
 *   54 Transaction Amount             VND, integer (VND has no minor unit)
 *   58 Country Code                   "VN"
 *   62 Additional Data Field          template: 08 purpose of transaction (the transfer content, ≤ 25)
 *   63 CRC                            CRC-16/CCITT-FALSE over everything before it, including "6304"
 */

export const NAPAS_GUID = 'A000000727';
export const SERVICE_CODES = { account: 'QRIBFTTA', card: 'QRIBFTTC' } as const;
export type VietQrService = keyof typeof SERVICE_CODES;

/** Longest purpose NAPAS lets through (ID 62 / 08); banks cut anything longer. */
export const MAX_PURPOSE_LENGTH = 25;
/** Longest account or card number in the beneficiary template (ID 38 / 01 / 01). */
export const MAX_ACCOUNT_LENGTH = 19;
/** ID 54 holds at most 13 characters (EMVCo). */
const MAX_AMOUNT_DIGITS = 13;

export interface VietQrTransfer {
  /** NAPAS bank identification number, e.g. "970415" (VietinBank). */
  bankBin: string;
  accountNumber: string;
  service: VietQrService;
  /** VND, whole dong; absent for a static code where the payer types the amount. */
  amount?: number | undefined;
  /** The transfer content the bank statement will carry: our per-payment memo code. */
  purpose?: string | undefined;
}

export interface ParsedVietQr extends VietQrTransfer {
  initiation: 'static' | 'dynamic';
}

export type VietQrParseResult =
  { ok: true; value: ParsedVietQr } | { ok: false; reason: 'crc' | 'format' | 'not_vietqr'; detail: string };

export class VietQrError extends Error {
  override readonly name = 'VietQrError';
}

/** Banking apps reject or mangle anything but printable ASCII in these fields. */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

function checkTransfer(t: VietQrTransfer) {
  if (!/^\d{6}$/.test(t.bankBin)) throw new VietQrError(`bank BIN must be 6 digits: ${t.bankBin}`);
  if (!/^[0-9A-Za-z]+$/.test(t.accountNumber) || t.accountNumber.length > MAX_ACCOUNT_LENGTH) {
    throw new VietQrError(`account number must be 1..${MAX_ACCOUNT_LENGTH} letters or digits`);
  }
  if (t.amount !== undefined) {
    if (!Number.isSafeInteger(t.amount) || t.amount <= 0 || String(t.amount).length > MAX_AMOUNT_DIGITS) {
      throw new VietQrError(`amount must be a positive whole number of VND: ${t.amount}`);
    }
  }
  if (t.purpose !== undefined) {
    if (!PRINTABLE_ASCII.test(t.purpose) || t.purpose.length > MAX_PURPOSE_LENGTH) {
      throw new VietQrError(`purpose must be 1..${MAX_PURPOSE_LENGTH} printable ASCII characters`);
    }
  }
}

/** The payload string to render as a QR code. A set amount makes it dynamic ("12"): one payment. */
export function buildVietQr(transfer: VietQrTransfer): string {
  checkTransfer(transfer);
  const beneficiary = encodeFields([
    { id: '00', value: transfer.bankBin },
    { id: '01', value: transfer.accountNumber },
  ]);
  const fields: EmvField[] = [
    { id: '00', value: '01' },
    { id: '01', value: transfer.amount === undefined ? '11' : '12' },
    {
      id: '38',
      value: encodeFields([
        { id: '00', value: NAPAS_GUID },
        { id: '01', value: beneficiary },
        { id: '02', value: SERVICE_CODES[transfer.service] },
      ]),
    },
    { id: '53', value: '704' },
  ];
  if (transfer.amount !== undefined) fields.push({ id: '54', value: String(transfer.amount) });
  fields.push({ id: '58', value: 'VN' });
  if (transfer.purpose !== undefined) {
    fields.push({ id: '62', value: encodeField('08', transfer.purpose) });
  }
  const body = `${encodeFields(fields)}6304`;
  return `${body}${crc16Hex(body)}`;
}

const fail = (reason: 'crc' | 'format' | 'not_vietqr', detail: string): VietQrParseResult => ({
  ok: false,
  reason,
  detail,
});

/**
 * Reads a VietQR payload back, checking the CRC first: a scanned or pasted code with one character
 * changed is refused rather than read as a transfer to somewhere else.
 */
export function parseVietQr(payload: string): VietQrParseResult {
  const crcMatch = /6304([0-9A-Fa-f]{4})$/.exec(payload);
  if (!crcMatch) return fail('format', 'no CRC field (63) at the end');
  const body = payload.slice(0, payload.length - 4);
  if (crc16Hex(body) !== crcMatch[1]?.toUpperCase()) return fail('crc', 'CRC does not match the payload');

  let root: EmvField[];
  try {
    root = decodeFields(payload);
  } catch (error) {
    return fail('format', (error as EmvFormatError).message);
  }
  if (root[0]?.id !== '00' || root[0].value !== '01') return fail('format', 'must start with 000201');
  if (root.at(-1)?.id !== '63') return fail('format', 'CRC must be the last field');
  const get = (id: string) => root.find((f) => f.id === id)?.value;

  const initiation = get('01');
  if (initiation !== undefined && initiation !== '11' && initiation !== '12') {
    return fail('format', `point of initiation ${initiation}`);
  }
  const merchant = get('38');
  if (merchant === undefined) return fail('not_vietqr', 'no NAPAS merchant account (38)');
  try {
    const account = decodeFields(merchant);
    const sub = (id: string) => account.find((f) => f.id === id)?.value;
    if (sub('00') !== NAPAS_GUID) return fail('not_vietqr', `GUID ${sub('00')}`);
    const service = (Object.keys(SERVICE_CODES) as VietQrService[]).find(
      (k) => SERVICE_CODES[k] === sub('02'),
    );
    if (!service) return fail('not_vietqr', `service code ${sub('02')}`);
    const beneficiary = decodeFields(sub('01') ?? '');
    const bankBin = beneficiary.find((f) => f.id === '00')?.value ?? '';
    const accountNumber = beneficiary.find((f) => f.id === '01')?.value ?? '';

    if (get('53') !== '704') return fail('not_vietqr', `currency ${get('53')}`);
    if (get('58') !== 'VN') return fail('not_vietqr', `country ${get('58')}`);
    const amountText = get('54');
    if (amountText !== undefined && !/^\d+$/.test(amountText)) {
      return fail('format', `VND amount must be whole dong: ${amountText}`);
    }
    const additional = get('62');
    const purpose =
      additional === undefined ? undefined : decodeFields(additional).find((f) => f.id === '08')?.value;

    const value: ParsedVietQr = {
      initiation: initiation === '12' ? 'dynamic' : 'static',
      bankBin,
      accountNumber,
      service,
      amount: amountText === undefined ? undefined : Number(amountText),
      purpose,
    };
    checkTransfer(value);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof EmvFormatError || error instanceof VietQrError) return fail('format', error.message);
    throw error;
  }
}
