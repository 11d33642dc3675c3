import { describe, expect, it } from 'vitest';
import { USDT_CONTRACTS } from '../assets.js';
import { twinOf } from '../wrong-network.js';
import { accountBytes, addressTopic, ethereumAddress, TRANSFER_TOPIC, tronAddress } from './accounts.js';

describe('Ethereum and Tron accounts are the same 20 bytes', () => {
  it("Tether's Tron contract is the account 0xa614…d13c, as the Tron explorers show its hex form", () => {
    const bytes = accountBytes(USDT_CONTRACTS.tron)!;
    expect(Buffer.from(bytes).toString('hex')).toBe('a614f803b6fd780986a42c78ec9c7f77e6ded13c');
    expect(tronAddress(bytes)).toBe(USDT_CONTRACTS.tron);
  });

  it('writes Ethereum addresses in their EIP-55 checksum case', () => {
    const bytes = accountBytes(USDT_CONTRACTS.ethereum.toLowerCase())!;
    expect(ethereumAddress(bytes)).toBe(USDT_CONTRACTS.ethereum);
  });

  it('refuses what is not an account: a bad checksum, another prefix, a bitcoin address', () => {
    expect(accountBytes('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u')).toBeNull();
    expect(accountBytes('0x1234')).toBeNull();
    expect(accountBytes('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBeNull();
  });

  it('knows the ERC-20 Transfer event topic and how an address is padded into one', () => {
    expect(TRANSFER_TOPIC).toBe('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef');
    expect(addressTopic(accountBytes(USDT_CONTRACTS.ethereum)!)).toBe(
      '0x000000000000000000000000dac17f958d2ee523a2206206994597c13d831ec7',
    );
  });

  it('the twin of a USDT invoice is the same account on the other network; other coins have none', () => {
    const address = USDT_CONTRACTS.ethereum;
    const twin = twinOf({ rail: { asset: 'USDT', network: 'ethereum' }, address });
    expect(twin).toEqual({
      rail: { asset: 'USDT', network: 'tron' },
      address: tronAddress(accountBytes(address)!),
    });
    expect(twinOf({ rail: { asset: 'USDT', network: 'tron' }, address: twin!.address })).toEqual({
      rail: { asset: 'USDT', network: 'ethereum' },
      address,
    });
    expect(twinOf({ rail: { asset: 'ETH', network: 'ethereum' }, address })).toBeNull();
  });
});
