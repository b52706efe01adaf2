import ipaddr from 'ipaddr.js';

/**
 * The address as rate limits and blocks count it: an IPv4 address alone (/32), an IPv6 address by its
 * /56 (what one home or one server is usually given, so rotating through it gains nothing). IPv4
 * mapped into IPv6 counts as IPv4. Undefined for anything that is not an address.
 */
export function groupIpAddress(address: string | undefined): string | undefined {
  if (!address || !ipaddr.isValid(address)) return undefined;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.kind() === 'ipv4') return `${parsed.toString()}/32`;
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/56`);
  return `${network.toString()}/56`;
}
