/** The client address the per-client limit counts (contract §11): the viewer's behind CloudFront, never a spoofed header. */
import { afterEach, describe, expect, it } from 'vitest';
import { clientIpOf } from '../../shared/usecases/limits.js';

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe('clientIpOf', () => {
  it('is the API Gateway source IP when no header is configured', () => {
    delete process.env.CLIENT_IP_HEADER;
    expect(clientIpOf({ headers: { 'x-viewer-ip': '198.51.100.1' }, sourceIp: '203.0.113.9' })).toBe('203.0.113.9');
  });

  it('reads the viewer IP (bare, or CloudFront-Viewer-Address ip:port, IPv4 and IPv6) from the configured header', () => {
    process.env.CLIENT_IP_HEADER = 'X-Viewer-IP';
    expect(clientIpOf({ headers: { 'x-viewer-ip': '198.51.100.1' }, sourceIp: '203.0.113.9' })).toBe('198.51.100.1');
    expect(clientIpOf({ headers: { 'x-viewer-ip': '2001:db8::7' }, sourceIp: '203.0.113.9' })).toBe('2001:db8::7');
    process.env.CLIENT_IP_HEADER = 'cloudfront-viewer-address';
    expect(clientIpOf({ headers: { 'cloudfront-viewer-address': '198.51.100.1:443' } })).toBe('198.51.100.1');
    expect(clientIpOf({ headers: { 'cloudfront-viewer-address': '2001:db8::7:443' } })).toBe('2001:db8::7');
    expect(clientIpOf({ headers: {}, sourceIp: '203.0.113.9' })).toBe('203.0.113.9');
  });

  it('believes the header only with the origin secret CloudFront adds: a direct caller is counted by its source IP', () => {
    process.env.CLIENT_IP_HEADER = 'x-viewer-ip';
    process.env.ORIGIN_VERIFY_SECRET = 's3cret-value';
    expect(clientIpOf({ headers: { 'x-viewer-ip': '198.51.100.1', 'x-origin-verify': 's3cret-value' }, sourceIp: '130.176.1.1' })).toBe(
      '198.51.100.1',
    );
    expect(clientIpOf({ headers: { 'x-viewer-ip': '198.51.100.2' }, sourceIp: '203.0.113.9' })).toBe('203.0.113.9');
    expect(clientIpOf({ headers: { 'x-viewer-ip': '198.51.100.2', 'x-origin-verify': 'guess' }, sourceIp: '203.0.113.9' })).toBe(
      '203.0.113.9',
    );
  });
});
